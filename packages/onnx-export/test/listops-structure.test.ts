// The arborescence structure: applyStructure's parse equals the best tree found by enumerating
// every head assignment (the oracle) over each item's first lengths[b] tokens, padded scores
// ignored; the spec round-trips through the metadata and bad specs or inputs are named.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describe, expect, it } from 'vitest';
import { applyStructure, LISTOPS_STRUCTURE, parseStructure, structureWidth } from '../src/index.js';

/** The max-score arborescence rooted at 0 over n nodes, by enumerating all heads. */
function bruteForceHeads(score: (h: number, c: number) => number, n: number): number[] {
  let best = Number.NEGATIVE_INFINITY;
  let bestHeads: number[] = [];
  const heads = new Array<number>(n).fill(-1);
  const rooted = () => {
    for (let c = 1; c < n; c++) {
      let v = c;
      for (let s = 0; v !== 0; s++) {
        if (s > n) return false;
        v = heads[v];
      }
    }
    return true;
  };
  const visit = (c: number, total: number) => {
    if (c === n) {
      if (total > best && rooted()) {
        best = total;
        bestHeads = [...heads];
      }
      return;
    }
    for (let h = 0; h < n; h++) {
      if (h === c) continue;
      heads[c] = h;
      visit(c + 1, total + score(h, c));
    }
  };
  visit(1, 0);
  return bestHeads;
}

describe('arborescence structure', () => {
  it('is the enumerated best tree of each item, padded entries ignored', () => {
    const n = 5;
    const lengths = Int32Array.from([5, 3, 4, 2, 5, 4]);
    const u = new RandomGenerator(12).uniforms(lengths.length * n * n);
    const scores = Float32Array.from(u, (v) => 4 * v - 2);
    // Padded entries hold huge scores: a solver reading them would pick them.
    for (let b = 0; b < lengths.length; b++)
      for (let h = 0; h < n; h++)
        for (let c = 0; c < n; c++)
          if (h >= lengths[b] || c >= lengths[b]) scores[(b * n + h) * n + c] = 1e6;
    const out = applyStructure(LISTOPS_STRUCTURE, scores, { lengths });
    expect(out).toHaveLength(lengths.length);
    for (const [b, parse] of out.entries()) {
      const len = lengths[b];
      const want = bruteForceHeads((h, c) => scores[(b * n + h) * n + c], len);
      expect(parse).toEqual({
        structure: 'arborescence',
        heads: want,
        edges: want
          .slice(1)
          .map((h, i) => [h, i + 1])
          .sort((p, q) => p[0] - q[0] || p[1] - q[1]),
      });
    }
    expect(structureWidth(LISTOPS_STRUCTURE, 7)).toBe(49);
  });

  it('round-trips through the metadata; bad specs and inputs are named', () => {
    expect(parseStructure(JSON.parse(JSON.stringify(LISTOPS_STRUCTURE)))).toEqual(
      LISTOPS_STRUCTURE,
    );
    expect(() => parseStructure({ ...LISTOPS_STRUCTURE, root: 1 })).toThrow(
      /structure.root must be 0, got 1/,
    );
    expect(() => parseStructure({ ...LISTOPS_STRUCTURE, rootMode: 'x' })).toThrow(
      /structure.rootMode must be multi or single/,
    );
    expect(() => parseStructure({ ...LISTOPS_STRUCTURE, lengthsInput: '' })).toThrow(
      /structure.lengthsInput/,
    );
    const scores = new Float32Array(2 * 9);
    expect(() => applyStructure(LISTOPS_STRUCTURE, scores)).toThrow(
      /needs the lengths of each item/,
    );
    expect(() => applyStructure(LISTOPS_STRUCTURE, scores, { lengths: [3, 3, 3] })).toThrow(
      /18 values are not 3 square matrices/,
    );
    expect(() => applyStructure(LISTOPS_STRUCTURE, scores, { lengths: [3, 4] })).toThrow(
      /arborescence: .*lengths\[1\]/,
    );
    scores[4] = Number.NaN;
    expect(() => applyStructure(LISTOPS_STRUCTURE, scores, { lengths: [3, 3] })).toThrow(
      /value 4 is NaN/,
    );
    expect(() => structureWidth(LISTOPS_STRUCTURE)).toThrow(/length must be an integer ≥ 2/);
  });
});
