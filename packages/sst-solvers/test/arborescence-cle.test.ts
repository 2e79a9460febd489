// Chu–Liu/Edmonds (the hard sample): checked against brute-force enumeration for n ≤ 6, against
// the relaxation's zero-temperature limit for larger n, and for padding, batching and single root.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arborescenceMarginals,
  chuLiuEdmondsArgmax,
  type RootMode,
} from '../src/arborescence/index.js';
import { enumerateArborescences } from '../src/testing/enumerate-arborescences.js';
import {
  arborescenceProblem,
  crop,
  dot,
  item,
  pad,
  random,
  randomScores,
} from './arborescence-helpers.js';

const MODES: RootMode[] = ['multi', 'single'];

describe('chuLiuEdmondsArgmax', () => {
  it('finds the enumerated best score for every n ≤ 6, both root modes, ties included', () => {
    const next = random(17);
    for (const rootMode of MODES) {
      for (let n = 2; n <= 6; n++) {
        for (let rep = 0; rep < 40; rep++) {
          // Odd reps round to a coarse grid, so many trees tie for the maximum.
          const coarse = rep % 2 === 1;
          const scores = Float64Array.from({ length: n * n }, () => {
            const v = next() * 4 - 2;
            return coarse ? Math.round(v) : v;
          });
          const best = enumerateArborescences(scores, n, rootMode);
          const mask = chuLiuEdmondsArgmax(scores, n, { rootMode });
          expect(arborescenceProblem(mask, n, rootMode)).toBe('');
          expect(dot(scores, mask)).toBeCloseTo(best.maxScore, 12);
          if (!coarse) expect(Array.from(mask)).toEqual(Array.from(best.argmax));
        }
      }
    }
  });

  it('DESIGN.md §3.4 example: the maximum arborescence', () => {
    const theta = Float64Array.from([
      0, 1, -0.5, 0.2, 0.3, 0, 0.8, -1, -0.7, 0.4, 0, 0.6, 0.1, -0.2, 0.9, 0,
    ]);
    const mask = chuLiuEdmondsArgmax(theta, 4);
    expect(Array.from(mask)).toEqual(Array.from(enumerateArborescences(theta, 4).argmax));
  });

  it('property: a valid arborescence with the enumerated best score (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom<RootMode>('multi', 'single'),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 36, maxLength: 36 }),
        (n, rootMode, values) => {
          const scores = Float64Array.from(values.slice(0, n * n));
          const mask = chuLiuEdmondsArgmax(scores, n, { rootMode });
          const best = enumerateArborescences(scores, n, rootMode).maxScore;
          return (
            arborescenceProblem(mask, n, rootMode) === '' &&
            Math.abs(dot(scores, mask) - best) <= 1e-12 * Math.max(1, Math.abs(best))
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('matches the zero-temperature limit of log Z for n up to 60', () => {
    // S* ≤ t·log Z(s/t) ≤ S* + t·log(#trees) ≤ S* + t·(n−1)·log n: an independent bound on the
    // best score from the relaxation (matrix-tree / log-space elimination).
    const t = 1e-9;
    for (const rootMode of MODES) {
      for (const n of [8, 20, 60]) {
        for (let seed = 0; seed < 3; seed++) {
          const scores = randomScores(n * n, 1000 * n + seed, 3);
          const mask = chuLiuEdmondsArgmax(scores, n, { rootMode });
          expect(arborescenceProblem(mask, n, rootMode)).toBe('');
          const { logZ } = arborescenceMarginals(scores, n, { rootMode, temperature: t });
          const score = dot(scores, mask);
          const slack = t * (n - 1) * Math.log(n) + 1e-12 * Math.abs(score);
          expect(score).toBeGreaterThanOrEqual(t * logZ[0] - slack);
          expect(score).toBeLessThanOrEqual(t * logZ[0] + 1e-12 * Math.abs(score));
        }
      }
    }
  });

  it('single root: the best over root children m of s(0→m) + a multi-root tree rooted at m', () => {
    for (const n of [5, 12, 30]) {
      const scores = randomScores(n * n, 7 * n, 2);
      const mask = chuLiuEdmondsArgmax(scores, n, { rootMode: 'single' });
      let best = -Infinity;
      for (let m = 1; m < n; m++) {
        // Relabel: m becomes node 0 of an (n−1)-node problem over nodes 1..n−1.
        const others = Array.from({ length: n - 1 }, (_, i) => i + 1).filter((v) => v !== m);
        const order = [m, ...others];
        const sub = new Float64Array((n - 1) * (n - 1));
        for (let h = 0; h < n - 1; h++) {
          for (let c = 0; c < n - 1; c++) sub[h * (n - 1) + c] = scores[order[h] * n + order[c]];
        }
        const subMask = chuLiuEdmondsArgmax(sub, n - 1);
        best = Math.max(best, scores[m] + dot(sub, subMask));
      }
      expect(dot(scores, mask)).toBeCloseTo(best, 10);
    }
  });

  it('ignores the diagonal and column 0', () => {
    const n = 5;
    const scores = randomScores(n * n, 3);
    const noisy = Float64Array.from(scores);
    for (let i = 0; i < n; i++) {
      noisy[i * n + i] = 1e6;
      noisy[i * n] = 1e6;
    }
    for (const rootMode of MODES) {
      expect(chuLiuEdmondsArgmax(noisy, n, { rootMode })).toEqual(
        chuLiuEdmondsArgmax(scores, n, { rootMode }),
      );
    }
  });

  it('batched equals looped, and a padded item equals the item solved alone', () => {
    const n = 7;
    const batch = 4;
    const lengths = [7, 2, 5, 3];
    const scores = randomScores(batch * n * n, 99, 2);
    for (const rootMode of MODES) {
      const all = chuLiuEdmondsArgmax(scores, n, { rootMode, lengths });
      for (let b = 0; b < batch; b++) {
        const L = lengths[b];
        const one = chuLiuEdmondsArgmax(item(scores, n, b), n, { rootMode, lengths: [L] });
        expect(item(all, n, b)).toEqual(one);
        expect(arborescenceProblem(one, n, rootMode, L)).toBe('');
        const alone = chuLiuEdmondsArgmax(crop(item(scores, n, b), n, L), L, { rootMode });
        expect(one).toEqual(pad(alone, L, n));
      }
    }
  });

  it('handles all-equal scores and huge magnitudes', () => {
    for (const rootMode of MODES) {
      const n = 6;
      const flat = new Float64Array(n * n).fill(1e4);
      expect(arborescenceProblem(chuLiuEdmondsArgmax(flat, n, { rootMode }), n, rootMode)).toBe('');
      const next = random(5);
      const extreme = Float64Array.from({ length: n * n }, () => (next() < 0.5 ? -1e300 : 1e300));
      const mask = chuLiuEdmondsArgmax(extreme, n, { rootMode });
      expect(arborescenceProblem(mask, n, rootMode)).toBe('');
      expect(dot(extreme, mask)).toBe(enumerateArborescences(extreme, n, rootMode).maxScore);
    }
  });

  it('solves n = 200 quickly (O(n²) per item)', () => {
    const n = 200;
    const scores = randomScores(n * n, 42);
    const mask = chuLiuEdmondsArgmax(scores, n);
    expect(arborescenceProblem(mask, n, 'multi')).toBe('');
    const start = performance.now();
    for (let rep = 0; rep < 5; rep++) chuLiuEdmondsArgmax(scores, n, { rootMode: 'single' });
    // Generous bound (the benchmark measures ~1 ms); catches an accidental O(n³) or worse.
    expect((performance.now() - start) / 5).toBeLessThan(50);
  });
});
