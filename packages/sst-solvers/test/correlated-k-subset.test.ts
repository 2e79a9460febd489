import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainFitsLinear, prepareFactors } from '../src/correlated-k-subset/factors.js';
import { forwardChainLinear, forwardChainSplit } from '../src/correlated-k-subset/forward.js';
import {
  correlatedKSubsetArgmax,
  correlatedKSubsetMarginals,
  correlatedKSubsetMarginalsAndVjp,
  correlatedKSubsetVjp,
} from '../src/correlated-k-subset/index.js';
import { createChainWorkspace } from '../src/correlated-k-subset/workspace.js';
import { kSubsetMarginals, kSubsetMarginalsAndVjp } from '../src/k-subset/index.js';
import { enumerateCorrelatedKSubsets } from '../src/testing/enumerate-correlated-k-subsets.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import { randomScores as uniformScores } from '../src/testing/random.js';
import { designVectors, marginalFixtures } from './fixtures.js';

const design = designVectors;
const fixtures = marginalFixtures;

/** Scores uniform in [−scale, scale) (default ±2). */
const randomScores = (length: number, seed: number, scale = 2) =>
  uniformScores(length, seed, scale);

function scaled(x: Float64Array, t: number): Float64Array {
  return x.map((v) => v / t);
}

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `index ${i}`).toBeLessThanOrEqual(tol);
  }
}

function expectLogZ(actual: number, expected: number, tol: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

/** Score Σ W_i x_i + Σ V_i x_i x_{i+1} of a mask. */
function chainScore(word: Float64Array, pair: Float64Array, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < word.length; i++) s += word[i] * x[i];
  for (let i = 0; i < pair.length; i++) s += pair[i] * x[i] * x[i + 1];
  return s;
}

/**
 * Independent VJP oracle: Cov(T)·(gWord, gPair) / t by brute force over bitmasks with popcount k,
 * T = [x, x_i x_{i+1}], p ∝ exp(⟨(word, pair)/t, T⟩). Two passes (means, then centred products)
 * so that a nearly deterministic p does not lose its tiny covariance to cancellation.
 */
function enumeratedCovarianceTimes(
  word: Float64Array,
  pair: Float64Array,
  k: number,
  gWord: Float64Array,
  gPair: Float64Array,
  t: number,
): Float64Array {
  const m = word.length;
  const d = 2 * m - 1;
  const theta = scaled(concat(word, pair), t);
  const g = concat(gWord, gPair);
  const stats: Float64Array[] = [];
  const logW: number[] = [];
  for (let mask = 0; mask < 1 << m; mask++) {
    const x = new Float64Array(d);
    let count = 0;
    for (let i = 0; i < m; i++) {
      if (mask & (1 << i)) {
        x[i] = 1;
        count++;
      }
    }
    if (count !== k) continue;
    for (let i = 0; i + 1 < m; i++) x[m + i] = x[i] * x[i + 1];
    stats.push(x);
    logW.push(sum(x.map((v, i) => v * theta[i])));
  }
  const top = Math.max(...logW);
  const p = logW.map((w) => Math.exp(w - top));
  const z = sum(p);
  const mean = new Float64Array(d);
  const gT = stats.map((x) => sum(x.map((v, i) => v * g[i])));
  let meanGT = 0;
  stats.forEach((x, s) => {
    meanGT += (p[s] / z) * gT[s];
    for (let i = 0; i < d; i++) mean[i] += (p[s] / z) * x[i];
  });
  const out = new Float64Array(d);
  stats.forEach((x, s) => {
    for (let i = 0; i < d; i++) out[i] += (p[s] / z) * (x[i] - mean[i]) * (gT[s] - meanGT);
  });
  return out.map((v) => v / t);
}

/** The VJP as one vector (word part, then pair part). */
function vjpVector(
  word: Float64Array,
  pair: Float64Array,
  k: number,
  gWord: Float64Array,
  gPair: Float64Array,
  t: number,
): Float64Array {
  const m = word.length;
  const out = correlatedKSubsetVjp(word, pair, m, k, gWord, gPair, { temperature: t });
  return concat(out.word, out.pair);
}

describe('reduction to plain k-subsets (pair scores 0)', () => {
  it('matches the DESIGN.md §3.1 test vector to 1e-6', () => {
    const { theta, k, marginals, logZ } = design.kSubset;
    const m = theta.length;
    const out = correlatedKSubsetMarginals(Float64Array.from(theta), new Float64Array(m - 1), m, k);
    expectClose(out.word, marginals, 1e-6);
    expect(Math.abs(out.logZ[0] - logZ)).toBeLessThanOrEqual(1e-6);
  });

  it('matches the shared brute-force k-subset fixtures to 1e-9', () => {
    for (const { n, k, theta, marginals, logZ } of fixtures.k_subset) {
      const out = correlatedKSubsetMarginals(
        Float64Array.from(theta),
        new Float64Array(n - 1),
        n,
        k,
      );
      expectClose(out.word, marginals, 1e-9);
      expect(Math.abs(out.logZ[0] - logZ)).toBeLessThanOrEqual(1e-9);
    }
  });

  it('equals kSubsetMarginals and kSubsetVjp for all m ≤ 40 sampled, batched, several t', () => {
    for (const [m, k, t, scale] of [
      [1, 1, 1, 2],
      [2, 1, 1, 2],
      [7, 3, 0.5, 2],
      [20, 6, 1.3, 3],
      [40, 11, 0.8, 2],
      [40, 20, 1, 300],
    ] as const) {
      const batch = 3;
      const word = randomScores(m * batch, 17 * m + k, scale);
      const zero = new Float64Array((m - 1) * batch);
      const g = randomScores(m * batch, 19 * m + k, 1);
      const ours = correlatedKSubsetMarginalsAndVjp(word, zero, m, k, g, zero, { temperature: t });
      const plain = kSubsetMarginalsAndVjp(word, m, k, g, { temperature: t });
      expectClose(ours.word, plain.marginals, 1e-12);
      for (let b = 0; b < batch; b++) expectLogZ(ours.logZ[b], plain.logZ[b], 1e-12);
      expect(maxRelativeError(ours.vjpWord, plain.vjp)).toBeLessThan(1e-10);
    }
  });
});

describe('correlated k-subset marginals against enumeration', () => {
  it('word and pair marginals and log Z equal enumeration to 1e-9 for all m ≤ 10 and all k', () => {
    // Pair scores: mild, strongly negative (adjacency discouraged), strongly positive (runs).
    const pairScales: [number, number][] = [
      [2, 0],
      [8, -6],
      [8, 6],
    ];
    for (let m = 1; m <= 10; m++) {
      for (let k = 0; k <= m; k++) {
        pairScales.forEach(([scale, offset], c) => {
          for (const [seed, t] of [
            [1, 1],
            [2, 0.37],
            [3, 2.5],
          ] as const) {
            const s = 1000 * m + 100 * k + 10 * c + seed;
            const word = randomScores(m, s, 3);
            const pair = randomScores(m - 1, s + 7, scale).map((v) => v + offset);
            const out = correlatedKSubsetMarginals(word, pair, m, k, { temperature: t });
            const oracle = enumerateCorrelatedKSubsets(scaled(word, t), scaled(pair, t), k);
            expectClose(out.word, oracle.word, 1e-9);
            expectClose(out.pair, oracle.pair, 1e-9);
            expectLogZ(out.logZ[0], oracle.logZ, 1e-9);
          }
        });
      }
    }
  });

  it('equals enumeration at m = 12 with wide-range scores (split-exponent DP)', () => {
    // |scores/t| up to ~1600: factors span far more than one mantissa range of 2^±256.
    for (const [k, wordScale, pairScale, t] of [
      [5, 2, 400, 1],
      [6, 400, 400, 0.5],
      [3, 150, -800, 1],
      [9, 1e3, 50, 3],
      [2, 5, 900, 0.7],
    ] as const) {
      const word = randomScores(12, 7 * k, wordScale);
      const pair = randomScores(11, 9 * k, pairScale);
      const ws = createChainWorkspace(12, k, false);
      prepareFactors(ws, word, pair, 0, t);
      expect(chainFitsLinear(ws)).toBe(false);
      const out = correlatedKSubsetMarginals(word, pair, 12, k, { temperature: t });
      const oracle = enumerateCorrelatedKSubsets(scaled(word, t), scaled(pair, t), k);
      expectClose(out.word, oracle.word, 1e-9);
      expectClose(out.pair, oracle.pair, 1e-9);
      expectLogZ(out.logZ[0], oracle.logZ, 1e-12);
    }
  });

  it('keeps tiny marginals relatively exact (nearly deterministic distributions)', () => {
    // Marginals from 1 down to 1e-300: a 1 − p anywhere in the DP would round everything below
    // ~1e-16 to 0 or to garbage. The split-exponent DP keeps relative precision down to
    // 2^-512 ≈ 1e-154 (smaller terms are dropped, as logaddexp would round them away).
    for (const [k, scale, t] of [
      [3, 600, 1],
      [5, 60, 0.1],
      [4, 30, 1],
    ] as const) {
      const word = randomScores(12, 52 + k, scale);
      const pair = randomScores(11, 62 + k, -scale);
      const out = correlatedKSubsetMarginals(word, pair, 12, k, { temperature: t });
      const oracle = enumerateCorrelatedKSubsets(scaled(word, t), scaled(pair, t), k);
      const check = (ours: Float64Array, exact: Float64Array) => {
        for (let i = 0; i < exact.length; i++) {
          if (exact[i] < 1e-150) {
            expect(ours[i]).toBeLessThan(1e-150);
            continue;
          }
          // The oracle's exp(s − log Z) has |s| ~ 1e4 here: ~1e-12 relative at best.
          expect(Math.abs(ours[i] - exact[i]) / exact[i], `k=${k} i=${i}`).toBeLessThan(1e-9);
        }
      };
      check(out.word, oracle.word);
      check(out.pair, oracle.pair);
    }
  });

  it('handles k = 0 and k = m exactly', () => {
    const word = randomScores(7, 9);
    const pair = randomScores(6, 10);
    const g = randomScores(13, 11);
    const none = correlatedKSubsetMarginalsAndVjp(
      word,
      pair,
      7,
      0,
      g.subarray(0, 7),
      g.subarray(7),
    );
    expect(Array.from(none.word)).toEqual(new Array(7).fill(0));
    expect(Array.from(none.pair)).toEqual(new Array(6).fill(0));
    expect(none.logZ[0]).toBe(0);
    expect(Array.from(none.vjpWord)).toEqual(new Array(7).fill(0));
    const all = correlatedKSubsetMarginalsAndVjp(
      word,
      pair,
      7,
      7,
      g.subarray(0, 7),
      g.subarray(7),
      {
        temperature: 0.5,
      },
    );
    expect(Array.from(all.word)).toEqual(new Array(7).fill(1));
    expect(Array.from(all.pair)).toEqual(new Array(6).fill(1));
    expect(all.logZ[0]).toBeCloseTo((sum(word) + sum(pair)) / 0.5, 12);
    expect(Array.from(all.vjpPair)).toEqual(new Array(6).fill(0));
    const single = correlatedKSubsetMarginals(new Float64Array([3.5]), new Float64Array(0), 1, 1);
    expect(single.logZ[0]).toBe(3.5);
    expect(single.pair.length).toBe(0);
  });

  it('k = 1 never takes a pair, whatever the pair scores', () => {
    const word = randomScores(9, 3);
    const pair = randomScores(8, 4, 1e4);
    const out = correlatedKSubsetMarginals(word, pair, 9, 1);
    expect(Array.from(out.pair)).toEqual(new Array(8).fill(0));
    expectClose(out.word, kSubsetMarginals(word, 9, 1).marginals, 1e-15);
  });

  it('obeys the laws: Σ word = k, pair_i ≤ min(word_i, word_{i+1}), shift invariance', () => {
    const m = 60;
    for (const [k, t, pairScale] of [
      [1, 1, 2],
      [7, 0.5, 3],
      [30, 1, 5],
      [59, 2, 1],
    ] as const) {
      const word = randomScores(m, k, 2);
      const pair = randomScores(m - 1, k + 1, pairScale);
      const out = correlatedKSubsetMarginals(word, pair, m, k, { temperature: t });
      expect(Math.abs(sum(out.word) - k)).toBeLessThan(1e-12 * m);
      for (let i = 0; i < m - 1; i++) {
        expect(out.pair[i]).toBeLessThanOrEqual(Math.min(out.word[i], out.word[i + 1]) + 1e-15);
        expect(out.pair[i]).toBeGreaterThanOrEqual(0);
      }
      // Shifting every word score by c multiplies each structure by e^{k·c/t}.
      const moved = correlatedKSubsetMarginals(
        word.map((v) => v + 40),
        pair,
        m,
        k,
        { temperature: t },
      );
      expectClose(moved.word, out.word, 1e-11);
      expectClose(moved.pair, out.pair, 1e-11);
      expect(moved.logZ[0] - out.logZ[0]).toBeCloseTo((40 * k) / t, 8);
    }
  });
});

describe('the two forward DPs', () => {
  it('plain float64 and split-exponent forms give the same shares and log Z', () => {
    for (const [m, k] of [
      [6, 3],
      [45, 9],
      [200, 30],
      [350, 10],
    ] as const) {
      const ws = createChainWorkspace(m, k, false);
      prepareFactors(ws, randomScores(m, m + k, 3), randomScores(m - 1, m - k, 2), 0, 0.7);
      expect(chainFitsLinear(ws)).toBe(true);
      const logLinear = forwardChainLinear(ws);
      const shares = () => [Float64Array.from(ws.shares), Float64Array.from(ws.last)];
      const linear = shares();
      const logSplit = forwardChainSplit(ws);
      const split = shares();
      // Entry by entry and relative: tiny shares must be as exact as large ones.
      let worst = 0;
      split.forEach((x, n) => {
        for (let c = 0; c < x.length; c++) {
          const y = linear[n][c];
          if (y !== 0) worst = Math.max(worst, Math.abs(x[c] - y) / y);
          else expect(x[c]).toBe(0);
        }
      });
      expect(worst).toBeLessThan(1e-13);
      expect(Math.abs(logSplit - logLinear)).toBeLessThan(1e-12 * Math.max(1, Math.abs(logLinear)));
    }
  });
});

describe('correlated k-subset argmax', () => {
  it('equals the enumerated best mask, ties included, for every m ≤ 9 and k', () => {
    for (let m = 1; m <= 9; m++) {
      for (let k = 0; k <= m; k++) {
        for (let seed = 0; seed < 8; seed++) {
          // Small integers make ties frequent and keep every sum exact, so the masks must agree.
          const word = randomScores(m, 1000 * m + 10 * k + seed, 2).map(Math.round);
          const pair = randomScores(m - 1, 2000 * m + 10 * k + seed, 2).map(Math.round);
          const hard = correlatedKSubsetArgmax(word, pair, m, k);
          const oracle = enumerateCorrelatedKSubsets(word, pair, k);
          expect(Array.from(hard.word)).toEqual(Array.from(oracle.argmaxWord));
          expect(Array.from(hard.pair)).toEqual(Array.from(oracle.argmaxPair));
        }
      }
    }
  });

  it('has the enumerated best score on continuous scores, and the same mask (no ties)', () => {
    for (let m = 2; m <= 10; m++) {
      for (let k = 1; k < m; k++) {
        const word = randomScores(m, 31 * m + k, 3);
        const pair = randomScores(m - 1, 37 * m + k, 4);
        const hard = correlatedKSubsetArgmax(word, pair, m, k);
        const oracle = enumerateCorrelatedKSubsets(word, pair, k);
        expect(Math.abs(chainScore(word, pair, hard.word) - oracle.maxScore)).toBeLessThan(1e-12);
        expect(Array.from(hard.word)).toEqual(Array.from(oracle.argmaxWord));
      }
    }
  });

  it('breaks ties towards the earliest words', () => {
    expect(
      Array.from(correlatedKSubsetArgmax(new Float64Array(6), new Float64Array(5), 6, 2).word),
    ).toEqual([1, 1, 0, 0, 0, 0]);
    // A run of two pays 1 wherever it starts; single words pay nothing.
    const tie = correlatedKSubsetArgmax(new Float64Array(5), new Float64Array([0, 1, 1, 1]), 5, 2);
    expect(Array.from(tie.word)).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(tie.pair)).toEqual([0, 1, 0, 0]);
  });

  it('prefers contiguous runs when pair scores are large, spread-out picks when negative', () => {
    const word = new Float64Array([1, 0, 1, 0, 1, 0, 1, 0]);
    const runs = correlatedKSubsetArgmax(word, new Float64Array(7).fill(5), 8, 4);
    expect(Array.from(runs.word)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
    expect(sum(runs.pair)).toBe(3);
    const apart = correlatedKSubsetArgmax(
      word.map((v) => 1 - v),
      new Float64Array(7).fill(-5),
      8,
      4,
    );
    expect(Array.from(apart.word)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('is the limit of the marginals as t → 0 on a long sequence (distinct scores)', () => {
    const m = 40;
    const word = randomScores(m, 5);
    const pair = randomScores(m - 1, 6);
    const hard = correlatedKSubsetArgmax(word, pair, m, 9);
    const soft = correlatedKSubsetMarginals(word, pair, m, 9, { temperature: 1e-4 });
    expectClose(soft.word, hard.word, 1e-6);
    expectClose(soft.pair, hard.pair, 1e-6);
  });
});

describe('batching', () => {
  it('batched equals looped, bit for bit', () => {
    const m = 11;
    const k = 4;
    const batch = 6;
    const word = randomScores(m * batch, 31);
    const pair = randomScores((m - 1) * batch, 32, 3);
    const gWord = randomScores(m * batch, 33, 1);
    const gPair = randomScores((m - 1) * batch, 34, 1);
    const options = { temperature: 0.8 };
    const all = correlatedKSubsetMarginalsAndVjp(word, pair, m, k, gWord, gPair, options);
    const hard = correlatedKSubsetArgmax(word, pair, m, k);
    const w = (x: Float64Array, b: number) => x.subarray(b * m, (b + 1) * m);
    const p = (x: Float64Array, b: number) => x.subarray(b * (m - 1), (b + 1) * (m - 1));
    for (let b = 0; b < batch; b++) {
      const one = correlatedKSubsetMarginalsAndVjp(
        w(word, b),
        p(pair, b),
        m,
        k,
        w(gWord, b),
        p(gPair, b),
        options,
      );
      expect(Array.from(w(all.word, b))).toEqual(Array.from(one.word));
      expect(Array.from(p(all.pair, b))).toEqual(Array.from(one.pair));
      expect(Array.from(w(all.vjpWord, b))).toEqual(Array.from(one.vjpWord));
      expect(Array.from(p(all.vjpPair, b))).toEqual(Array.from(one.vjpPair));
      expect(all.logZ[b]).toBe(one.logZ[0]);
      const oneHard = correlatedKSubsetArgmax(w(word, b), p(pair, b), m, k);
      expect(Array.from(w(hard.word, b))).toEqual(Array.from(oneHard.word));
      expect(Array.from(p(hard.pair, b))).toEqual(Array.from(oneHard.pair));
    }
    // The combined entry point and the separate ones agree exactly.
    const marg = correlatedKSubsetMarginals(word, pair, m, k, options);
    expect(Array.from(marg.word)).toEqual(Array.from(all.word));
    expect(Array.from(marg.pair)).toEqual(Array.from(all.pair));
    expect(Array.from(marg.logZ)).toEqual(Array.from(all.logZ));
    const vjp = correlatedKSubsetVjp(word, pair, m, k, gWord, gPair, options);
    expect(Array.from(vjp.word)).toEqual(Array.from(all.vjpWord));
    expect(Array.from(vjp.pair)).toEqual(Array.from(all.vjpPair));
  });
});

describe('correlated k-subset VJP', () => {
  it('matches central finite differences on the concatenated (word, pair) vector to 1e-6', () => {
    const cases: [number, number, number, number][] = [
      [2, 1, 1, 2],
      [3, 2, 1, 2],
      [5, 2, 1, 3],
      [8, 3, 0.6, 2],
      [13, 6, 2.5, 4],
      [30, 9, 1, 3],
      [45, 9, 0.7, 2],
    ];
    for (const [m, k, t, pairScale] of cases) {
      for (let seed = 0; seed < 2; seed++) {
        const word = randomScores(m, 500 + 7 * m + seed);
        const pair = randomScores(m - 1, 600 + 7 * m + seed, pairScale);
        const gWord = randomScores(m, 900 + 7 * m + seed, 1);
        const gPair = randomScores(m - 1, 950 + 7 * m + seed, 1);
        const vjp = vjpVector(word, pair, k, gWord, gPair, t);
        const fd = finiteDifferenceVjp(
          (x) => {
            const out = correlatedKSubsetMarginals(x.subarray(0, m), x.subarray(m), m, k, {
              temperature: t,
            });
            return concat(out.word, out.pair);
          },
          concat(word, pair),
          concat(gWord, gPair),
        );
        expect(maxRelativeError(vjp, fd), `m=${m} k=${k} t=${t}`).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('equals the enumerated covariance Cov(T)·g / t to 1e-9 (linear and split paths)', () => {
    // The last cases have scores/t spanning hundreds: the split-exponent DP.
    for (const [m, k, t, wordScale, pairScale] of [
      [4, 2, 1, 2, 2],
      [6, 3, 0.5, 2, 3],
      [9, 4, 1.7, 2, -5],
      [10, 7, 0.9, 2, 6],
      [11, 5, 0.5, 300, 100],
      [12, 6, 1, 20, 600],
      [12, 3, 1, 600, -600],
    ] as const) {
      const word = randomScores(m, 40 + m, wordScale);
      const pair = randomScores(m - 1, 50 + m, pairScale);
      const gWord = randomScores(m, 60 + m, 1);
      const gPair = randomScores(m - 1, 70 + m, 1);
      const vjp = vjpVector(word, pair, k, gWord, gPair, t);
      const oracle = enumeratedCovarianceTimes(word, pair, k, gWord, gPair, t);
      expect(maxRelativeError(vjp, oracle), `m=${m} k=${k}`).toBeLessThan(1e-9);
    }
  });

  it('is symmetric, h·(J g) = g·(J h), and its word part sums to 0 (Σx is constant)', () => {
    const m = 25;
    const k = 8;
    const word = randomScores(m, 3);
    const pair = randomScores(m - 1, 4, 3);
    const g = randomScores(2 * m - 1, 5, 1);
    const h = randomScores(2 * m - 1, 6, 1);
    const jg = vjpVector(word, pair, k, g.subarray(0, m), g.subarray(m), 0.9);
    const jh = vjpVector(word, pair, k, h.subarray(0, m), h.subarray(m), 0.9);
    expect(
      Math.abs(sum(h.map((v, i) => v * jg[i])) - sum(g.map((v, i) => v * jh[i]))),
    ).toBeLessThan(1e-12);
    expect(Math.abs(sum(jg.subarray(0, m)))).toBeLessThan(1e-12);
  });
});

describe('correlated k-subset properties (fast-check)', () => {
  const problem = fc.integer({ min: 1, max: 8 }).chain((m) =>
    fc.record({
      m: fc.constant(m),
      k: fc.integer({ min: 0, max: m }),
      word: fc.oneof(
        fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: m, maxLength: m }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: m, maxLength: m }),
      ),
      pair: fc.oneof(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
          minLength: m - 1,
          maxLength: m - 1,
        }),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: m - 1, maxLength: m - 1 }),
      ),
      t: fc.double({ min: 0.05, max: 5, noNaN: true }),
    }),
  );

  it('marginals in [0, 1], Σ word = k, pair ≤ min of its words, argmax optimal in 𝒳', () => {
    fc.assert(
      fc.property(problem, ({ m, k, word, pair, t }) => {
        const w = Float64Array.from(word);
        const v = Float64Array.from(pair);
        const out = correlatedKSubsetMarginals(w, v, m, k, { temperature: t });
        for (const x of [...out.word, ...out.pair]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
        expect(Math.abs(sum(out.word) - k)).toBeLessThan(1e-12 * Math.max(1, k));
        for (let i = 0; i + 1 < m; i++) {
          expect(out.pair[i]).toBeLessThanOrEqual(Math.min(out.word[i], out.word[i + 1]) + 1e-15);
        }
        const hard = correlatedKSubsetArgmax(w, v, m, k);
        expect(hard.word.every((x) => x === 0 || x === 1)).toBe(true);
        expect(sum(hard.word)).toBe(k);
        for (let i = 0; i + 1 < m; i++) expect(hard.pair[i]).toBe(hard.word[i] * hard.word[i + 1]);
        const oracle = enumerateCorrelatedKSubsets(w, v, k);
        const score = chainScore(w, v, hard.word);
        expect(Math.abs(score - oracle.maxScore)).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(score)),
        );
        expect(out.logZ[0]).toBeGreaterThanOrEqual(oracle.maxScore / t - 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});

describe('extreme inputs', () => {
  const extremes = { temperature: 1e-3 };
  const signed = (x: Float64Array) => x.map((v) => (v > 0 ? 1e4 : -1e4) * Math.abs(v));

  it('scores of ±1e4 at t = 1e-3 give finite marginals, log Z and VJP with correct sums', () => {
    for (const [m, k] of [
      [6, 3],
      [45, 9],
      [350, 10],
    ] as const) {
      const word = signed(randomScores(m, m, 1));
      const pair = signed(randomScores(m - 1, m + 2, 1));
      const gWord = randomScores(m, m + 1, 1);
      const gPair = randomScores(m - 1, m + 3, 1);
      const out = correlatedKSubsetMarginalsAndVjp(word, pair, m, k, gWord, gPair, extremes);
      for (const x of [out.word, out.pair, out.vjpWord, out.vjpPair, out.logZ]) {
        expect(x.every(Number.isFinite)).toBe(true);
      }
      expect(Math.abs(sum(out.word) - k)).toBeLessThan(1e-9);
      // Distinct scores ~1e7 apart after scaling: the relaxation is the hard solution.
      const hard = correlatedKSubsetArgmax(word, pair, m, k);
      expectClose(out.word, hard.word, 1e-9);
      expectClose(out.pair, hard.pair, 1e-9);
    }
  });

  it('saturated ±1e4 ties split the mass evenly, with the exact (finite) VJP', () => {
    // Words 0, 2, 3, 5 are worth 1e4; pairs (2,3) and (5,6) add 1e4. k = 2: the best masks
    // {2, 3} alone score 3e4 — the pair (5, 6) needs word 6 at −1e4.
    const word = new Float64Array([1e4, -1e4, 1e4, 1e4, -1e4, 1e4, -1e4]);
    const pair = new Float64Array([0, 0, 1e4, 0, 0, 1e4]);
    const gWord = new Float64Array([0.3, -1, 2, 0.5, 1, -0.7, 0.1]);
    const gPair = new Float64Array([1, -2, 0.5, 0.25, 3, -1]);
    const out = correlatedKSubsetMarginalsAndVjp(word, pair, 7, 2, gWord, gPair, extremes);
    expectClose(out.word, [0, 0, 1, 1, 0, 0, 0], 1e-12);
    expectLogZ(out.logZ[0], 3e7, 1e-15);
    // k = 3: {0, 2, 3}, {2, 3, 5} tie at 4e7 ({5, 6} with 2, 3 would cost 1e4 more).
    const three = correlatedKSubsetMarginalsAndVjp(word, pair, 7, 3, gWord, gPair, extremes);
    expectClose(three.word, [0.5, 0, 1, 1, 0, 0.5, 0], 1e-12);
    expectClose(three.pair, [0, 0, 1, 0, 0, 0], 1e-12);
    expect(Math.abs(three.logZ[0] - (4e7 + Math.log(2)))).toBeLessThan(1e-8);
    const oracle = enumerateCorrelatedKSubsets(scaled(word, 1e-3), scaled(pair, 1e-3), 3);
    expectClose(three.word, oracle.word, 1e-8);
    const exact = enumeratedCovarianceTimes(word, pair, 3, gWord, gPair, 1e-3);
    expect(maxRelativeError(concat(three.vjpWord, three.vjpPair), exact)).toBeLessThan(1e-9);
  });

  it('mixed magnitudes and ties stay NaN-free and exact for every k', () => {
    const word = new Float64Array([1e4, 1e4, 0, 0, 0, -1e4, -1e4, 1e4, 0]);
    const pair = new Float64Array([-1e4, 0, 1e4, 0, -1e4, 1e4, 0, 0]);
    const gWord = randomScores(9, 8, 1);
    const gPair = randomScores(8, 9, 1);
    for (let k = 1; k < 9; k++) {
      const out = correlatedKSubsetMarginalsAndVjp(word, pair, 9, k, gWord, gPair, extremes);
      const oracle = enumerateCorrelatedKSubsets(scaled(word, 1e-3), scaled(pair, 1e-3), k);
      expectClose(out.word, oracle.word, 1e-8);
      expectClose(out.pair, oracle.pair, 1e-8);
      expectLogZ(out.logZ[0], oracle.logZ, 1e-9);
      expect(Math.abs(sum(out.word) - k)).toBeLessThan(1e-9);
      const exact = enumeratedCovarianceTimes(word, pair, k, gWord, gPair, 1e-3);
      expect(maxRelativeError(concat(out.vjpWord, out.vjpPair), exact), `k=${k}`).toBeLessThan(
        1e-9,
      );
    }
  });
});

describe('errors', () => {
  const w = new Float64Array([1, 2, 3, 4]);
  const v = new Float64Array([0, 1, 0]);
  const gw = new Float64Array(4);
  const gv = new Float64Array(3);
  type Call = () => unknown;

  function expectThrow(call: Call, kind: typeof TypeError | typeof RangeError, name: string) {
    expect(call).toThrow(kind);
    expect(call).toThrow(name);
  }

  it('rejects wrong kinds with a TypeError naming the parameter', () => {
    const notArray = [1, 2, 3, 4] as unknown as Float64Array;
    const f32 = new Float32Array(3) as unknown as Float64Array;
    for (const call of [
      () => correlatedKSubsetMarginals(notArray, v, 4, 2),
      () => correlatedKSubsetVjp(notArray, v, 4, 2, gw, gv),
      () => correlatedKSubsetArgmax(notArray, v, 4, 2),
    ]) {
      expectThrow(call, TypeError, 'word');
    }
    expectThrow(() => correlatedKSubsetMarginals(w, f32, 4, 2), TypeError, 'pair');
    expectThrow(
      () => correlatedKSubsetArgmax(w, null as unknown as Float64Array, 4, 2),
      TypeError,
      'pair',
    );
    expectThrow(() => correlatedKSubsetMarginals(w, v, 2.5, 1), TypeError, 'm');
    expectThrow(() => correlatedKSubsetArgmax(w, v, '4' as unknown as number, 1), TypeError, 'm');
    expectThrow(() => correlatedKSubsetMarginals(w, v, 4, 1.5), TypeError, 'k');
    expectThrow(() => correlatedKSubsetArgmax(w, v, 4, Number.NaN), TypeError, 'k');
    expectThrow(
      () => correlatedKSubsetVjp(w, v, 4, 2, [0, 0, 0, 0] as unknown as Float64Array, gv),
      TypeError,
      'gWord',
    );
    expectThrow(() => correlatedKSubsetVjp(w, v, 4, 2, gw, f32), TypeError, 'gPair');
    expectThrow(
      () => correlatedKSubsetMarginals(w, v, 4, 2, { temperature: '1' as unknown as number }),
      TypeError,
      'temperature',
    );
  });

  it('rejects bad values with a RangeError naming the parameter', () => {
    expectThrow(
      () =>
        correlatedKSubsetMarginals(new Float64Array([1, Number.NaN]), new Float64Array(1), 2, 1),
      RangeError,
      'word',
    );
    expectThrow(
      () => correlatedKSubsetArgmax(new Float64Array([Infinity, 1]), new Float64Array(1), 2, 1),
      RangeError,
      'word',
    );
    expectThrow(
      () => correlatedKSubsetMarginals(w, new Float64Array([0, Number.NaN, 0]), 4, 2),
      RangeError,
      'pair',
    );
    expectThrow(
      () => correlatedKSubsetVjp(w, new Float64Array([0, -Infinity, 0]), 4, 2, gw, gv),
      RangeError,
      'pair',
    );
    expectThrow(() => correlatedKSubsetMarginals(w, v, 0, 0), RangeError, 'm');
    expectThrow(() => correlatedKSubsetMarginals(w, v, 4, 5), RangeError, 'k');
    expectThrow(() => correlatedKSubsetArgmax(w, v, 4, -1), RangeError, 'k');
    // Ragged word buffer, empty buffer, pair of the wrong length (short, long, batch mismatch).
    expectThrow(() => correlatedKSubsetMarginals(w, v, 3, 1), RangeError, 'word');
    expectThrow(
      () => correlatedKSubsetArgmax(new Float64Array(0), new Float64Array(0), 3, 1),
      RangeError,
      'word',
    );
    expectThrow(() => correlatedKSubsetMarginals(w, new Float64Array(2), 4, 2), RangeError, 'pair');
    expectThrow(() => correlatedKSubsetArgmax(w, new Float64Array(4), 4, 2), RangeError, 'pair');
    expectThrow(() => correlatedKSubsetMarginals(w, v, 2, 1), RangeError, 'pair');
    for (const temperature of [0, -1, Number.NaN, Infinity]) {
      expectThrow(
        () => correlatedKSubsetMarginals(w, v, 4, 2, { temperature }),
        RangeError,
        'temperature',
      );
      expectThrow(
        () => correlatedKSubsetVjp(w, v, 4, 2, gw, gv, { temperature }),
        RangeError,
        'temperature',
      );
    }
    expectThrow(
      () => correlatedKSubsetVjp(w, v, 4, 2, new Float64Array(3), gv),
      RangeError,
      'gWord',
    );
    expectThrow(
      () => correlatedKSubsetVjp(w, v, 4, 2, gw, new Float64Array(4)),
      RangeError,
      'gPair',
    );
    expectThrow(
      () => correlatedKSubsetVjp(w, v, 4, 2, new Float64Array([0, Number.NaN, 0, 0]), gv),
      RangeError,
      'gWord',
    );
    expectThrow(
      () => correlatedKSubsetVjp(w, v, 4, 2, gw, new Float64Array([0, 0, Infinity])),
      RangeError,
      'gPair',
    );
    // Finite scores whose scaled values (or their sum) overflow float64.
    const tiny = { temperature: 1e-10 };
    expectThrow(
      () =>
        correlatedKSubsetMarginals(
          new Float64Array([1e300, -1e300]),
          new Float64Array(1),
          2,
          1,
          tiny,
        ),
      RangeError,
      'word / temperature',
    );
    expectThrow(
      () =>
        correlatedKSubsetMarginals(new Float64Array(3), new Float64Array([1e300, 0]), 3, 2, tiny),
      RangeError,
      'pair / temperature',
    );
    expectThrow(
      () =>
        correlatedKSubsetMarginals(
          new Float64Array([0, 1.5e308, 0]),
          new Float64Array([1.5e308, 0]),
          3,
          2,
        ),
      RangeError,
      'word / temperature + pair / temperature',
    );
    expectThrow(
      () => correlatedKSubsetMarginals(new Float64Array([1e308, 1e308]), new Float64Array(1), 2, 2),
      RangeError,
      'word / temperature and pair / temperature',
    );
  });

  it('the enumerator validates its input too', () => {
    expectThrow(() => enumerateCorrelatedKSubsets(w, v, 5), RangeError, 'k');
    expectThrow(() => enumerateCorrelatedKSubsets(w, new Float64Array(4), 2), RangeError, 'pair');
    expectThrow(
      () => enumerateCorrelatedKSubsets(new Float64Array(0), new Float64Array(0), 0),
      RangeError,
      'word',
    );
    expectThrow(
      () => enumerateCorrelatedKSubsets(new Float64Array(13), new Float64Array(12), 2),
      RangeError,
      'word',
    );
    expectThrow(
      () => enumerateCorrelatedKSubsets(w, new Float64Array([Number.NaN, 0, 0]), 2),
      RangeError,
      'pair',
    );
    expect(enumerateCorrelatedKSubsets(new Float64Array(7), new Float64Array(6), 3).count).toBe(35);
    expect(enumerateCorrelatedKSubsets(new Float64Array(7), new Float64Array(6), 0).count).toBe(1);
  });
});
