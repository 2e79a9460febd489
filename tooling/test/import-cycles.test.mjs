// No import cycles in packages/*/src and apps/*/src (find-import-cycles.mjs); and the finder itself
// on small constructed trees: static, type-only, re-export and dynamic imports all count.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  importCycles,
  importGraph,
  workspaceSourceRoots,
} from '../import-cycles/find-import-cycles.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the workspace sources', () => {
  it('have no import cycles', () => {
    const cycles = importCycles(importGraph(workspaceSourceRoots(ROOT)), ROOT);
    expect(cycles.map((cycle) => cycle.join(' ↔ '))).toEqual([]);
  });

  it('are all scanned: every package and app with a src directory', () => {
    const roots = workspaceSourceRoots(ROOT).map((root) => root.slice(ROOT.length + 1));
    expect(roots).toContain('apps/cli/src');
    expect(roots).toContain('packages/training/src');
    expect(roots).toContain('packages/nri/src');
  });
});

describe('importCycles', () => {
  const root = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;
  /** A tree of files (path → source) under a fresh src/; returns its cycles. */
  const cyclesOf = (files) => {
    const src = join(root, `t${count++}`, 'src');
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(src, path)), { recursive: true });
      writeFileSync(join(src, path), source);
    }
    return importCycles(importGraph([src]), src);
  };

  it('finds a cycle through a type-only import, a re-export and a dynamic import', () => {
    expect(
      cyclesOf({
        'a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
        'b.ts': "export { c } from './sub/c.js';\nexport type B = number;\n",
        'sub/c.ts': "export const c = () => import('../a.js');\n",
        'd.ts': "import { c } from './sub/c.js';\nexport const d = c;\n",
      }),
    ).toEqual([['a.ts', 'b.ts', 'sub/c.ts']]);
  });

  it('finds a self-import and separate cycles; a one-way graph has none', () => {
    expect(
      cyclesOf({
        'self.ts': "import './self.js';\n",
        'x.ts': "import { y } from './y.js';\nexport const x = y;\n",
        'y.ts': "import { x } from './x.js';\nexport const y = x;\n",
        'index.ts': "import './x.js';\nimport './dir/index.js';\n",
        'dir/index.ts': "import '../x.js';\n",
      }),
    ).toEqual([['self.ts'], ['x.ts', 'y.ts']]);
    expect(
      cyclesOf({
        'a.ts':
          "import { b } from './b.js';\nimport { readFileSync } from 'node:fs';\n// import './a.js'\nexport const a = [b, readFileSync];\n",
        'b.ts': 'export const b = \'import "./a.js"\';\n',
      }),
    ).toEqual([]);
  });
});
