import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topKArgmax } from '../src/k-subset/index.js';
import type { KSubsetRegularizer } from '../src/regularizers/index.js';
import {
  K_SUBSET_REGULARIZERS,
  kSubsetRegularized,
  kSubsetRegularizedVjp,
} from '../src/regularizers/index.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import {
  regularizedKSubsetOracle,
  regularizedObjective,
} from '../src/testing/regularized-oracle.js';
import {
  allFinite,
  item,
  maxAbsDiff,
  oneSidedDerivative,
  randomVector,
  rng,
  scale,
  sum,
} from './regularizers-helpers.js';

/** ∇f(x_i) per regulariser (±∞ at the bounds where the entropy is steep). */
const GRADIENT: Record<KSubsetRegularizer, (x: number) => number> = {
  euclidean: (x) => x,
  'categorical-entropy': (x) => Math.log(x),
  'binary-entropy': (x) => Math.log(x) - Math.log1p(-x),
};

/**
 * KKT conditions of max ⟨a,x⟩ − f(x) over [0,1]^m ∩ {Σx = k}, checked directly: there is one ν
 * with a_i − ∇f(x_i) = ν on free coordinates, ≥ ν at x_i = 1 and ≤ ν at x_i = 0. Every
 * coordinate bounds ν from below and/or above; a ν exists iff max(lower) ≤ min(upper) (+ tol).
 * Coordinates within `saturation` of a bound where ∇f is infinite are skipped (float64 cannot
 * resolve them).
 */
function kktGap(a: Float64Array, x: Float64Array, regularizer: KSubsetRegularizer): number {
  const gradient = GRADIENT[regularizer];
  const saturation = regularizer === 'euclidean' ? 0 : 1e-12;
  let lower = -Infinity;
  let upper = Infinity;
  for (let i = 0; i < a.length; i++) {
    const xi = x[i] as number;
    const ai = a[i] as number;
    if (xi <= 0) {
      if (regularizer === 'euclidean') lower = Math.max(lower, ai - gradient(0));
    } else if (xi >= 1) {
      if (regularizer !== 'binary-entropy') upper = Math.min(upper, ai - gradient(1));
    } else if (xi > saturation && xi < 1 - saturation) {
      const v = ai - gradient(xi);
      lower = Math.max(lower, v);
      upper = Math.min(upper, v);
    }
  }
  return lower - upper;
}

function topKMask(scores: Float64Array, k: number): Float64Array {
  return topKArgmax(scores, scores.length, k);
}

describe('kSubsetRegularized: forward', () => {
  it('matches the nested-bisection oracle for m ≤ 9, every k, t ∈ {1, 0.4, 2.5}', () => {
    const random = rng(11);
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      for (let m = 1; m <= 9; m++) {
        for (let k = 0; k <= m; k++) {
          for (const t of [1, 0.4, 2.5]) {
            const scores = randomVector(random, m, 3);
            const x = kSubsetRegularized(scores, m, k, regularizer, { temperature: t });
            const oracle = regularizedKSubsetOracle(scale(scores, t), k, regularizer);
            expect(maxAbsDiff(x, oracle), `${regularizer} m=${m} k=${k} t=${t}`).toBeLessThan(1e-9);
          }
        }
      }
    }
  });

  it('satisfies the KKT conditions (one ν, ≥ at the cap, ≤ at zero) with Σx = k exactly', () => {
    const random = rng(5);
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      for (const [m, k] of [
        [2, 1],
        [7, 3],
        [45, 9],
        [200, 37],
        [1000, 50],
      ] as const) {
        for (const spread of [0.3, 3, 30]) {
          const a = randomVector(random, m, spread);
          const x = kSubsetRegularized(a, m, k, regularizer);
          for (const xi of x) {
            expect(xi).toBeGreaterThanOrEqual(0);
            expect(xi).toBeLessThanOrEqual(1);
          }
          expect(Math.abs(sum(x) - k)).toBeLessThan(1e-12 * k);
          expect(kktGap(a, x, regularizer), `${regularizer} m=${m} spread=${spread}`).toBeLessThan(
            1e-9 * (1 + spread),
          );
        }
      }
    }
  });

  it('the value ⟨a,x⟩ − f(x) beats random feasible points and points near x (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }).chain((m) =>
          fc.record({
            m: fc.constant(m),
            k: fc.integer({ min: 1, max: m - 1 }),
            a: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
              minLength: m,
              maxLength: m,
            }),
            weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
              minLength: 3,
              maxLength: 3,
            }),
            shuffles: fc.array(fc.array(fc.nat(), { minLength: m, maxLength: m }), {
              minLength: 3,
              maxLength: 3,
            }),
            lambda: fc.double({ min: 0, max: 1, noNaN: true }),
            regularizer: fc.constantFrom(...K_SUBSET_REGULARIZERS),
          }),
        ),
        ({ m, k, a, weights, shuffles, lambda, regularizer }) => {
          const scores = Float64Array.from(a);
          const x = kSubsetRegularized(scores, m, k, regularizer);
          // A random point of the capped simplex: a convex combination of random k-subset masks
          // (its vertices), each mask taking the k smallest of a random key vector.
          const total = weights.reduce((s, w) => s + w, 0) || 1;
          const y = new Float64Array(m);
          shuffles.forEach((keys, j) => {
            const order = keys
              .map((key, i) => [key, i] as const)
              .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
            for (let r = 0; r < k; r++)
              y[order[r]?.[1] as number] += (weights[j] as number) / total;
          });
          if (total === 1 && weights.every((w) => w === 0)) y.fill(k / m);
          const near = x.map((xi, i) => lambda * xi + (1 - lambda) * (y[i] as number));
          const best = regularizedObjective(scores, x, regularizer);
          expect(best).toBeGreaterThanOrEqual(regularizedObjective(scores, y, regularizer) - 1e-12);
          expect(best).toBeGreaterThanOrEqual(
            regularizedObjective(scores, near, regularizer) - 1e-12,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('k = 0 gives all zeros and k = m all ones, with a zero VJP', () => {
    const scores = new Float64Array([0.3, -2, 5, 1]);
    const g = new Float64Array([1, -1, 2, 0.5]);
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      expect(Array.from(kSubsetRegularized(scores, 4, 0, regularizer))).toEqual([0, 0, 0, 0]);
      expect(Array.from(kSubsetRegularized(scores, 4, 4, regularizer))).toEqual([1, 1, 1, 1]);
      expect(Array.from(kSubsetRegularizedVjp(scores, 4, 0, regularizer, g))).toEqual([0, 0, 0, 0]);
      expect(Array.from(kSubsetRegularizedVjp(scores, 4, 4, regularizer, g))).toEqual([0, 0, 0, 0]);
    }
  });

  it('handles ties: equal scores get equal x; all-equal scores give k/m', () => {
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      const flat = kSubsetRegularized(new Float64Array(7).fill(2.5), 7, 3, regularizer);
      for (const xi of flat) expect(xi).toBeCloseTo(3 / 7, 14);
      const tied = kSubsetRegularized(new Float64Array([1, 4, 1, 4, -2, 4]), 6, 2, regularizer);
      expect(tied[1]).toBe(tied[3]);
      expect(tied[3]).toBe(tied[5]);
      expect(tied[0]).toBe(tied[2]);
      expect(Math.abs(sum(tied) - 2)).toBeLessThan(1e-14);
    }
    // Hand-solved Euclidean cases: ν = 0.5 puts the tied pair at 1/2; a gap ≥ 1 gives a mask.
    expect(Array.from(kSubsetRegularized(new Float64Array([1, 1, 0]), 3, 1, 'euclidean'))).toEqual([
      0.5, 0.5, 0,
    ]);
    expect(
      Array.from(kSubsetRegularized(new Float64Array([3, 0.5, 2, -1]), 4, 2, 'euclidean')),
    ).toEqual([1, 0, 1, 0]);
  });

  it('hand-derived values: categorical entropy caps the top, binary entropy is symmetric', () => {
    // a = (log 4, 0, 0, log 2), k = 2: with x_0 capped, the free part Σ exp(a_i − ν) over
    // (0, 0, log 2) must be 1, so ν = log 4, x = (1, ¼, ¼, ½), and a_0 − ν = 0 ≥ 0 is consistent.
    const cat = kSubsetRegularized(
      new Float64Array([Math.log(4), 0, 0, Math.log(2)]),
      4,
      2,
      'categorical-entropy',
    );
    expect(maxAbsDiff(cat, [1, 0.25, 0.25, 0.5])).toBeLessThan(1e-15);
    // Scores symmetric about c with k = m/2: ν = c and x_i + x_{m−1−i} = 1.
    const bin = kSubsetRegularized(new Float64Array([3, 1.2, 0.8, -1]), 4, 2, 'binary-entropy');
    expect(bin[0] + bin[3]).toBeCloseTo(1, 15);
    expect(bin[1]).toBeCloseTo(1 / (1 + Math.exp(-0.2)), 15);
  });

  it('tends to the top-k mask as t → 0', () => {
    const random = rng(3);
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      for (const [m, k] of [
        [5, 2],
        [45, 9],
        [300, 20],
      ] as const) {
        // Distinct scores on a grid of spacing 0.01, shuffled.
        const scores = Float64Array.from({ length: m }, (_, i) => i * 0.01);
        for (let i = m - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [scores[i], scores[j]] = [scores[j] as number, scores[i] as number];
        }
        const mask = topKMask(scores, k);
        let previous = Infinity;
        for (const t of [1, 1e-1, 1e-2, 1e-3, 1e-4]) {
          const error = maxAbsDiff(
            kSubsetRegularized(scores, m, k, regularizer, { temperature: t }),
            mask,
          );
          expect(error).toBeLessThanOrEqual(previous);
          previous = error;
        }
        expect(previous, `${regularizer} m=${m}`).toBeLessThan(1e-12);
      }
    }
  });

  it('batched equals looped, bit for bit (forward and VJP)', () => {
    const random = rng(8);
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      const [m, k, batch] = [9, 4, 6];
      const scores = randomVector(random, m * batch, 4);
      const g = randomVector(random, m * batch, 1);
      const options = { temperature: 0.6 };
      const x = kSubsetRegularized(scores, m, k, regularizer, options);
      const vjp = kSubsetRegularizedVjp(scores, m, k, regularizer, g, options);
      for (let b = 0; b < batch; b++) {
        const s = item(scores, b, m);
        expect(item(x, b, m)).toEqual(kSubsetRegularized(s, m, k, regularizer, options));
        expect(item(vjp, b, m)).toEqual(
          kSubsetRegularizedVjp(s, m, k, regularizer, item(g, b, m), options),
        );
      }
    }
  });
});

describe('kSubsetRegularizedVjp', () => {
  /** Distance from the nearest kink (a_i − ν ∈ {0, 1} for Euclidean, = 0 for categorical). */
  function kinkDistance(a: Float64Array, x: Float64Array, regularizer: KSubsetRegularizer): number {
    if (regularizer === 'binary-entropy') return Infinity;
    const free = x.findIndex((xi) => xi > 0 && xi < 1);
    if (free < 0) return 0;
    const nu = (a[free] as number) - GRADIENT[regularizer](x[free] as number);
    let d = Infinity;
    for (const ai of a) {
      d = Math.min(d, Math.abs(ai - nu));
      if (regularizer === 'euclidean') d = Math.min(d, Math.abs(ai - nu - 1));
    }
    return d;
  }

  it('matches central finite differences to 1e-6 away from kinks (several m, k, t)', () => {
    const random = rng(21);
    let checked = 0;
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      for (const [m, k] of [
        [2, 1],
        [5, 2],
        [8, 5],
        [20, 7],
        [45, 9],
      ] as const) {
        for (const t of [1, 0.35, 3]) {
          const scores = randomVector(random, m, 2);
          const a = scale(scores, t);
          const x = kSubsetRegularized(scores, m, k, regularizer, { temperature: t });
          if (kinkDistance(a, x, regularizer) < 1e-3) continue;
          const g = randomVector(random, m, 1);
          const vjp = kSubsetRegularizedVjp(scores, m, k, regularizer, g, { temperature: t });
          const fd = finiteDifferenceVjp(
            (s) => kSubsetRegularized(s, m, k, regularizer, { temperature: t }),
            scores,
            g,
          );
          expect(maxRelativeError(vjp, fd), `${regularizer} m=${m} k=${k} t=${t}`).toBeLessThan(
            1e-6,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('at a kink returns the derivative of the piece where kinked coordinates stay clamped', () => {
    // Euclidean, a = (1, 0.5, 0.5, 0), k = 2: ν = 0 and x = (1, 0.5, 0.5, 0), with coordinate 0
    // on the cap kink (a_0 − ν = 1) and coordinate 3 on the zero kink (a_3 − ν = 0).
    const a = new Float64Array([1, 0.5, 0.5, 0]);
    const f = (s: Float64Array) => kSubsetRegularized(s, 4, 2, 'euclidean');
    expect(Array.from(f(a))).toEqual([1, 0.5, 0.5, 0]);
    const random = rng(4);
    // Directions keeping coordinate 0 capped (v_0 ≥ v_free) and 3 at zero (v_3 ≤ v_free).
    for (let trial = 0; trial < 10; trial++) {
      const v = new Float64Array([1 + random(), random() - 0.5, random() - 0.5, -1 - random()]);
      const w = randomVector(random, 4, 1);
      // J is symmetric, so ⟨w, J v⟩ = ⟨VJP(w), v⟩.
      const vjp = kSubsetRegularizedVjp(a, 4, 2, 'euclidean', w);
      const jv = vjp.reduce((s, value, i) => s + value * (v[i] as number), 0);
      expect(jv).toBeCloseTo(oneSidedDerivative(f, a, v, w), 6);
    }
    // Categorical entropy at its cap kink: a = (log 3, 0, 0, 0), k = 2 → ν = log 3 and
    // x = (1, 1/3, 1/3, 1/3), with a_0 − ν = 0 exactly.
    const c = new Float64Array([Math.log(3), 0, 0, 0]);
    const fc2 = (s: Float64Array) => kSubsetRegularized(s, 4, 2, 'categorical-entropy');
    expect(maxAbsDiff(fc2(c), [1, 1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-15);
    for (let trial = 0; trial < 5; trial++) {
      const v = new Float64Array([1 + random(), random() - 0.5, random() - 0.5, random() - 0.5]);
      const w = randomVector(random, 4, 1);
      const vjp = kSubsetRegularizedVjp(c, 4, 2, 'categorical-entropy', w);
      const jv = vjp.reduce((s, value, i) => s + value * (v[i] as number), 0);
      expect(jv).toBeCloseTo(oneSidedDerivative(fc2, c, v, w), 6);
    }
  });
});

describe('kSubsetRegularized: extreme inputs', () => {
  it('scores ±1e4 at t = 1e-3 (a ≈ ±1e7): finite, Σx = k, finite VJP', () => {
    const random = rng(99);
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      for (const [m, k] of [
        [6, 3],
        [45, 9],
        [1000, 50],
      ] as const) {
        const scores = Float64Array.from(
          { length: m },
          () => (random() < 0.5 ? -1e4 : 1e4) + random(),
        );
        const options = { temperature: 1e-3 };
        const x = kSubsetRegularized(scores, m, k, regularizer, options);
        expect(allFinite(x)).toBe(true);
        expect(Math.abs(sum(x) - k)).toBeLessThan(1e-9 * k);
        const vjp = kSubsetRegularizedVjp(
          scores,
          m,
          k,
          regularizer,
          randomVector(random, m, 1),
          options,
        );
        expect(allFinite(vjp)).toBe(true);
      }
    }
  });

  it('near-ties at |a| ≈ 1e7 keep full accuracy (vs the oracle on exactly shifted scores)', () => {
    const random = rng(7);
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      for (const [m, k] of [
        [6, 2],
        [9, 4],
      ] as const) {
        // a = 1e7 + O(1): a − 1e7 is exact (Sterbenz), and the problem is shift-invariant.
        const a = Float64Array.from({ length: m }, () => 1e7 + (random() * 2 - 1) * 2);
        const x = kSubsetRegularized(a, m, k, regularizer);
        expect(Math.abs(sum(x) - k)).toBeLessThan(1e-12 * k);
        const oracle = regularizedKSubsetOracle(
          a.map((v) => v - 1e7),
          k,
          regularizer,
        );
        expect(maxAbsDiff(x, oracle), regularizer).toBeLessThan(1e-8);
      }
    }
  });

  it('wild magnitudes (|a| 1e-300 to 1.7e308) with a gap at the k-th score give the mask', () => {
    // The k-th and (k+1)-th scores differ by > 200, so every relaxation is the top-k mask to
    // within e^-100; a search that added and cancelled scores of very different sizes (an early
    // version did) loses whole units of Σx here.
    const random = rng(123);
    let checked = 0;
    for (let trial = 0; trial < 400; trial++) {
      const m = 1 + Math.floor(random() * 30);
      const k = Math.floor(random() * (m + 1));
      // Three regimes: near the float64 limit; spread over 600 decades; and around 2^53, where
      // a_i − 1 rounds to a neighbouring float (the case that broke the early version).
      const regime = trial % 3;
      const a = Float64Array.from({ length: m }, () => {
        const sign = random() < 0.5 ? -1 : 1;
        if (regime === 0) return (random() < 0.3 ? 1.7e308 : -1.7e308) * random();
        if (regime === 1) return sign * 10 ** (random() * 600 - 300);
        return random() < 0.5 ? sign * 2 ** 53 * (1 + random()) : sign * random();
      });
      const sorted = Array.from(a).sort((p, q) => q - p);
      if (k > 0 && k < m && !((sorted[k - 1] as number) - (sorted[k] as number) > 200)) continue;
      const mask = topKMask(a, k);
      for (const regularizer of K_SUBSET_REGULARIZERS) {
        expect(maxAbsDiff(kSubsetRegularized(a, m, k, regularizer), mask)).toBeLessThan(1e-12);
        expect(
          allFinite(
            kSubsetRegularizedVjp(
              a,
              m,
              k,
              regularizer,
              a.map(() => 1),
            ),
          ),
        ).toBe(true);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('huge spreads (|a| up to 1e300) stay finite and exact on the sum', () => {
    for (const regularizer of K_SUBSET_REGULARIZERS) {
      const a = new Float64Array([1e300, -1e300, 3, 2.5, -7e299, 1]);
      const x = kSubsetRegularized(a, 6, 3, regularizer);
      expect(allFinite(x)).toBe(true);
      expect(Math.abs(sum(x) - 3)).toBeLessThan(1e-12);
      expect(x[0]).toBe(1);
      expect(x[1]).toBe(0);
    }
  });
});

describe('kSubsetRegularized: errors', () => {
  const s = new Float64Array([1, 2, 3, 4]);
  const g = new Float64Array(4);
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    [
      'array scores',
      () => kSubsetRegularized([1, 2] as unknown as Float64Array, 2, 1, 'euclidean'),
      TypeError,
      /scores/,
    ],
    [
      'NaN score',
      () => kSubsetRegularized(new Float64Array([1, Number.NaN]), 2, 1, 'euclidean'),
      RangeError,
      /scores\[1\].*NaN/,
    ],
    [
      '∞ score',
      () => kSubsetRegularized(new Float64Array([Infinity, 1]), 2, 1, 'binary-entropy'),
      RangeError,
      /scores\[0\].*Infinity/,
    ],
    ['m = 0', () => kSubsetRegularized(s, 0, 0, 'euclidean'), RangeError, /\bm\b.*0/],
    ['m = 1.5', () => kSubsetRegularized(s, 1.5, 1, 'euclidean'), TypeError, /\bm\b.*1\.5/],
    ['ragged', () => kSubsetRegularized(s, 3, 1, 'euclidean'), RangeError, /scores.*length 4/],
    [
      'empty',
      () => kSubsetRegularized(new Float64Array(0), 2, 1, 'euclidean'),
      RangeError,
      /scores/,
    ],
    ['k = −1', () => kSubsetRegularized(s, 4, -1, 'euclidean'), RangeError, /\bk\b.*-1/],
    ['k = m + 1', () => kSubsetRegularized(s, 2, 3, 'euclidean'), RangeError, /\bk\b.*3/],
    ['k = 0.5', () => kSubsetRegularized(s, 4, 0.5, 'euclidean'), TypeError, /\bk\b.*0\.5/],
    [
      'bad regularizer',
      () => kSubsetRegularized(s, 4, 1, 'l2' as KSubsetRegularizer),
      RangeError,
      /regularizer.*"l2"/,
    ],
    [
      'regularizer type',
      () => kSubsetRegularized(s, 4, 1, 7 as unknown as KSubsetRegularizer),
      TypeError,
      /regularizer/,
    ],
    [
      't = 0',
      () => kSubsetRegularized(s, 4, 1, 'euclidean', { temperature: 0 }),
      RangeError,
      /temperature.*0/,
    ],
    [
      't < 0',
      () => kSubsetRegularized(s, 4, 1, 'euclidean', { temperature: -1 }),
      RangeError,
      /temperature.*-1/,
    ],
    [
      't NaN',
      () => kSubsetRegularized(s, 4, 1, 'euclidean', { temperature: Number.NaN }),
      RangeError,
      /temperature.*NaN/,
    ],
    [
      't ∞',
      () => kSubsetRegularized(s, 4, 1, 'euclidean', { temperature: Infinity }),
      RangeError,
      /temperature.*Infinity/,
    ],
    [
      't string',
      () => kSubsetRegularized(s, 4, 1, 'euclidean', { temperature: '1' as unknown as number }),
      TypeError,
      /temperature/,
    ],
    [
      'scores / t overflow',
      () =>
        kSubsetRegularized(new Float64Array([1e300, 0]), 2, 1, 'euclidean', { temperature: 1e-10 }),
      RangeError,
      /scores \/ temperature/,
    ],
    [
      'g length',
      () => kSubsetRegularizedVjp(s, 4, 1, 'euclidean', new Float64Array(3)),
      RangeError,
      /\bg\b.*3/,
    ],
    [
      'g NaN',
      () => kSubsetRegularizedVjp(s, 4, 1, 'euclidean', new Float64Array([0, Number.NaN, 0, 0])),
      RangeError,
      /g\[1\]/,
    ],
    [
      'g array',
      () => kSubsetRegularizedVjp(s, 4, 1, 'euclidean', [0, 0, 0, 0] as unknown as Float64Array),
      TypeError,
      /\bg\b/,
    ],
    ['vjp bad k', () => kSubsetRegularizedVjp(s, 4, 5, 'euclidean', g), RangeError, /\bk\b/],
    [
      'vjp bad regularizer',
      () => kSubsetRegularizedVjp(s, 4, 1, 'x' as KSubsetRegularizer, g),
      RangeError,
      /regularizer/,
    ],
    [
      'vjp t',
      () => kSubsetRegularizedVjp(s, 4, 1, 'euclidean', g, { temperature: 0 }),
      RangeError,
      /temperature/,
    ],
  ];
  for (const [name, run, kind, message] of cases) {
    it(`throws ${kind.name} for ${name}`, () => {
      expect(run).toThrow(kind);
      expect(run).toThrow(message);
    });
  }
});
