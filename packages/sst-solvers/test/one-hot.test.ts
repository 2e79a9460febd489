import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneHotArgmax, oneHotMarginals, oneHotVjp } from '../src/one-hot.js';
import { enumerateOneHot } from '../src/testing/enumerate-one-hot.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import { randomScores as uniformScores } from '../src/testing/random.js';

/** Scores uniform in [−scale, scale) (default ±2). */
const randomScores = (length: number, seed: number, scale = 2) =>
  uniformScores(length, seed, scale);

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `index ${i}`).toBeLessThanOrEqual(tol);
  }
}

/** Independent VJP oracle: the softmax covariance diag(μ) − μμᵀ applied to g, over t. */
function covarianceTimes(mu: Float64Array, g: Float64Array, t: number): Float64Array {
  const out = new Float64Array(mu.length);
  for (let i = 0; i < mu.length; i++) {
    for (let j = 0; j < mu.length; j++) {
      out[i] += ((i === j ? mu[i] : 0) - mu[i] * mu[j]) * g[j];
    }
    out[i] /= t;
  }
  return out;
}

describe('one-hot marginals', () => {
  it('matches the closed form softmax([0, log 2, log 3]) = [1, 2, 3]/6, log Z = log 6', () => {
    const out = oneHotMarginals(new Float64Array([0, Math.log(2), Math.log(3)]), 3);
    expectClose(out.marginals, [1 / 6, 2 / 6, 3 / 6], 1e-12);
    expect(Math.abs(out.logZ[0] - Math.log(6))).toBeLessThan(1e-12);
    // Temperature 1/2 doubles the scores: [1, 4, 9]/14.
    const half = oneHotMarginals(new Float64Array([0, Math.log(2), Math.log(3)]), 3, {
      temperature: 0.5,
    });
    expectClose(half.marginals, [1 / 14, 4 / 14, 9 / 14], 1e-12);
    expect(Math.abs(half.logZ[0] - Math.log(14))).toBeLessThan(1e-12);
  });

  it('equals enumeration to 1e-9 for m = 1..10 at several temperatures', () => {
    for (let m = 1; m <= 10; m++) {
      for (const [seed, t] of [
        [1, 1],
        [2, 1],
        [3, 0.3],
        [4, 4],
      ] as const) {
        const scores = randomScores(m, 10 * m + seed, 5);
        const out = oneHotMarginals(scores, m, { temperature: t });
        const oracle = enumerateOneHot(scores.map((v) => v / t));
        expectClose(out.marginals, oracle.marginals, 1e-9);
        expect(Math.abs(out.logZ[0] - oracle.logZ)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(oracle.logZ)),
        );
      }
    }
  });
});

describe('one-hot argmax', () => {
  it('equals the enumerated best (ties → lowest index) and is one-hot', () => {
    for (let m = 1; m <= 9; m++) {
      for (let seed = 0; seed < 8; seed++) {
        const scores = randomScores(m, 100 * m + seed, 2).map(Math.round);
        const mask = oneHotArgmax(scores, m);
        expect(Array.from(mask)).toEqual(Array.from(enumerateOneHot(scores).argmax));
      }
    }
    expect(Array.from(oneHotArgmax(new Float64Array([1, 3, 3, 2]), 4))).toEqual([0, 1, 0, 0]);
  });

  it('is the t → 0 limit of the marginals', () => {
    const scores = randomScores(10, 3);
    const soft = oneHotMarginals(scores, 10, { temperature: 1e-4 }).marginals;
    expectClose(soft, oneHotArgmax(scores, 10), 1e-9);
  });
});

describe('batching', () => {
  it('batched equals looped, bit for bit', () => {
    const m = 7;
    const batch = 5;
    const scores = randomScores(m * batch, 11);
    const g = randomScores(m * batch, 12);
    const options = { temperature: 0.7 };
    const all = oneHotMarginals(scores, m, options);
    const vjp = oneHotVjp(scores, m, g, options);
    const hard = oneHotArgmax(scores, m);
    for (let b = 0; b < batch; b++) {
      const range = [b * m, (b + 1) * m] as const;
      const part = scores.subarray(...range);
      const one = oneHotMarginals(part, m, options);
      expect(Array.from(all.marginals.subarray(...range))).toEqual(Array.from(one.marginals));
      expect(all.logZ[b]).toBe(one.logZ[0]);
      expect(Array.from(vjp.subarray(...range))).toEqual(
        Array.from(oneHotVjp(part, m, g.subarray(...range), options)),
      );
      expect(Array.from(hard.subarray(...range))).toEqual(Array.from(oneHotArgmax(part, m)));
    }
  });
});

describe('one-hot VJP', () => {
  it('matches central finite differences to 1e-6 relative', () => {
    for (const [m, t] of [
      [1, 1],
      [2, 1],
      [5, 0.5],
      [10, 2],
      [33, 0.8],
    ] as const) {
      for (let seed = 0; seed < 3; seed++) {
        const scores = randomScores(m, 50 + m + seed);
        const g = randomScores(m, 80 + m + seed, 1);
        const vjp = oneHotVjp(scores, m, g, { temperature: t });
        const fd = finiteDifferenceVjp(
          (x) => oneHotMarginals(x, m, { temperature: t }).marginals,
          scores,
          g,
        );
        expect(maxRelativeError(vjp, fd), `m=${m} t=${t}`).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('equals (diag μ − μμᵀ) g / t from enumerated marginals to 1e-12', () => {
    const scores = randomScores(8, 5);
    const g = randomScores(8, 6, 1);
    const mu = enumerateOneHot(scores.map((v) => v / 0.6)).marginals;
    const vjp = oneHotVjp(scores, 8, g, { temperature: 0.6 });
    expect(maxRelativeError(vjp, covarianceTimes(mu, g, 0.6))).toBeLessThan(1e-12);
  });
});

describe('one-hot properties (fast-check)', () => {
  it('μ ∈ [0, 1], Σμ = 1, argmax ∈ 𝒳 with the best score, Σ VJP = 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (raw, t) => {
          const scores = Float64Array.from(raw);
          const m = scores.length;
          const { marginals } = oneHotMarginals(scores, m, { temperature: t });
          for (const v of marginals) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          expect(Math.abs(sum(marginals) - 1)).toBeLessThan(1e-12);
          const mask = oneHotArgmax(scores, m);
          expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
          expect(sum(mask)).toBe(1);
          let score = 0;
          for (let i = 0; i < m; i++) score += scores[i] * mask[i];
          expect(score).toBe(enumerateOneHot(scores).maxScore);
          const vjp = oneHotVjp(scores, m, randomScores(m, m), { temperature: t });
          expect(Math.abs(sum(vjp))).toBeLessThan(1e-9 * Math.max(1, 1 / t));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('extreme inputs', () => {
  it('scores of ±1e4 at t = 1e-3 give finite results; ties split evenly', () => {
    const scores = new Float64Array([1e4, -1e4, 1e4, 3, -1e4, 0]);
    const g = new Float64Array([1, 2, -3, 0.5, 4, -1]);
    const { marginals, logZ } = oneHotMarginals(scores, 6, { temperature: 1e-3 });
    expectClose(marginals, [0.5, 0, 0.5, 0, 0, 0], 1e-15);
    expect(Math.abs(logZ[0] - (1e7 + Math.LN2))).toBeLessThan(1e-8);
    const vjp = oneHotVjp(scores, 6, g, { temperature: 1e-3 });
    expect(vjp.every(Number.isFinite)).toBe(true);
    // Two tied items: Cov g = [¼(g0 − g2), 0, ¼(g2 − g0), 0, 0, 0], times 1/t.
    expectClose(vjp, [1000, 0, -1000, 0, 0, 0], 1e-9);
    const distinct = oneHotMarginals(new Float64Array([-1e4, 1e4, 9999]), 3, { temperature: 1e-3 });
    expectClose(distinct.marginals, [0, 1, 0], 1e-15);
  });
});

describe('errors', () => {
  const s = new Float64Array([1, 2, 3, 4]);
  const g = new Float64Array(4);

  function expectThrow(call: () => unknown, kind: typeof TypeError, name: string) {
    expect(call).toThrow(kind);
    expect(call).toThrow(name);
  }

  it('rejects wrong kinds with a TypeError naming the parameter', () => {
    const list = [1, 2] as unknown as Float64Array;
    expectThrow(() => oneHotArgmax(list, 2), TypeError, 'scores');
    expectThrow(() => oneHotMarginals(list, 2), TypeError, 'scores');
    expectThrow(() => oneHotVjp(list, 2, g), TypeError, 'scores');
    expectThrow(() => oneHotMarginals(s, 1.5), TypeError, 'm');
    expectThrow(() => oneHotVjp(s, 4, [0, 0, 0, 0] as unknown as Float64Array), TypeError, 'g');
    expectThrow(
      () => oneHotVjp(s, 4, g, { temperature: 'hot' as unknown as number }),
      TypeError,
      'temperature',
    );
  });

  it('rejects bad values with a RangeError naming the parameter', () => {
    expectThrow(() => oneHotArgmax(new Float64Array([1, Number.NaN]), 2), RangeError, 'scores');
    expectThrow(() => oneHotMarginals(new Float64Array([Infinity]), 1), RangeError, 'scores');
    expectThrow(() => oneHotMarginals(s, 0), RangeError, 'm');
    expectThrow(() => oneHotMarginals(s, 3), RangeError, 'scores');
    expectThrow(() => oneHotArgmax(new Float64Array(0), 2), RangeError, 'scores');
    for (const temperature of [0, -2, Number.NaN, -Infinity]) {
      expectThrow(() => oneHotMarginals(s, 4, { temperature }), RangeError, 'temperature');
      expectThrow(() => oneHotVjp(s, 4, g, { temperature }), RangeError, 'temperature');
    }
    expectThrow(() => oneHotVjp(s, 4, new Float64Array(5)), RangeError, 'g');
    expectThrow(() => oneHotVjp(s, 4, new Float64Array([0, 0, Number.NaN, 0])), RangeError, 'g');
    expectThrow(
      () => oneHotMarginals(new Float64Array([1e300, 1]), 2, { temperature: 1e-10 }),
      RangeError,
      'scores / temperature',
    );
    expectThrow(() => enumerateOneHot(new Float64Array(0)), RangeError, 'scores');
  });
});
