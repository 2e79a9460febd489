// Permutations, hard side: the brute-force enumerator and the Hungarian (maximum assignment) solver.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hungarianArgmax } from '../src/permutation/index.js';
import { enumeratePermutations } from '../src/testing/enumerate-permutations.js';
import {
  assignmentScore,
  isPermutationMatrix,
  item,
  lineSums,
  randomMatrix,
} from './permutation-helpers.js';

const FACTORIAL = [1, 1, 2, 6, 24, 120, 720, 5040];

/** Best assignment value by a bitmask DP over column subsets: an oracle independent of both. */
function bestAssignmentByDp(scores: Float64Array, n: number): number {
  const best = new Float64Array(1 << n).fill(Number.NEGATIVE_INFINITY);
  best[0] = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    let row = -1;
    for (let m = mask; m; m &= m - 1) row++;
    for (let j = 0; j < n; j++) {
      if (!(mask & (1 << j))) continue;
      best[mask] = Math.max(best[mask], best[mask ^ (1 << j)] + scores[row * n + j]);
    }
  }
  return best[(1 << n) - 1];
}

describe('enumeratePermutations', () => {
  it('enumerates n! permutation matrices whose marginals are doubly stochastic', () => {
    for (let n = 1; n <= 7; n++) {
      const e = enumeratePermutations(randomMatrix(n * n, 100 + n), n);
      expect(e.count).toBe(FACTORIAL[n]);
      expect(isPermutationMatrix(e.argmax, n)).toBe(true);
      const { rows, columns } = lineSums(e.marginals, n);
      for (const s of [...rows, ...columns]) expect(s).toBeCloseTo(1, 12);
    }
  });

  it('gives log Z = log n! for zero scores and the closed form for n = 2', () => {
    expect(enumeratePermutations(new Float64Array(25), 5).logZ).toBeCloseTo(Math.log(120), 12);
    const [a, b, c, d] = [0.3, -1.2, 2.0, 0.5];
    const e = enumeratePermutations(new Float64Array([a, b, c, d]), 2);
    expect(e.logZ).toBeCloseTo(Math.log(Math.exp(a + d) + Math.exp(b + c)), 12);
  });

  it('rejects n outside 1..7 and a length other than n²', () => {
    expect(() => enumeratePermutations(new Float64Array(64), 8)).toThrow(
      new RangeError('n must be in 1..7, got 8'),
    );
    expect(() => enumeratePermutations(new Float64Array(0), 0)).toThrow(RangeError);
    expect(() => enumeratePermutations(new Float64Array(8), 3)).toThrow(
      /scores must have length n\*n = 9/,
    );
  });
});

describe('hungarianArgmax', () => {
  const families: [string, (n: number, seed: number) => Float64Array][] = [
    ['uniform', (n, seed) => randomMatrix(n * n, seed)],
    [
      'ties (values in {0, 1, 2})',
      (n, seed) => randomMatrix(n * n, seed).map((x) => Math.floor((x + 1) * 1.5)),
    ],
    ['all equal', (n) => new Float64Array(n * n).fill(-3)],
    ['negative', (n, seed) => randomMatrix(n * n, seed).map((x) => x - 5)],
    ['large (±1e4)', (n, seed) => randomMatrix(n * n, seed, 1e4)],
  ];

  for (const [name, make] of families) {
    it(`matches the enumerated best for n = 1..6 (${name})`, () => {
      for (let n = 1; n <= 6; n++) {
        for (let seed = 1; seed <= 6; seed++) {
          const scores = make(n, 1000 * n + seed);
          const x = hungarianArgmax(scores, n);
          const e = enumeratePermutations(scores, n);
          expect(isPermutationMatrix(x, n)).toBe(true);
          const scale = Math.max(1, Math.abs(e.maxScore));
          expect(Math.abs(assignmentScore(scores, x, n) - e.maxScore)).toBeLessThanOrEqual(
            1e-12 * scale,
          );
          // Continuous random scores have a unique optimum: the matrices themselves must agree.
          if (name === 'uniform') expect(Array.from(x)).toEqual(Array.from(e.argmax));
        }
      }
    });
  }

  it('matches a bitmask dynamic programme for n = 7..12', () => {
    for (let n = 7; n <= 12; n++) {
      for (let seed = 1; seed <= 3; seed++) {
        const scores = randomMatrix(n * n, 7 * n + seed, 10);
        const x = hungarianArgmax(scores, n);
        expect(isPermutationMatrix(x, n)).toBe(true);
        expect(assignmentScore(scores, x, n)).toBeCloseTo(bestAssignmentByDp(scores, n), 9);
      }
    }
  });

  it('solves a batch exactly as it solves each item alone', () => {
    const n = 5;
    const scores = randomMatrix(7 * n * n, 42);
    const batched = hungarianArgmax(scores, n);
    for (let b = 0; b < 7; b++) {
      expect(Array.from(item(batched, n, b))).toEqual(
        Array.from(hungarianArgmax(item(scores, n, b), n)),
      );
    }
  });

  it('returns a permutation with the enumerated best score (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 25, maxLength: 25 }),
        (n, values) => {
          const scores = Float64Array.from(values.slice(0, n * n));
          const x = hungarianArgmax(scores, n);
          const best = enumeratePermutations(scores, n).maxScore;
          return (
            isPermutationMatrix(x, n) && Math.abs(assignmentScore(scores, x, n) - best) <= 1e-9
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles larger n (its score is at least that of many random permutations)', () => {
    const n = 60;
    const scores = randomMatrix(n * n, 9);
    const x = hungarianArgmax(scores, n);
    expect(isPermutationMatrix(x, n)).toBe(true);
    const value = assignmentScore(scores, x, n);
    const sigma = Array.from({ length: n }, (_, i) => i);
    for (let trial = 0; trial < 200; trial++) {
      const r = randomMatrix(n, trial + 1);
      sigma.sort((p, q) => r[p] - r[q]);
      let s = 0;
      for (let i = 0; i < n; i++) s += scores[i * n + sigma[i]];
      expect(value).toBeGreaterThanOrEqual(s);
    }
  });

  it('rejects bad scores and sizes, naming the parameter', () => {
    expect(() => hungarianArgmax([1] as unknown as Float64Array, 1)).toThrow(
      new TypeError('scores must be a Float64Array, got array of length 1'),
    );
    expect(() => hungarianArgmax(new Float32Array(4) as unknown as Float64Array, 2)).toThrow(
      TypeError,
    );
    expect(() => hungarianArgmax(new Float64Array([1, Number.NaN, 0, 0]), 2)).toThrow(
      new RangeError('scores[1] must be finite, got NaN'),
    );
    expect(() => hungarianArgmax(new Float64Array([1, 0, Number.POSITIVE_INFINITY, 0]), 2)).toThrow(
      /scores\[2\] must be finite, got Infinity/,
    );
    expect(() => hungarianArgmax(new Float64Array(4), 0)).toThrow(
      new RangeError('n must be >= 1, got 0'),
    );
    expect(() => hungarianArgmax(new Float64Array(4), -2)).toThrow(RangeError);
    expect(() => hungarianArgmax(new Float64Array(4), 1.5)).toThrow(
      new TypeError('n must be an integer, got 1.5'),
    );
    expect(() => hungarianArgmax(new Float64Array(4), Number.NaN)).toThrow(
      /n must be an integer, got NaN/,
    );
    expect(() => hungarianArgmax(new Float64Array(4), '2' as unknown as number)).toThrow(
      /n must be an integer, got "2"/,
    );
    expect(() => hungarianArgmax(new Float64Array(10), 3)).toThrow(
      /scores has length 10, which is not a positive multiple of 9/,
    );
    expect(() => hungarianArgmax(new Float64Array(0), 3)).toThrow(RangeError);
  });
});
