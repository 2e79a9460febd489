// Permutations, relaxed side: the log-space Sinkhorn forward pass (the entropy-regularised
// assignment). There is no enumeration oracle here — Sinkhorn's X is not the marginal matrix of
// the permutation distribution — so the tests check the optimality laws, a closed form for n = 2,
// the t → 0 limit against the Hungarian solution, and the reported convergence.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hungarianArgmax, sinkhorn, sinkhornVjp } from '../src/permutation/index.js';
import { permutationMatrices } from '../src/testing/enumerate-permutations.js';
import { item, lineSums, randomMatrix } from './permutation-helpers.js';

function maxLineError(x: Float64Array, n: number, offset = 0): number {
  const { rows, columns } = lineSums(x, n, offset);
  return Math.max(...[...rows, ...columns].map((s) => Math.abs(s - 1)));
}

/** The entropy-regularised objective ⟨a, X⟩ + H(X) that Sinkhorn maximises over the Birkhoff polytope. */
function entropicObjective(a: Float64Array, x: Float64Array): number {
  let f = 0;
  for (let k = 0; k < a.length; k++) if (x[k] > 0) f += x[k] * (a[k] - Math.log(x[k]));
  return f;
}

/** A random doubly stochastic matrix: a random convex combination of random permutation matrices. */
function randomDoublyStochastic(n: number, seed: number): Float64Array {
  const all = [...permutationMatrices(n)];
  const weights = randomMatrix(4, seed).map((w) => w + 1.01);
  const total = weights.reduce((p, q) => p + q, 0);
  const picks = randomMatrix(4, seed + 1);
  const out = new Float64Array(n * n);
  weights.forEach((w, m) => {
    const p = all[Math.floor(((picks[m] + 1) / 2) * all.length) % all.length];
    for (let k = 0; k < n * n; k++) out[k] += (w / total) * p[k];
  });
  return out;
}

/** A matrix with a planted optimal permutation and a clear margin: noise in [−1, 1] plus 3 on it. */
function plantedScores(n: number, seed: number): Float64Array {
  const scores = randomMatrix(n * n, seed);
  const order = randomMatrix(n, seed + 7);
  const sigma = Array.from({ length: n }, (_, i) => i).sort((p, q) => order[p] - order[q]);
  for (let i = 0; i < n; i++) scores[i * n + sigma[i]] += 3;
  return scores;
}

describe('sinkhorn', () => {
  it('matches the closed form for n = 2: X = [[p, 1−p], [1−p, p]], p = σ(Δ/2)', () => {
    const scores = new Float64Array([0.3, -1.2, 0.9, 0.5]);
    for (const t of [1, 0.7, 3]) {
      const a = Array.from(scores, (s) => s / t);
      const p = 1 / (1 + Math.exp(-(a[0] + a[3] - a[1] - a[2]) / 2));
      const { marginals } = sinkhorn(scores, 2, { temperature: t, tolerance: 1e-13 });
      const expected = [p, 1 - p, 1 - p, p];
      marginals.forEach((x, k) => {
        expect(x).toBeCloseTo(expected[k], 12);
      });
    }
  });

  it('is doubly stochastic within its tolerance, with entries in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.constantFrom(1e-6, 1e-9, 1e-12),
        (n, seed, temperature, tolerance) => {
          // |a| ≤ 2 keeps Sinkhorn's linear rate well below 1, so it must converge within the cap.
          const { marginals, converged } = sinkhorn(randomMatrix(n * n, seed), n, {
            temperature,
            tolerance,
          });
          return (
            converged[0] === 1 &&
            maxLineError(marginals, n) <= tolerance &&
            marginals.every((x) => x >= 0 && x <= 1)
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports convergence truthfully, also when it stops at the cap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (n, seed, temperature, maxIterations) => {
          const tolerance = 1e-8;
          const r = sinkhorn(randomMatrix(n * n, seed, 3), n, {
            temperature,
            tolerance,
            maxIterations,
          });
          const { columns } = lineSums(r.marginals, n);
          return (
            (r.converged[0] === 1) === maxLineError(r.marginals, n) <= tolerance &&
            r.iterations[0] >= 1 &&
            r.iterations[0] <= maxIterations &&
            (r.converged[0] === 1 || r.iterations[0] === maxIterations) &&
            columns.every((c) => Math.abs(c - 1) <= 1e-12) // it always ends on a column sweep
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('satisfies the optimality conditions: log X − a = u_i + v_j', () => {
    for (const n of [2, 3, 5, 8]) {
      for (const t of [1, 0.4, 2]) {
        const scores = randomMatrix(n * n, 31 * n, 2);
        const { marginals: x } = sinkhorn(scores, n, { temperature: t, tolerance: 1e-12 });
        const l = (i: number, j: number) => Math.log(x[i * n + j]) - scores[i * n + j] / t;
        for (let i = 1; i < n; i++) {
          for (let j = 1; j < n; j++)
            expect(Math.abs(l(i, j) - l(i, 0) - l(0, j) + l(0, 0))).toBeLessThan(1e-9);
        }
        expect(maxLineError(x, n)).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('maximises ⟨a, X⟩ + H(X) over doubly stochastic matrices', () => {
    for (const n of [3, 4, 5]) {
      const scores = randomMatrix(n * n, 77 * n, 2);
      const t = 0.6;
      const a = scores.map((s) => s / t);
      const { marginals: x } = sinkhorn(scores, n, { temperature: t, tolerance: 1e-13 });
      const best = entropicObjective(a, x);
      for (let seed = 0; seed < 20; seed++) {
        const y = randomDoublyStochastic(n, 1000 * n + seed);
        for (const lambda of [1, 0.1, 1e-3]) {
          const mixed = x.map((xk, k) => (1 - lambda) * xk + lambda * y[k]);
          expect(entropicObjective(a, mixed)).toBeLessThanOrEqual(best + 1e-12);
        }
      }
    }
  });

  it('tends to the Hungarian solution as the temperature goes to 0', () => {
    for (const n of [3, 5, 8]) {
      for (let seed = 1; seed <= 3; seed++) {
        const scores = plantedScores(n, 90 * n + seed);
        const hard = hungarianArgmax(scores, n);
        const distance = [1, 0.1, 1e-2].map((temperature) => {
          const { marginals } = sinkhorn(scores, n, { temperature });
          return Math.max(...marginals.map((x, k) => Math.abs(x - hard[k])));
        });
        expect(distance[1]).toBeLessThan(distance[0]);
        expect(distance[2]).toBeLessThan(Math.min(distance[1], 1e-2));
      }
    }
  });

  it('counts sweeps: one for an already balanced matrix, at most the cap otherwise', () => {
    const n = 4;
    const flat = sinkhorn(new Float64Array(n * n).fill(2.5), n);
    expect(flat.iterations[0]).toBe(1);
    expect(flat.converged[0]).toBe(1);
    flat.marginals.forEach((x) => {
      expect(x).toBeCloseTo(0.25, 15);
    });
    const capped = sinkhorn(randomMatrix(n * n, 5, 3), n, { temperature: 0.1, maxIterations: 2 });
    expect(capped.iterations[0]).toBe(2);
    expect(capped.converged[0]).toBe(0);
    expect(sinkhorn(new Float64Array([7]), 1).marginals[0]).toBe(1);
  });

  it('solves a batch exactly as it solves each item alone', () => {
    const n = 4;
    const batch = 6;
    const scores = randomMatrix(batch * n * n, 8, 4);
    const options = { temperature: 0.5, maxIterations: 50 };
    const together = sinkhorn(scores, n, options);
    for (let b = 0; b < batch; b++) {
      const alone = sinkhorn(item(scores, n, b), n, options);
      expect(Array.from(item(together.marginals, n, b))).toEqual(Array.from(alone.marginals));
      expect(together.iterations[b]).toBe(alone.iterations[0]);
      expect(together.converged[b]).toBe(alone.converged[0]);
    }
  });

  it('stays finite for scores of ±1e4 at temperature 1e-3', () => {
    const n = 6;
    const cases = [
      randomMatrix(n * n, 3).map((x) => (x > 0 ? 1e4 : -1e4)), // many ties
      randomMatrix(n * n, 4, 1e4),
      plantedScores(n, 5).map((x) => x * 3e3),
      new Float64Array(n * n).fill(1e4),
    ];
    for (const scores of cases) {
      const r = sinkhorn(scores, n, { temperature: 1e-3 });
      const g = randomMatrix(n * n, 6);
      const vjp = sinkhornVjp(scores, n, g, { temperature: 1e-3 });
      expect(r.marginals.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
      expect(vjp.every(Number.isFinite)).toBe(true);
      const { rows, columns } = lineSums(r.marginals, n);
      for (const c of columns) expect(c).toBeCloseTo(1, 12);
      if (r.converged[0]) for (const s of rows) expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-9);
    }
    // All-equal (tied) scores: the uniform matrix, at once.
    const tied = sinkhorn(cases[3], n, { temperature: 1e-3 });
    expect(tied.converged[0]).toBe(1);
    tied.marginals.forEach((x) => {
      expect(x).toBeCloseTo(1 / n, 14);
    });
    // A clear planted optimum: the permutation itself (the other entries underflow to 0).
    const planted = cases[2];
    expect(Array.from(sinkhorn(planted, n, { temperature: 1e-3 }).marginals)).toEqual(
      Array.from(hungarianArgmax(planted, n)),
    );
  });

  it('rejects bad scores, sizes and options, naming the parameter', () => {
    const ok = new Float64Array(4);
    expect(() => sinkhorn([0, 0, 0, 0] as unknown as Float64Array, 2)).toThrow(
      new TypeError('scores must be a Float64Array, got array of length 4'),
    );
    expect(() => sinkhorn(new Float64Array([0, Number.NaN, 0, 0]), 2)).toThrow(
      new RangeError('scores[1] must be finite, got NaN'),
    );
    expect(() => sinkhorn(new Float64Array([0, 0, Number.NEGATIVE_INFINITY, 0]), 2)).toThrow(
      /scores\[2\] must be finite, got -Infinity/,
    );
    expect(() => sinkhorn(ok, 0)).toThrow(new RangeError('n must be >= 1, got 0'));
    expect(() => sinkhorn(ok, 2.5)).toThrow(new TypeError('n must be an integer, got 2.5'));
    expect(() => sinkhorn(new Float64Array(5), 2)).toThrow(
      /scores has length 5, which is not a positive multiple of 4/,
    );
    for (const temperature of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sinkhorn(ok, 2, { temperature })).toThrow(/temperature must be finite and > 0/);
    }
    expect(() => sinkhorn(ok, 2, { temperature: '1' as unknown as number })).toThrow(TypeError);
    for (const tolerance of [0, -1e-9, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sinkhorn(ok, 2, { tolerance })).toThrow(
        new RangeError(`tolerance must be finite and > 0, got ${tolerance}`),
      );
    }
    expect(() => sinkhorn(ok, 2, { tolerance: '1e-9' as unknown as number })).toThrow(
      new TypeError('tolerance must be a number, got "1e-9"'),
    );
    expect(() => sinkhorn(ok, 2, { tolerance: null as unknown as number })).toThrow(
      new TypeError('tolerance must be a number, got null'),
    );
    expect(() => sinkhorn(ok, 2, { maxIterations: 0 })).toThrow(
      new RangeError('maxIterations must be a positive integer, got 0'),
    );
    expect(() => sinkhorn(ok, 2, { maxIterations: -3 })).toThrow(RangeError);
    expect(() => sinkhorn(ok, 2, { maxIterations: 2.5 })).toThrow(
      new TypeError('maxIterations must be a positive integer, got 2.5'),
    );
    expect(() => sinkhorn(ok, 2, { maxIterations: Number.NaN })).toThrow(
      /maxIterations must be a positive integer, got NaN/,
    );
  });
});
