// The browser-safe `/text` entry: the tokeniser's rule, and that the entry's import graph
// reaches neither tfjs nor Node built-ins (the demo page bundles it for a browser).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tokenize, Vocabulary } from '../src/text.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every module specifier reachable from `file` through relative imports. */
function reachableImports(file: string, seen = new Set<string>()): Set<string> {
  const specifiers = new Set<string>();
  if (seen.has(file)) return specifiers;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) {
    const spec = m[1];
    specifiers.add(spec);
    if (spec.startsWith('.')) {
      const next = join(dirname(file), spec.replace(/\.js$/, '.ts'));
      for (const s of reachableImports(next, seen)) specifiers.add(s);
    }
  }
  return specifiers;
}

describe('@sst-tricks/l2x/text', () => {
  it('tokenises as the BeerAdvocate release: lower case, punctuation split off', () => {
    expect(tokenize('Pours a HAZY amber, (very) nice!  "Wow."')).toEqual([
      'pours',
      'a',
      'hazy',
      'amber',
      ',',
      '(',
      'very',
      ')',
      'nice',
      '!',
      '"',
      'wow',
      '.',
      '"',
    ]);
    expect(tokenize('   ')).toEqual([]);
    const vocabulary = new Vocabulary(['<pad>', '<unk>', 'pours', 'amber']);
    expect(tokenize('Pours amber foam').map((t) => vocabulary.id(t))).toEqual([2, 3, 1]);
  });

  it('imports neither tfjs nor Node built-ins', () => {
    const imports = [...reachableImports(join(SRC, 'text.ts'))];
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((s) => !s.startsWith('.'))).toEqual([]);
  });
});
