// The exact VJP of the arborescence marginals against central finite differences (both root
// modes, padding, both numerical paths), its symmetry, and extreme inputs.
import { describe, expect, it } from 'vitest';
import {
  arborescenceMarginals,
  arborescenceMarginalsAndVjp,
  arborescenceVjp,
  type RootMode,
} from '../src/arborescence/index.js';
import { logEliminationArborescence } from '../src/arborescence/log-elimination.js';
import { matrixTreeArborescence } from '../src/arborescence/matrix-tree.js';
import { ArborescenceWorkspace } from '../src/arborescence/workspace.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import { dot, item, maxAbsDiff, random, randomScores } from './arborescence-helpers.js';

const MODES: RootMode[] = ['multi', 'single'];

describe('arborescenceVjp', () => {
  it('matches central finite differences (both root modes, temperatures ≠ 1)', () => {
    for (const rootMode of MODES) {
      for (const n of [2, 3, 4, 6]) {
        for (const temperature of [1, 0.6]) {
          const batch = 2;
          const scores = randomScores(batch * n * n, 10 * n + batch, 1.5);
          const g = randomScores(batch * n * n, 20 * n + 1, 1);
          const options = { rootMode, temperature };
          const exact = arborescenceVjp(scores, n, g, options);
          const numeric = finiteDifferenceVjp(
            (x) => arborescenceMarginals(x, n, options).marginals,
            scores,
            g,
          );
          expect(maxRelativeError(exact, numeric)).toBeLessThan(1e-6);
        }
      }
    }
  });

  it('matches finite differences with padding (lengths)', () => {
    const n = 6;
    const lengths = [3, 6, 2, 5];
    const scores = randomScores(lengths.length * n * n, 4, 1);
    const g = randomScores(lengths.length * n * n, 5, 1);
    for (const rootMode of MODES) {
      const options = { rootMode, temperature: 0.8, lengths };
      const exact = arborescenceVjp(scores, n, g, options);
      const numeric = finiteDifferenceVjp(
        (x) => arborescenceMarginals(x, n, options).marginals,
        scores,
        g,
      );
      expect(maxRelativeError(exact, numeric)).toBeLessThan(1e-6);
      // Padding, the diagonal and column 0 get exactly 0.
      lengths.forEach((L, b) => {
        for (let h = 0; h < n; h++) {
          for (let m = 0; m < n; m++) {
            if (h >= L || m >= L || h === m || m === 0)
              expect(exact[b * n * n + h * n + m]).toBe(0);
          }
        }
      });
    }
  });

  it('the log-space elimination has the exact JVP too, where the fast path declines', () => {
    // A heavy 3-cycle among nodes 1..3 the root reaches only through arcs ~e^−25 lighter, plus a
    // free node 4: the inverse's condition estimate exceeds the fast path's limit.
    const n = 5;
    const base = randomScores(n * n, 3, 0.5);
    for (let h = 0; h < n; h++) for (let m = 1; m < n; m++) base[h * n + m] -= 25;
    base[1 * n + 2] = 0;
    base[2 * n + 3] = 0.3;
    base[3 * n + 1] = -0.2;
    const g = randomScores(n * n, 9, 1);
    for (const rootMode of MODES) {
      const single = rootMode === 'single';
      const solve = (a: Float64Array, withJvp: boolean) => {
        const ws = new ArborescenceWorkspace(n);
        ws.a.set(a);
        ws.da.set(g);
        logEliminationArborescence(ws, n, single, withJvp);
        return { mu: ws.mu.slice(), dmu: ws.dmu.slice() };
      };
      const exact = solve(base, true).dmu;
      const numeric = finiteDifferenceVjp((x) => solve(x, false).mu, base, g);
      expect(maxRelativeError(exact, numeric)).toBeLessThan(1e-6);
      // And through the public entry point (which falls back to this path in multi-root mode).
      const ws = new ArborescenceWorkspace(n);
      ws.a.set(base);
      if (!single) expect(Number.isNaN(matrixTreeArborescence(ws, n, false, false))).toBe(true);
      const publicVjp = arborescenceVjp(base, n, g, { rootMode });
      expect(maxAbsDiff(publicVjp, exact)).toBeLessThan(1e-10);
    }
  });

  it('the fast path and the log-space elimination give the same JVP at n = 30', () => {
    const n = 30;
    const a = randomScores(n * n, 61, 2);
    const g = randomScores(n * n, 62, 1);
    for (const rootMode of MODES) {
      const single = rootMode === 'single';
      const fast = new ArborescenceWorkspace(n);
      const robust = new ArborescenceWorkspace(n);
      for (const ws of [fast, robust]) {
        ws.a.set(a);
        ws.da.set(g);
      }
      expect(Number.isNaN(matrixTreeArborescence(fast, n, single, true))).toBe(false);
      logEliminationArborescence(robust, n, single, true);
      expect(maxAbsDiff(fast.dmu, robust.dmu)).toBeLessThan(1e-12);
    }
  });

  it('is symmetric: ⟨g₁, J g₂⟩ = ⟨g₂, J g₁⟩ (J is a Hessian of log Z)', () => {
    const n = 8;
    const scores = randomScores(n * n, 70, 2);
    const g1 = randomScores(n * n, 71, 1);
    const g2 = randomScores(n * n, 72, 1);
    for (const rootMode of MODES) {
      const options = { rootMode, temperature: 0.5 };
      const a = dot(g1, arborescenceVjp(scores, n, g2, options));
      const b = dot(g2, arborescenceVjp(scores, n, g1, options));
      expect(Math.abs(a - b)).toBeLessThan(1e-12 * Math.max(1, Math.abs(a)));
    }
  });

  it('batched equals looped, and the combined call equals the separate ones', () => {
    const n = 5;
    const batch = 3;
    const scores = randomScores(batch * n * n, 80, 2);
    const g = randomScores(batch * n * n, 81, 1);
    for (const rootMode of MODES) {
      const options = { rootMode, temperature: 0.9 };
      const all = arborescenceVjp(scores, n, g, options);
      for (let b = 0; b < batch; b++) {
        const one = arborescenceVjp(item(scores, n, b), n, item(g, n, b), options);
        expect(item(all, n, b)).toEqual(one);
      }
      const both = arborescenceMarginalsAndVjp(scores, n, g, options);
      expect(both.vjp).toEqual(all);
      const separate = arborescenceMarginals(scores, n, options);
      expect(both.marginals).toEqual(separate.marginals);
      expect(both.logZ).toEqual(separate.logZ);
    }
  });

  it('scores ±1e4 at temperature 1e−3: finite VJP, and every child still receives 1', () => {
    const next = random(6);
    for (const rootMode of MODES) {
      for (const n of [3, 7, 20]) {
        const scores = Float64Array.from({ length: n * n }, () =>
          next() < 0.3 ? (next() < 0.5 ? -1e4 : 1e4) : (next() * 2 - 1) * 1e4,
        );
        const g = randomScores(n * n, n, 1);
        const options = { rootMode, temperature: 1e-3 };
        const { vjp, marginals } = arborescenceMarginalsAndVjp(scores, n, g, options);
        expect(vjp.every(Number.isFinite)).toBe(true);
        expect(marginals.every(Number.isFinite)).toBe(true);
        // Each child's incoming marginals sum to 1 for every input, so J g sums to 0 per child.
        for (let m = 1; m < n; m++) {
          let s = 0;
          for (let h = 0; h < n; h++) s += vjp[h * n + m];
          expect(Math.abs(s)).toBeLessThan(1e-6);
        }
      }
    }
  });
});
