// Arborescence marginals and log Z: the DESIGN.md vector, brute-force enumeration (both root
// modes, both numerical paths), laws (fast-check), batching, padding and extreme inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arborescenceMarginals,
  chuLiuEdmondsArgmax,
  type RootMode,
} from '../src/arborescence/index.js';
import { logEliminationArborescence } from '../src/arborescence/log-elimination.js';
import { matrixTreeArborescence } from '../src/arborescence/matrix-tree.js';
import { ArborescenceWorkspace } from '../src/arborescence/workspace.js';
import { enumerateArborescences } from '../src/testing/enumerate-arborescences.js';
import {
  crop,
  incomingSums,
  item,
  maxAbsDiff,
  pad,
  preciseEnumeration,
  random,
  randomScores,
  rootOutSum,
} from './arborescence-helpers.js';

const MODES: RootMode[] = ['multi', 'single'];

/** Runs one numerical path on one item (scores already divided by the temperature). */
function solveBy(
  path: 'fast' | 'robust',
  a: Float64Array,
  n: number,
  rootMode: RootMode,
): { logZ: number; marginals: Float64Array } {
  const ws = new ArborescenceWorkspace(n);
  ws.a.set(a);
  const single = rootMode === 'single';
  const logZ =
    path === 'fast'
      ? matrixTreeArborescence(ws, n, single, false)
      : logEliminationArborescence(ws, n, single, false);
  return { logZ, marginals: ws.mu.slice(0, n * n) };
}

describe('arborescenceMarginals', () => {
  it('DESIGN.md §3.4 test vector (16 arborescences)', () => {
    const theta = Float64Array.from([
      0, 1, -0.5, 0.2, 0.3, 0, 0.8, -1, -0.7, 0.4, 0, 0.6, 0.1, -0.2, 0.9, 0,
    ]);
    const expected = [
      [0, 0.72825, 0.201816, 0.561616],
      [0, 0, 0.451372, 0.111041],
      [0, 0.149418, 0, 0.327343],
      [0, 0.122333, 0.346812, 0],
    ].flat();
    const { marginals, logZ } = arborescenceMarginals(theta, 4);
    expect(maxAbsDiff(marginals, expected)).toBeLessThan(1e-6);
    expect(Math.abs(logZ[0] - 3.924998)).toBeLessThan(1e-6);
    expect(enumerateArborescences(theta, 4).count).toBe(16);
    const robust = solveBy('robust', theta, 4, 'multi');
    expect(maxAbsDiff(robust.marginals, expected)).toBeLessThan(1e-6);
    expect(Math.abs(robust.logZ - 3.924998)).toBeLessThan(1e-6);
  });

  it('equals enumeration for every n ≤ 6, both root modes, temperatures ≠ 1', () => {
    for (const rootMode of MODES) {
      for (let n = 2; n <= 6; n++) {
        for (const [seed, temperature] of [
          [1, 1],
          [2, 0.4],
          [3, 2.5],
          [4, 0.15],
        ]) {
          const scores = randomScores(n * n, 100 * n + seed, 2);
          const options = { rootMode, temperature };
          const { marginals, logZ } = arborescenceMarginals(scores, n, options);
          const oracle = enumerateArborescences(
            scores.map((s) => s / temperature),
            n,
            rootMode,
          );
          expect(Math.abs(logZ[0] - oracle.logZ)).toBeLessThan(1e-9);
          expect(maxAbsDiff(marginals, oracle.marginals)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('both numerical paths equal enumeration on their own (n ≤ 6)', () => {
    for (const rootMode of MODES) {
      for (let n = 2; n <= 6; n++) {
        for (let seed = 0; seed < 4; seed++) {
          const a = randomScores(n * n, 31 * n + seed, 3);
          const oracle = enumerateArborescences(a, n, rootMode);
          for (const path of ['fast', 'robust'] as const) {
            const got = solveBy(path, a, n, rootMode);
            expect(Math.abs(got.logZ - oracle.logZ)).toBeLessThan(1e-9);
            expect(maxAbsDiff(got.marginals, oracle.marginals)).toBeLessThan(1e-9);
          }
        }
      }
    }
  });

  it('the fast path and the log-space elimination agree at n = 40', () => {
    const n = 40;
    for (const rootMode of MODES) {
      const a = randomScores(n * n, 8, 2);
      const fast = solveBy('fast', a, n, rootMode);
      const robust = solveBy('robust', a, n, rootMode);
      expect(Math.abs(fast.logZ - robust.logZ)).toBeLessThan(1e-10);
      expect(maxAbsDiff(fast.marginals, robust.marginals)).toBeLessThan(1e-12);
    }
  });

  it('batched equals looped (bit for bit)', () => {
    const n = 6;
    const batch = 5;
    const scores = randomScores(batch * n * n, 12, 2);
    for (const rootMode of MODES) {
      const options = { rootMode, temperature: 0.7 };
      const all = arborescenceMarginals(scores, n, options);
      for (let b = 0; b < batch; b++) {
        const one = arborescenceMarginals(item(scores, n, b), n, options);
        expect(item(all.marginals, n, b)).toEqual(one.marginals);
        expect(all.logZ[b]).toBe(one.logZ[0]);
      }
    }
  });

  it('a padded item equals the same item solved alone at its length', () => {
    const n = 6;
    const lengths = [6, 2, 4, 3];
    const scores = randomScores(lengths.length * n * n, 77, 2);
    for (const rootMode of MODES) {
      const options = { rootMode, temperature: 0.8 };
      const all = arborescenceMarginals(scores, n, { ...options, lengths });
      lengths.forEach((L, b) => {
        const alone = arborescenceMarginals(crop(item(scores, n, b), n, L), L, options);
        expect(maxAbsDiff(item(all.marginals, n, b), pad(alone.marginals, L, n))).toBe(0);
        expect(all.logZ[b]).toBe(alone.logZ[0]);
      });
    }
  });

  it('property: μ ∈ [0, 1], every child receives 1, the root gives 1 in single mode (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.constantFrom<RootMode>('multi', 'single'),
        fc.integer({ min: 0, max: 1e6 }),
        fc.constantFrom(0.05, 0.3, 1, 4),
        fc.constantFrom(1, 10, 1e4),
        (n, rootMode, seed, temperature, scale) => {
          const scores = randomScores(n * n, seed, scale);
          const { marginals, logZ } = arborescenceMarginals(scores, n, { rootMode, temperature });
          if (!Number.isFinite(logZ[0])) return false;
          let total = 0;
          for (const v of marginals) {
            if (!(v >= 0 && v <= 1 + 1e-12)) return false;
            total += v;
          }
          const sumsOk = incomingSums(marginals, n)
            .slice(1)
            .every((s) => Math.abs(s - 1) < 1e-9);
          const rootOk = rootMode === 'multi' || Math.abs(rootOutSum(marginals, n) - 1) < 1e-9;
          return sumsOk && rootOk && Math.abs(total - (n - 1)) < 1e-8;
        },
      ),
      { numRuns: 120 },
    );
  });

  it('scores ±1e4 at temperature 1e−3: finite, sums exact, ties shared equally', () => {
    const next = random(4);
    for (const rootMode of MODES) {
      for (const n of [3, 6, 15, 40]) {
        for (const kind of ['signs', 'uniform']) {
          const scores = Float64Array.from({ length: n * n }, () =>
            kind === 'signs' ? (next() < 0.5 ? -1e4 : 1e4) : (next() * 2 - 1) * 1e4,
          );
          const options = { rootMode, temperature: 1e-3 };
          const { marginals, logZ } = arborescenceMarginals(scores, n, options);
          expect(Number.isFinite(logZ[0])).toBe(true);
          expect(marginals.every((v) => Number.isFinite(v) && v >= 0 && v <= 1 + 1e-12)).toBe(true);
          for (const s of incomingSums(marginals, n).slice(1))
            expect(Math.abs(s - 1)).toBeLessThan(1e-12);
          if (rootMode === 'single')
            expect(Math.abs(rootOutSum(marginals, n) - 1)).toBeLessThan(1e-12);
          if (n <= 6) {
            // ±1e7 after tempering: integers, so tree scores are exact and the oracle is too.
            const oracle = preciseEnumeration(
              scores.map((s) => s / 1e-3),
              n,
              rootMode,
            );
            expect(maxAbsDiff(marginals, oracle.marginals)).toBeLessThan(
              kind === 'signs' ? 1e-13 : 1e-6,
            );
            expect(Math.abs(logZ[0] - oracle.logZ)).toBeLessThan(1e-15 * Math.abs(oracle.logZ));
          }
        }
      }
    }
  });

  it('exact to float64 on well-separated scales (heavy cycles, light root arcs)', () => {
    // Scores on levels 0, −G, −2G (G up to 1e6) plus multiples of 1/8 in [0, 2): tree scores are
    // exact in float64, so `preciseEnumeration` is an exact oracle. Many items have heavy cycles
    // the root reaches only through arcs e^−G lighter: the plain matrix-tree formula is singular.
    const next = random(21);
    let robustItems = 0;
    for (const rootMode of MODES) {
      for (const gap of [40, 800, 1e6]) {
        for (let n = 3; n <= 6; n++) {
          for (let rep = 0; rep < 4; rep++) {
            const a = Float64Array.from(
              { length: n * n },
              (_, e) =>
                -gap * Math.floor(next() * 3) * (e < n ? 1.5 : 1) + Math.floor(next() * 16) / 8,
            );
            const { marginals, logZ } = arborescenceMarginals(a, n, { rootMode });
            const oracle = preciseEnumeration(a, n, rootMode);
            expect(maxAbsDiff(marginals, oracle.marginals)).toBeLessThan(1e-13);
            expect(Math.abs(logZ[0] - oracle.logZ)).toBeLessThan(
              1e-15 * Math.abs(oracle.logZ) + 1e-13,
            );
            if (Number.isNaN(solveBy('fast', a, n, rootMode).logZ)) robustItems++;
          }
        }
      }
    }
    expect(robustItems).toBeGreaterThan(10); // the fallback really was exercised
  });

  it('a heavy cycle the root reaches only through very light arcs', () => {
    // Nodes 1→2→3→1 at score 0, everything else −1e6 (root arcs) or −3e6: Z is dominated by the
    // 3 ways to enter the cycle once, from the root. Multi-root: after the column shifts the root
    // weights underflow and L̂ is exactly singular, so the fast path must decline. (Single-root
    // shifts the root row by its own maximum, which keeps L̂ regular: both paths work there.)
    const n = 4;
    const a = new Float64Array(n * n).fill(-3e6);
    a[1 * n + 2] = 0;
    a[2 * n + 3] = 0;
    a[3 * n + 1] = 0;
    for (let m = 1; m < n; m++) a[m] = -1e6 + m;
    for (const rootMode of MODES) {
      const { marginals, logZ } = arborescenceMarginals(a, n, { rootMode });
      const oracle = preciseEnumeration(a, n, rootMode);
      expect(maxAbsDiff(marginals, oracle.marginals)).toBeLessThan(1e-15);
      expect(logZ[0]).toBeCloseTo(oracle.logZ, 8);
      expect(Number.isNaN(solveBy('fast', a, n, rootMode).logZ)).toBe(rootMode === 'multi');
    }
  });

  it('all-equal scores share mass by counting (ties)', () => {
    for (const rootMode of MODES) {
      const n = 5;
      const scores = new Float64Array(n * n).fill(1e4);
      const { marginals, logZ } = arborescenceMarginals(scores, n, { rootMode, temperature: 1e-3 });
      const oracle = preciseEnumeration(
        scores.map((s) => s / 1e-3),
        n,
        rootMode,
      );
      expect(maxAbsDiff(marginals, oracle.marginals)).toBeLessThan(1e-14);
      expect(logZ[0] - 1e7 * (n - 1)).toBeCloseTo(Math.log(oracle.count), 6);
    }
  });

  it('marginals tend to the Chu–Liu/Edmonds mask as the temperature goes to 0', () => {
    for (const rootMode of MODES) {
      for (const n of [4, 9, 25]) {
        const scores = randomScores(n * n, 5 * n, 1);
        const mask = chuLiuEdmondsArgmax(scores, n, { rootMode });
        let previous = Infinity;
        for (const temperature of [1, 0.1, 1e-3, 1e-5]) {
          const { marginals } = arborescenceMarginals(scores, n, { rootMode, temperature });
          const distance = maxAbsDiff(marginals, mask);
          expect(distance).toBeLessThanOrEqual(previous + 1e-12);
          previous = distance;
        }
        expect(previous).toBeLessThan(1e-9);
      }
    }
  });
});
