import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsLinear, forwardLinear, forwardSplit } from '../src/k-subset/forward.js';
import {
  kSubsetMarginals,
  kSubsetMarginalsAndVjp,
  kSubsetVjp,
  topKArgmax,
} from '../src/k-subset/index.js';
import { splitWeights } from '../src/k-subset/scaled.js';
import { createWorkspace } from '../src/k-subset/workspace.js';
import { enumerateKSubsets } from '../src/testing/enumerate-k-subsets.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import { randomScores as uniformScores } from '../src/testing/random.js';
import { designVectors, marginalFixtures } from './fixtures.js';

/** Scores uniform in [−scale, scale) (default ±2). */
const randomScores = (length: number, seed: number, scale = 2) =>
  uniformScores(length, seed, scale);

const design = designVectors;
const fixtures = marginalFixtures;

function scaled(x: Float64Array, t: number): Float64Array {
  return x.map((v) => v / t);
}

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/**
 * Independent oracle for the VJP: Cov(x)·g / t by brute force over bitmasks with popcount k,
 * where p(x) ∝ exp(⟨scores/t, x⟩). Works in log space so extreme scores stay finite.
 */
function enumeratedCovarianceTimes(
  scores: Float64Array,
  k: number,
  g: Float64Array,
  t: number,
): Float64Array {
  const m = scores.length;
  const masks: number[] = [];
  const logW: number[] = [];
  for (let mask = 0; mask < 1 << m; mask++) {
    let count = 0;
    let s = 0;
    for (let i = 0; i < m; i++) {
      if (mask & (1 << i)) {
        count++;
        s += scores[i] / t;
      }
    }
    if (count === k) {
      masks.push(mask);
      logW.push(s);
    }
  }
  const top = Math.max(...logW);
  const p = logW.map((w) => Math.exp(w - top));
  const z = sum(p);
  // Two passes (means, then centred products) so that a nearly deterministic p, whose covariance
  // is tiny, does not lose it to cancellation.
  const mu = new Float64Array(m);
  const gx = masks.map((mask) => {
    let v = 0;
    for (let i = 0; i < m; i++) if (mask & (1 << i)) v += g[i];
    return v;
  });
  let meanGx = 0;
  masks.forEach((mask, s) => {
    const ps = p[s] / z;
    meanGx += ps * gx[s];
    for (let i = 0; i < m; i++) if (mask & (1 << i)) mu[i] += ps;
  });
  const out = new Float64Array(m);
  masks.forEach((mask, s) => {
    const ps = p[s] / z;
    for (let i = 0; i < m; i++) {
      out[i] += ps * ((mask & (1 << i) ? 1 : 0) - mu[i]) * (gx[s] - meanGx);
    }
  });
  return out.map((v) => v / t);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `index ${i}`).toBeLessThanOrEqual(tol);
  }
}

describe('k-subset marginals: published vectors', () => {
  it('matches the DESIGN.md §3.1 test vector to 1e-6', () => {
    const { theta, k, marginals, logZ } = design.kSubset;
    const out = kSubsetMarginals(Float64Array.from(theta), theta.length, k);
    expectClose(out.marginals, marginals, 1e-6);
    expect(Math.abs(out.logZ[0] - logZ)).toBeLessThanOrEqual(1e-6);
  });

  it('matches the shared brute-force fixtures to 1e-9', () => {
    for (const { n, k, theta, marginals, logZ } of fixtures.k_subset) {
      const out = kSubsetMarginals(Float64Array.from(theta), n, k);
      expectClose(out.marginals, marginals, 1e-9);
      expect(Math.abs(out.logZ[0] - logZ)).toBeLessThanOrEqual(1e-9);
    }
  });
});

describe('k-subset marginals against enumeration', () => {
  it('equals enumeration to 1e-9 for every m ≤ 10 and 0 ≤ k ≤ m, at several temperatures', () => {
    for (let m = 1; m <= 10; m++) {
      for (let k = 0; k <= m; k++) {
        for (const [seed, t] of [
          [1, 1],
          [2, 1],
          [3, 0.37],
          [4, 2.5],
        ] as const) {
          const scores = randomScores(m, 100 * m + 10 * k + seed, 3);
          const out = kSubsetMarginals(scores, m, k, { temperature: t });
          const oracle = enumerateKSubsets(scaled(scores, t), k);
          expectClose(out.marginals, oracle.marginals, 1e-9);
          expect(Math.abs(out.logZ[0] - oracle.logZ)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(oracle.logZ)),
          );
        }
      }
    }
  });

  it('equals enumeration at m = 16 with wide-range scores (exercises exponent rescaling)', () => {
    // |scores/t| up to 800: weights span e^±1600, far beyond one mantissa range of 2^±256.
    for (const [k, scale, t] of [
      [5, 2, 1],
      [8, 400, 0.5],
      [11, 150, 1],
      [3, 1e3, 3],
    ] as const) {
      const scores = randomScores(16, 7 * k, scale);
      const out = kSubsetMarginals(scores, 16, k, { temperature: t });
      const oracle = enumerateKSubsets(scaled(scores, t), k);
      expectClose(out.marginals, oracle.marginals, 1e-9);
      expect(Math.abs(out.logZ[0] - oracle.logZ)).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(oracle.logZ)),
      );
    }
  });

  it('handles k = 0 and k = m exactly', () => {
    const scores = randomScores(7, 9);
    const none = kSubsetMarginalsAndVjp(scores, 7, 0, randomScores(7, 10));
    expect(Array.from(none.marginals)).toEqual(new Array(7).fill(0));
    expect(none.logZ[0]).toBe(0);
    expect(Array.from(none.vjp)).toEqual(new Array(7).fill(0));
    const all = kSubsetMarginalsAndVjp(scores, 7, 7, randomScores(7, 10), { temperature: 0.5 });
    expect(Array.from(all.marginals)).toEqual(new Array(7).fill(1));
    expect(all.logZ[0]).toBeCloseTo(sum(scores) / 0.5, 12);
    expect(Array.from(all.vjp)).toEqual(new Array(7).fill(0));
    expect(kSubsetMarginals(new Float64Array([3.5]), 1, 1).logZ[0]).toBe(3.5);
  });

  it('is shift-invariant: μ(a + c) = μ(a) and log Z(a + c) = log Z(a) + k·c', () => {
    const scores = randomScores(12, 21);
    const base = kSubsetMarginals(scores, 12, 5);
    const moved = kSubsetMarginals(
      scores.map((v) => v + 40),
      12,
      5,
    );
    expectClose(moved.marginals, base.marginals, 1e-12);
    expect(moved.logZ[0] - base.logZ[0]).toBeCloseTo(200, 9);
  });
});

describe('top-k argmax', () => {
  it('equals the enumerated best subset, ties included, for every m ≤ 8 and k', () => {
    for (let m = 1; m <= 8; m++) {
      for (let k = 0; k <= m; k++) {
        for (let seed = 0; seed < 6; seed++) {
          // Small integers make ties frequent and keep every subset sum exact.
          const scores = randomScores(m, 1000 * m + 10 * k + seed, 3).map(Math.round);
          const mask = topKArgmax(scores, m, k);
          const oracle = enumerateKSubsets(scores, k);
          expect(Array.from(mask)).toEqual(Array.from(oracle.argmax));
        }
      }
    }
  });

  it('breaks ties towards lower indices', () => {
    const mask = topKArgmax(new Float64Array([1, 2, 2, 0, 2, 2]), 6, 3);
    expect(Array.from(mask)).toEqual([0, 1, 1, 0, 1, 0]);
    expect(Array.from(topKArgmax(new Float64Array(5), 5, 2))).toEqual([1, 1, 0, 0, 0]);
  });

  it('is a valid k-subset with the best score on larger inputs (sorting oracle)', () => {
    const m = 500;
    const k = 37;
    const scores = randomScores(m, 77).map((v) => Math.round(v * 10));
    const mask = topKArgmax(scores, m, k);
    const order = Array.from(scores.keys()).sort((i, j) => scores[j] - scores[i] || i - j);
    const expected = new Float64Array(m);
    for (const i of order.slice(0, k)) expected[i] = 1;
    expect(Array.from(mask)).toEqual(Array.from(expected));
  });

  it('is the limit of the marginals as t → 0 (distinct scores)', () => {
    const scores = randomScores(20, 5);
    const hard = topKArgmax(scores, 20, 6);
    const soft = kSubsetMarginals(scores, 20, 6, { temperature: 1e-4 }).marginals;
    expectClose(soft, hard, 1e-6);
  });
});

describe('batching', () => {
  it('batched equals looped, bit for bit', () => {
    const m = 11;
    const k = 4;
    const batch = 6;
    const scores = randomScores(m * batch, 31);
    const g = randomScores(m * batch, 32);
    const options = { temperature: 0.8 };
    const all = kSubsetMarginalsAndVjp(scores, m, k, g, options);
    const marg = kSubsetMarginals(scores, m, k, options);
    const hard = topKArgmax(scores, m, k);
    for (let b = 0; b < batch; b++) {
      const part = scores.subarray(b * m, (b + 1) * m);
      const one = kSubsetMarginalsAndVjp(part, m, k, g.subarray(b * m, (b + 1) * m), options);
      expect(Array.from(all.marginals.subarray(b * m, (b + 1) * m))).toEqual(
        Array.from(one.marginals),
      );
      expect(Array.from(all.vjp.subarray(b * m, (b + 1) * m))).toEqual(Array.from(one.vjp));
      expect(all.logZ[b]).toBe(one.logZ[0]);
      expect(Array.from(hard.subarray(b * m, (b + 1) * m))).toEqual(
        Array.from(topKArgmax(part, m, k)),
      );
    }
    // The combined entry point and the separate ones agree exactly.
    expect(Array.from(marg.marginals)).toEqual(Array.from(all.marginals));
    expect(Array.from(marg.logZ)).toEqual(Array.from(all.logZ));
    expect(Array.from(kSubsetVjp(scores, m, k, g, options))).toEqual(Array.from(all.vjp));
  });
});

describe('k-subset VJP', () => {
  it('matches central finite differences to 1e-6 relative', () => {
    const cases: [number, number, number][] = [
      [2, 1, 1],
      [5, 2, 1],
      [8, 3, 0.6],
      [13, 6, 2.5],
      [30, 9, 1],
      [45, 9, 0.7],
    ];
    for (const [m, k, t] of cases) {
      for (let seed = 0; seed < 3; seed++) {
        const scores = randomScores(m, 500 + 7 * m + seed);
        const g = randomScores(m, 900 + 7 * m + seed, 1);
        const vjp = kSubsetVjp(scores, m, k, g, { temperature: t });
        const fd = finiteDifferenceVjp(
          (x) => kSubsetMarginals(x, m, k, { temperature: t }).marginals,
          scores,
          g,
        );
        expect(maxRelativeError(vjp, fd), `m=${m} k=${k} t=${t}`).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('equals the enumerated covariance Cov(x)·g / t to 1e-9', () => {
    // The last two cases have scores/t spanning ±600: the split-exponent DP path.
    for (const [m, k, t, scale] of [
      [4, 2, 1, 2],
      [6, 3, 0.5, 2],
      [9, 4, 1.7, 2],
      [10, 7, 0.9, 2],
      [11, 5, 0.5, 300],
      [12, 6, 1, 600],
    ] as const) {
      const scores = randomScores(m, 40 + m, scale);
      const g = randomScores(m, 60 + m, 1);
      const vjp = kSubsetVjp(scores, m, k, g, { temperature: t });
      expect(maxRelativeError(vjp, enumeratedCovarianceTimes(scores, k, g, t))).toBeLessThan(1e-9);
    }
  });

  it('is symmetric: h·(J g) = g·(J h), and sums to 0 (Σμ is constant)', () => {
    const m = 25;
    const k = 8;
    const scores = randomScores(m, 3);
    const g = randomScores(m, 4, 1);
    const h = randomScores(m, 5, 1);
    const jg = kSubsetVjp(scores, m, k, g);
    const jh = kSubsetVjp(scores, m, k, h);
    let hJg = 0;
    let gJh = 0;
    for (let i = 0; i < m; i++) {
      hJg += h[i] * jg[i];
      gJh += g[i] * jh[i];
    }
    expect(Math.abs(hJg - gJh)).toBeLessThan(1e-12);
    expect(Math.abs(sum(jg))).toBeLessThan(1e-12);
  });
});

describe('the two forward DPs', () => {
  it('plain float64 and split-exponent forms give the same take shares and log Z', () => {
    for (const [m, k] of [
      [6, 3],
      [45, 9],
      [200, 30],
    ] as const) {
      const ws = createWorkspace(m, k, false);
      splitWeights(ws, randomScores(m, m + k, 3), 0, 0.7);
      expect(fitsLinear(ws)).toBe(true);
      const logLinear = forwardLinear(ws);
      const linear = Float64Array.from(ws.take);
      const logSplit = forwardSplit(ws);
      expect(maxRelativeError(ws.take, linear)).toBeLessThan(1e-13);
      expect(Math.abs(logSplit - logLinear)).toBeLessThan(1e-12 * Math.max(1, Math.abs(logLinear)));
    }
  });
});

describe('k-subset properties (fast-check)', () => {
  const problem = fc.integer({ min: 1, max: 8 }).chain((m) =>
    fc.record({
      m: fc.constant(m),
      k: fc.integer({ min: 0, max: m }),
      scores: fc.oneof(
        fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: m, maxLength: m }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: m, maxLength: m }),
      ),
      t: fc.double({ min: 0.05, max: 5, noNaN: true }),
    }),
  );

  it('μ ∈ [0, 1], Σμ = k, log Z ≥ best score / t, argmax ∈ 𝒳 with the enumerated best score', () => {
    fc.assert(
      fc.property(problem, ({ m, k, scores, t }) => {
        const s = Float64Array.from(scores);
        const { marginals, logZ } = kSubsetMarginals(s, m, k, { temperature: t });
        for (const v of marginals) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(Math.abs(sum(marginals) - k)).toBeLessThan(1e-12 * Math.max(1, k));
        const mask = topKArgmax(s, m, k);
        expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
        expect(sum(mask)).toBe(k);
        const oracle = enumerateKSubsets(s, k);
        let score = 0;
        for (let i = 0; i < m; i++) score += s[i] * mask[i];
        expect(Math.abs(score - oracle.maxScore)).toBeLessThan(1e-12 * Math.max(1, score));
        expect(logZ[0]).toBeGreaterThanOrEqual(oracle.maxScore / t - 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});

describe('extreme inputs', () => {
  const extremes = { temperature: 1e-3 };

  it('scores of ±1e4 at t = 1e-3 give finite marginals, log Z and VJP', () => {
    for (const [m, k] of [
      [6, 3],
      [45, 9],
      [300, 40],
    ] as const) {
      const scores = randomScores(m, m).map((v) => (v > 0 ? 1e4 : -1e4) * Math.abs(v));
      const g = randomScores(m, m + 1, 1);
      const { marginals, logZ, vjp } = kSubsetMarginalsAndVjp(scores, m, k, g, extremes);
      expect(marginals.every(Number.isFinite)).toBe(true);
      expect(vjp.every(Number.isFinite)).toBe(true);
      expect(Number.isFinite(logZ[0])).toBe(true);
      expect(Math.abs(sum(marginals) - k)).toBeLessThan(1e-9);
      // Distinct scores 1e7 apart after scaling: the relaxation is the hard top-k.
      expectClose(marginals, topKArgmax(scores, m, k), 1e-9);
    }
  });

  it('saturated ±1e4 ties split the mass evenly, with the exact (finite) VJP', () => {
    const scores = new Float64Array([1e4, -1e4, 1e4, 1e4, -1e4, 1e4, -1e4]);
    const g = new Float64Array([0.3, -1, 2, 0.5, 1, -0.7, 0.1]);
    const { marginals, logZ, vjp } = kSubsetMarginalsAndVjp(scores, 7, 2, g, extremes);
    expectClose(marginals, [0.5, 0, 0.5, 0.5, 0, 0.5, 0], 1e-12);
    // log Z = 2e7 + log C(4, 2).
    expect(Math.abs(logZ[0] - (2e7 + Math.log(6)))).toBeLessThan(1e-8);
    // The enumerator's exp(s − log Z) at |s| ≈ 2e7 is only good to ~ulp(2e7) ≈ 4e-9.
    const oracle = enumerateKSubsets(scaled(scores, 1e-3), 2);
    expectClose(marginals, oracle.marginals, 1e-8);
    expect(maxRelativeError(vjp, enumeratedCovarianceTimes(scores, 2, g, 1e-3))).toBeLessThan(1e-9);
  });

  it('ties in the middle of the range and mixed magnitudes stay NaN-free', () => {
    const scores = new Float64Array([1e4, 1e4, 0, 0, 0, -1e4, -1e4, 1e4, 0]);
    const g = randomScores(9, 8, 1);
    for (const k of [1, 2, 3, 4, 5, 6, 8]) {
      const { marginals, vjp, logZ } = kSubsetMarginalsAndVjp(scores, 9, k, g, extremes);
      const oracle = enumerateKSubsets(scaled(scores, 1e-3), k);
      expectClose(marginals, oracle.marginals, 1e-8);
      expect(Math.abs(logZ[0] - oracle.logZ)).toBeLessThanOrEqual(1e-9 * Math.abs(oracle.logZ));
      expect(vjp.every(Number.isFinite)).toBe(true);
      expect(maxRelativeError(vjp, enumeratedCovarianceTimes(scores, k, g, 1e-3))).toBeLessThan(
        1e-9,
      );
    }
  });
});

describe('errors', () => {
  const s = new Float64Array([1, 2, 3, 4]);
  const g = new Float64Array(4);
  type Call = () => unknown;

  function expectThrow(call: Call, kind: typeof TypeError | typeof RangeError, name: string) {
    expect(call).toThrow(kind);
    expect(call).toThrow(name);
  }

  it('rejects wrong kinds with a TypeError naming the parameter', () => {
    const notArray = [1, 2, 3, 4] as unknown as Float64Array;
    for (const call of [
      () => kSubsetMarginals(notArray, 4, 2),
      () => kSubsetVjp(notArray, 4, 2, g),
      () => kSubsetMarginalsAndVjp(notArray, 4, 2, g),
      () => topKArgmax(notArray, 4, 2),
    ]) {
      expectThrow(call, TypeError, 'scores');
    }
    expectThrow(() => kSubsetMarginals(s, 2.5, 1), TypeError, 'm');
    expectThrow(() => topKArgmax(s, '4' as unknown as number, 1), TypeError, 'm');
    expectThrow(() => kSubsetMarginals(s, 4, 1.5), TypeError, 'k');
    expectThrow(() => topKArgmax(s, 4, Number.NaN), TypeError, 'k');
    expectThrow(() => kSubsetVjp(s, 4, 2, [0, 0, 0, 0] as unknown as Float64Array), TypeError, 'g');
    expectThrow(
      () => kSubsetMarginals(s, 4, 2, { temperature: '1' as unknown as number }),
      TypeError,
      'temperature',
    );
  });

  it('rejects bad values with a RangeError naming the parameter', () => {
    expectThrow(
      () => kSubsetMarginals(new Float64Array([1, Number.NaN]), 2, 1),
      RangeError,
      'scores',
    );
    expectThrow(() => kSubsetVjp(new Float64Array([Infinity, 1]), 2, 1, g), RangeError, 'scores');
    expectThrow(() => topKArgmax(new Float64Array([1, -Infinity]), 2, 1), RangeError, 'scores');
    expectThrow(() => kSubsetMarginals(s, 0, 0), RangeError, 'm');
    expectThrow(() => kSubsetMarginals(s, 4, 5), RangeError, 'k');
    expectThrow(() => topKArgmax(s, 4, -1), RangeError, 'k');
    expectThrow(() => kSubsetMarginals(s, 3, 1), RangeError, 'scores');
    expectThrow(() => topKArgmax(new Float64Array(0), 3, 1), RangeError, 'scores');
    for (const temperature of [0, -1, Number.NaN, Infinity]) {
      expectThrow(() => kSubsetMarginals(s, 4, 2, { temperature }), RangeError, 'temperature');
      expectThrow(() => kSubsetVjp(s, 4, 2, g, { temperature }), RangeError, 'temperature');
    }
    expectThrow(() => kSubsetVjp(s, 4, 2, new Float64Array(3)), RangeError, 'g');
    expectThrow(
      () => kSubsetVjp(s, 4, 2, new Float64Array([0, Number.NaN, 0, 0])),
      RangeError,
      'g',
    );
    // Finite scores whose scaled value overflows float64.
    expectThrow(
      () => kSubsetMarginals(new Float64Array([1e300, -1e300]), 2, 1, { temperature: 1e-10 }),
      RangeError,
      'scores / temperature',
    );
  });

  it('the enumerator validates its input too', () => {
    expectThrow(() => enumerateKSubsets(s, 5), RangeError, 'k');
    expectThrow(() => enumerateKSubsets(new Float64Array(0), 0), RangeError, 'scores');
    expect(enumerateKSubsets(new Float64Array(7), 3).count).toBe(35);
    expect(enumerateKSubsets(new Float64Array(7), 0).count).toBe(1);
  });
});
