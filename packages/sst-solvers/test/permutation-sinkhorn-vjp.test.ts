// The Sinkhorn VJP (implicit differentiation of the entropy-regularised assignment) against central
// finite differences of `sinkhorn`, a closed form for n = 2, and the laws its Jacobian obeys.
import { describe, expect, it } from 'vitest';
import { sinkhorn, sinkhornVjp, sinkhornVjpFromMarginals } from '../src/permutation/index.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import { item, randomMatrix } from './permutation-helpers.js';

// Converge to rounding level so finite differences see the fixed point, not the stopping rule.
const TIGHT = { tolerance: 1e-14, maxIterations: 100_000 };

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

describe('sinkhornVjp', () => {
  it('matches central finite differences of sinkhorn to 1e-6 relative', () => {
    for (const n of [1, 2, 3, 4, 6]) {
      for (const temperature of [1, 0.5, 2.5, 0.15]) {
        const scores = randomMatrix(n * n, 13 * n + Math.round(100 * temperature), 1.5);
        const g = randomMatrix(n * n, 17 * n + 1);
        const options = { temperature, ...TIGHT };
        const exact = sinkhornVjp(scores, n, g, options);
        const numeric = finiteDifferenceVjp(
          (x) => sinkhorn(x, n, options).marginals,
          scores,
          g,
          1e-5,
        );
        expect(maxRelativeError(exact, numeric)).toBeLessThan(1e-6);
      }
    }
  });

  it('matches finite differences through a batch, and batched equals looped', () => {
    const n = 3;
    const batch = 3;
    const scores = randomMatrix(batch * n * n, 5, 2);
    const g = randomMatrix(batch * n * n, 6);
    const options = { temperature: 0.8, ...TIGHT };
    const exact = sinkhornVjp(scores, n, g, options);
    const numeric = finiteDifferenceVjp((x) => sinkhorn(x, n, options).marginals, scores, g, 1e-5);
    expect(maxRelativeError(exact, numeric)).toBeLessThan(1e-6);
    for (let b = 0; b < batch; b++) {
      const alone = sinkhornVjp(item(scores, n, b), n, item(g, n, b), options);
      expect(Array.from(item(exact, n, b))).toEqual(Array.from(alone));
    }
  });

  it('matches the closed form for n = 2', () => {
    const scores = new Float64Array([0.3, -1.2, 0.9, 0.5]);
    const g = new Float64Array([0.4, -0.9, 1.3, 0.2]);
    const t = 0.7;
    const p = 1 / (1 + Math.exp(-(scores[0] + scores[3] - scores[1] - scores[2]) / t / 2));
    // X = [[p, 1−p], [1−p, p]], p = σ(Δ/2): ∂(g·X)/∂scores = G·p(1−p)/(2t)·[1, −1, −1, 1].
    const slope = ((g[0] - g[1] - g[2] + g[3]) * p * (1 - p)) / (2 * t);
    const vjp = sinkhornVjp(scores, 2, g, { temperature: t, tolerance: 1e-13 });
    [slope, -slope, -slope, slope].forEach((v, k) => {
      expect(vjp[k]).toBeCloseTo(v, 12);
    });
  });

  it('has a symmetric Jacobian and ignores row/column shifts of the scores', () => {
    for (const n of [3, 5, 9]) {
      const scores = randomMatrix(n * n, 3 * n, 2);
      const options = { temperature: 0.6, tolerance: 1e-12 };
      const g = randomMatrix(n * n, 100 + n);
      const h = randomMatrix(n * n, 200 + n);
      // X = ∇Φ(a) for the convex conjugate Φ of −H on the Birkhoff polytope, so J = ∇²Φ is symmetric.
      expect(dot(h, sinkhornVjp(scores, n, g, options))).toBeCloseTo(
        dot(g, sinkhornVjp(scores, n, h, options)),
        12,
      );
      // Adding a constant to a row or column of the scores leaves X unchanged: the gradient's row and
      // column sums vanish, and a cotangent of the form r_i + c_j has zero pull-back.
      const vjp = sinkhornVjp(scores, n, g, options);
      for (let i = 0; i < n; i++) {
        let row = 0;
        let column = 0;
        for (let j = 0; j < n; j++) {
          row += vjp[i * n + j];
          column += vjp[j * n + i];
        }
        expect(Math.abs(row)).toBeLessThan(1e-13);
        expect(Math.abs(column)).toBeLessThan(1e-13);
      }
      const r = randomMatrix(n, 1);
      const c = randomMatrix(n, 2);
      const additive = new Float64Array(n * n).map((_, k) => r[Math.floor(k / n)] + c[k % n]);
      expect(sinkhornVjp(scores, n, additive, options).every((v) => Math.abs(v) < 1e-13)).toBe(
        true,
      );
    }
  });

  it('is finite and exactly zero once X has collapsed onto a permutation (±1e4, t = 1e-3)', () => {
    const n = 5;
    const g = randomMatrix(n * n, 9);
    const scores = randomMatrix(n * n, 10, 1e4);
    for (let i = 0; i < n; i++) scores[i * n + ((2 * i + 1) % n)] = 2e4; // a dominant permutation
    const vjp = sinkhornVjp(scores, n, g, { temperature: 1e-3 });
    expect(vjp.every((v) => v === 0)).toBe(true);
    // Unconverged and tied states stay finite too.
    const tied = randomMatrix(n * n, 11).map((x) => (x > 0 ? 1e4 : -1e4));
    for (const maxIterations of [1, 10, 1000]) {
      expect(
        sinkhornVjp(tied, n, g, { temperature: 1e-3, maxIterations }).every(Number.isFinite),
      ).toBe(true);
    }
  });

  it('gives the same result from saved marginals (no repeated sweeps)', () => {
    const n = 4;
    const batch = 3;
    const scores = randomMatrix(batch * n * n, 21, 2);
    const g = randomMatrix(batch * n * n, 22);
    for (const options of [{ temperature: 0.4 }, { temperature: 1e-3, maxIterations: 5 }]) {
      const { marginals } = sinkhorn(scores, n, options);
      const fromMarginals = sinkhornVjpFromMarginals(marginals, n, g, {
        temperature: options.temperature,
      });
      expect(Array.from(fromMarginals)).toEqual(Array.from(sinkhornVjp(scores, n, g, options)));
    }
    const x = new Float64Array(4).fill(0.5);
    expect(() => sinkhornVjpFromMarginals(new Float64Array([2, 0, 0, 2]), 2, x)).toThrow(
      /marginals must be a Sinkhorn output \(columns summing to 1\), but item 0 has column 0 summing to 2/,
    );
    expect(() => sinkhornVjpFromMarginals(new Float64Array(5), 2, g)).toThrow(
      /marginals has length 5/,
    );
    expect(() =>
      sinkhornVjpFromMarginals(new Float64Array([0.5, Number.NaN, 0.5, 0.5]), 2, x),
    ).toThrow(/marginals\[1\] must be finite/);
    expect(() => sinkhornVjpFromMarginals(new Float64Array([0.5, -0.5, 0.5, 0.5]), 2, x)).toThrow(
      new RangeError('marginals[1] must be >= 0, got -0.5'),
    );
    expect(() => sinkhornVjpFromMarginals(x, 2, new Float64Array(3))).toThrow(
      new RangeError('g must have length 4 (that of marginals), got 3'),
    );
    expect(() => sinkhornVjpFromMarginals(x, 2, x, { temperature: -1 })).toThrow(
      /temperature must be finite and > 0, got -1/,
    );
  });

  it('rejects a bad cotangent and bad options, naming the parameter', () => {
    const scores = new Float64Array(4);
    const g = new Float64Array(4);
    expect(() => sinkhornVjp(scores, 2, new Float64Array(3))).toThrow(
      new RangeError('g must have length 4 (that of scores), got 3'),
    );
    expect(() => sinkhornVjp(scores, 2, new Float64Array([0, Number.NaN, 0, 0]))).toThrow(
      new RangeError('g[1] must be finite, got NaN'),
    );
    expect(() => sinkhornVjp(scores, 2, [0, 0, 0, 0] as unknown as Float64Array)).toThrow(
      /g must be a Float64Array/,
    );
    expect(() => sinkhornVjp(new Float64Array([0, 0, 0, Number.POSITIVE_INFINITY]), 2, g)).toThrow(
      /scores\[3\] must be finite/,
    );
    expect(() => sinkhornVjp(scores, 3, g)).toThrow(
      /scores has length 4, which is not a positive multiple of 9/,
    );
    expect(() => sinkhornVjp(scores, 2, g, { temperature: 0 })).toThrow(
      /temperature must be finite and > 0, got 0/,
    );
    expect(() => sinkhornVjp(scores, 2, g, { tolerance: -1 })).toThrow(
      /tolerance must be finite and > 0, got -1/,
    );
    expect(() => sinkhornVjp(scores, 2, g, { maxIterations: 0 })).toThrow(
      /maxIterations must be a positive integer, got 0/,
    );
  });
});
