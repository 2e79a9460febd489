import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  depthOf,
  evaluate,
  generateListOps,
  generateSplits,
  goldHeads,
  ListOpsFormatError,
  parseTokens,
  readListOps,
  verifyListOps,
  writeListOps,
} from '../src/index.js';

const FIXTURE = new URL('./fixtures/listops_spinn_master_test_small.tsv', import.meta.url);
const fixtureText = readFileSync(FIXTURE, 'utf8');

/** Every non-root token has one head and following heads from any token reaches 0 (no cycle). */
function isArborescence(heads: Int32Array): boolean {
  if (heads[0] !== -1) return false;
  for (let i = 1; i < heads.length; i++) {
    if (heads[i] < 0 || heads[i] >= heads.length || heads[i] === i) return false;
    let node = i;
    for (let steps = 0; node !== 0; steps++) {
      if (steps > heads.length) return false;
      node = heads[node];
    }
  }
  return true;
}

describe('the shared ListOps file', () => {
  const examples = readListOps(fixtureText, 'fixture.tsv');

  it('reads all 500 lines and the evaluator agrees with every label', () => {
    expect(examples).toHaveLength(500);
    expect(verifyListOps(examples)).toEqual({ lines: 500, mismatches: [] });
    // FIRST and LAST occur in it: the reader and evaluator know them.
    expect(examples.some((e) => e.tokens.includes('[FIRST'))).toBe(true);
    expect(examples.some((e) => e.tokens.includes('[LAST'))).toBe(true);
  });

  it('is written back byte for byte with parentheses', () => {
    expect(writeListOps(examples, { parentheses: true })).toBe(fixtureText);
  });

  it('a changed label is a mismatch on its line', () => {
    const lines = fixtureText.split('\n');
    const [label, rest] = lines[6].split('\t');
    lines[6] = `${(Number(label) + 1) % 10}\t${rest}`;
    expect(verifyListOps(readListOps(lines.join('\n'))).mismatches).toEqual([7]);
  });
});

describe('evaluator', () => {
  it('follows the operator definitions', () => {
    const value = (s: string) => evaluate(parseTokens(s.split(' ')));
    expect(value('[MIN 3 1 4 ]')).toBe(1);
    expect(value('[MAX 3 1 4 ]')).toBe(4);
    expect(value('[SM 9 8 7 ]')).toBe(4);
    expect(value('[MED 3 1 4 ]')).toBe(3);
    // Even count: numpy's median 2.5, truncated as int().
    expect(value('[MED 1 2 3 9 ]')).toBe(2);
    expect(value('[FIRST 5 [MAX 2 7 ] ]')).toBe(5);
    expect(value('[LAST 5 [MAX 2 7 ] ]')).toBe(7);
    expect(value('[MAX 2 [MIN 3 4 ] ]')).toBe(3);
  });
});

describe('gold arcs', () => {
  it('each operator heads its arguments and its "]"', () => {
    const tokens = '[MAX 2 [MIN 3 4 ] ]'.split(' ');
    expect(Array.from(goldHeads(parseTokens(tokens), tokens.length))).toEqual([
      -1, 0, 0, 2, 2, 2, 0,
    ]);
  });

  it('form an arborescence rooted at token 0 for every generated expression', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, maxDepth) => {
          for (const e of generateListOps(5, { seed, maxDepth, maxLength: 60 })) {
            const tree = parseTokens(e.tokens);
            if (!isArborescence(goldHeads(tree, e.tokens.length))) return false;
            if (depthOf(tree) > maxDepth || e.tokens.length > 60) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('generator', () => {
  it('is deterministic by seed and differs across seeds', () => {
    const a = generateListOps(50, { seed: 3 });
    expect(generateListOps(50, { seed: 3 })).toEqual(a);
    expect(generateListOps(50, { seed: 4 })).not.toEqual(a);
  });

  it('respects the bounds, drops SM on request, and never repeats across splits', () => {
    const splits = generateSplits(
      { train: 400, valid: 100, test: 100 },
      { seed: 1, maxDepth: 3, maxLength: 30, sm: false },
    );
    const all = [...splits.train, ...splits.valid, ...splits.test];
    expect(new Set(all.map((e) => e.tokens.join(' '))).size).toBe(600);
    for (const e of all) {
      expect(e.tokens.length).toBeLessThanOrEqual(30);
      expect(e.tokens).not.toContain('[SM');
      const tree = parseTokens(e.tokens);
      expect(depthOf(tree)).toBeLessThanOrEqual(3);
      expect(tree.kind).toBe('operator');
      expect(evaluate(tree)).toBe(e.label);
      if (tree.kind === 'operator') {
        expect(tree.args.length).toBeGreaterThanOrEqual(2);
        expect(tree.args.length).toBeLessThanOrEqual(5);
      }
    }
    expect(verifyListOps(all).mismatches).toEqual([]);
    // With SM allowed it does occur.
    expect(generateListOps(200, { seed: 1 }).some((e) => e.tokens.includes('[SM'))).toBe(true);
  });

  it('round-trips through the TSV writer and reader, with and without parentheses', () => {
    const examples = generateListOps(30, { seed: 9 });
    expect(readListOps(writeListOps(examples))).toEqual(examples);
    expect(readListOps(writeListOps(examples, { parentheses: true }))).toEqual(examples);
  });

  it('rejects bad options and impossible requests', () => {
    expect(() => generateListOps(5, { maxDepth: 0 })).toThrow(/maxDepth must be an integer/);
    expect(() => generateListOps(5, { operatorProbability: 2 })).toThrow(/operatorProbability/);
    // Depth 1, two arguments, length ≤ 4: only 100 distinct expressions per operator set.
    expect(() =>
      generateListOps(1000, { maxDepth: 1, maxArgs: 2, maxLength: 4, sm: false }),
    ).toThrow(/distinct expressions/);
  });
});

describe('malformed lines', () => {
  const cases: Array<[string, RegExp]> = [
    ['7 [MAX 1 2 ]', /no tab/],
    ['x\t[MAX 1 2 ]', /label must be a digit/],
    ['7\t[MAX 1 2', /no closing/],
    ['7\t[MAX ]', /has no arguments/],
    ['7\t[MAX 1 2 ] 3', /tokens after the end/],
    ['7\t[FOO 1 2 ]', /unknown token "\[FOO" at token 0/],
    ['7\t( [MAX 1 2 ]', /unbalanced parentheses/],
    ['7\t[MAX 1 2 ] )', /unbalanced parentheses/],
    ['7\t] 1', /unexpected "]"/],
    ['', /empty line/],
  ];
  for (const [line, problem] of cases) {
    it(`${JSON.stringify(line)} → file, line and ${problem}`, () => {
      const text = `2\t[MIN 2 3 ]\n${line}\n`;
      let caught: unknown;
      try {
        readListOps(text, 'bad.tsv');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ListOpsFormatError);
      const e = caught as ListOpsFormatError;
      expect(e.file).toBe('bad.tsv');
      expect(e.line).toBe(2);
      expect(e.problem).toMatch(problem);
      expect(e.message).toMatch(/^bad\.tsv:2: /);
    });
  }
});
