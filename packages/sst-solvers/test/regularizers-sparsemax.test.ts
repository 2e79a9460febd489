import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneHotArgmax } from '../src/one-hot.js';
import { kSubsetRegularized, sparsemax, sparsemaxVjp } from '../src/regularizers/index.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import { regularizedKSubsetOracle } from '../src/testing/regularized-oracle.js';
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

/**
 * The closed form by enumeration of supports: for each nonempty S ⊆ [m], τ = (Σ_S a − 1)/|S|;
 * the projection is the S with a_i > τ on S and a_i ≤ τ off S (unique up to kinks).
 */
function sparsemaxBySupports(a: Float64Array): Float64Array {
  const m = a.length;
  for (let mask = 1; mask < 1 << m; mask++) {
    let total = 0;
    let size = 0;
    for (let i = 0; i < m; i++) {
      if (mask & (1 << i)) {
        total += a[i] as number;
        size++;
      }
    }
    const tau = (total - 1) / size;
    let valid = true;
    for (let i = 0; i < m && valid; i++) {
      const inside = (mask & (1 << i)) !== 0;
      valid = inside ? (a[i] as number) > tau : (a[i] as number) <= tau;
    }
    if (valid) return a.map((ai) => Math.max(ai - tau, 0));
  }
  throw new Error('no consistent support');
}

/** Martins & Astudillo's sort-based closed form, written out independently of the solver. */
function sparsemaxBySorting(a: Float64Array): Float64Array {
  const z = Array.from(a).sort((p, q) => q - p);
  let cumulative = 0;
  let support = 0;
  let supportSum = 0;
  z.forEach((zj, j) => {
    cumulative += zj;
    if (1 + (j + 1) * zj > cumulative) {
      support = j + 1;
      supportSum = cumulative;
    }
  });
  const tau = (supportSum - 1) / support;
  return a.map((ai) => Math.max(ai - tau, 0));
}

describe('sparsemax', () => {
  it('equals the support-enumeration closed form and the generic oracle (m ≤ 8, several t)', () => {
    const random = rng(2);
    for (let m = 1; m <= 8; m++) {
      for (const t of [1, 0.3, 4]) {
        for (let trial = 0; trial < 3; trial++) {
          const scores = randomVector(random, m, 2);
          const x = sparsemax(scores, m, { temperature: t });
          const a = scale(scores, t);
          expect(maxAbsDiff(x, sparsemaxBySupports(a))).toBeLessThan(1e-12);
          expect(maxAbsDiff(x, regularizedKSubsetOracle(a, 1, 'euclidean'))).toBeLessThan(1e-9);
          // Σx = 1 makes x ≤ 1 automatic: sparsemax is the k = 1 Euclidean k-subset relaxation.
          expect(
            maxAbsDiff(x, kSubsetRegularized(scores, m, 1, 'euclidean', { temperature: t })),
          ).toBeLessThan(1e-14);
        }
      }
    }
  });

  it('equals the sort-based closed form for larger m (random, tied and extreme scores)', () => {
    const random = rng(9);
    for (const m of [20, 100, 1000]) {
      for (const spread of [0.01, 1, 50]) {
        const scores = randomVector(random, m, spread);
        expect(maxAbsDiff(sparsemax(scores, m), sparsemaxBySorting(scores))).toBeLessThan(1e-12);
      }
      const tied = Float64Array.from({ length: m }, (_, i) => Math.floor(i / 7) * 0.05);
      expect(maxAbsDiff(sparsemax(tied, m), sparsemaxBySorting(tied))).toBeLessThan(1e-12);
    }
  });

  it('a hand-solved vector: sparsemax(1, 0.5, −1) = (0.75, 0.25, 0)', () => {
    expect(Array.from(sparsemax(new Float64Array([1, 0.5, -1]), 3))).toEqual([0.75, 0.25, 0]);
    expect(Array.from(sparsemax(new Float64Array([2, 2, 2, 2]), 4))).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
    // m = 1: the simplex is a single point, and the VJP vanishes.
    expect(Array.from(sparsemax(new Float64Array([0.3, -7e6]), 1, { temperature: 0.5 }))).toEqual([
      1, 1,
    ]);
    expect(
      Array.from(sparsemaxVjp(new Float64Array([0.3, -7]), 1, new Float64Array([2, 3]))),
    ).toEqual([0, 0]);
  });

  it('lies on the simplex (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        (values, t) => {
          const x = sparsemax(Float64Array.from(values), values.length, { temperature: t });
          for (const xi of x) expect(xi >= 0 && xi <= 1).toBe(true);
          expect(Math.abs(sum(x) - 1)).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('tends to the one-hot argmax as t → 0 (exactly, once the gap exceeds t)', () => {
    const random = rng(6);
    for (const m of [2, 10, 100]) {
      const scores = randomVector(random, m, 1);
      const hard = oneHotArgmax(scores, m);
      let previous = Infinity;
      for (const t of [10, 1, 0.1, 1e-2, 1e-3, 1e-6]) {
        const error = maxAbsDiff(sparsemax(scores, m, { temperature: t }), hard);
        expect(error).toBeLessThanOrEqual(previous);
        previous = error;
      }
      expect(previous).toBe(0);
    }
  });

  it('VJP matches central finite differences to 1e-6 away from kinks', () => {
    const random = rng(13);
    let checked = 0;
    for (const m of [2, 3, 6, 10, 30]) {
      for (const t of [1, 0.5, 2]) {
        const scores = randomVector(random, m, 1);
        const a = scale(scores, t);
        const x = sparsemax(scores, m, { temperature: t });
        const j = x.findIndex((xi) => xi > 0);
        const tau = (a[j] as number) - (x[j] as number);
        if (a.some((ai) => Math.abs(ai - tau) < 1e-3)) continue;
        const g = randomVector(random, m, 1);
        const fd = finiteDifferenceVjp((s) => sparsemax(s, m, { temperature: t }), scores, g);
        expect(maxRelativeError(sparsemaxVjp(scores, m, g, { temperature: t }), fd)).toBeLessThan(
          1e-6,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('VJP at a kink is the derivative of the piece where the kinked coordinate stays at 0', () => {
    // a = (1, 0, −2): τ = 0 puts coordinate 1 exactly on the edge of the support.
    const a = new Float64Array([1, 0, -2]);
    const f = (s: Float64Array) => sparsemax(s, 3);
    expect(Array.from(f(a))).toEqual([1, 0, 0]);
    const random = rng(1);
    for (let trial = 0; trial < 8; trial++) {
      // Directions with v_1 ≤ v_0 keep coordinate 1 out of the support.
      const v = new Float64Array([random(), -random(), random() - 0.5]);
      const w = randomVector(random, 3, 1);
      const jv = sparsemaxVjp(a, 3, w).reduce((s, value, i) => s + value * (v[i] as number), 0);
      expect(jv).toBeCloseTo(oneSidedDerivative(f, a, v, w), 6);
    }
  });

  it('batched equals looped, bit for bit', () => {
    const random = rng(17);
    const [m, batch] = [7, 5];
    const scores = randomVector(random, m * batch, 2);
    const g = randomVector(random, m * batch, 1);
    const x = sparsemax(scores, m, { temperature: 0.7 });
    const vjp = sparsemaxVjp(scores, m, g, { temperature: 0.7 });
    for (let b = 0; b < batch; b++) {
      expect(item(x, b, m)).toEqual(sparsemax(item(scores, b, m), m, { temperature: 0.7 }));
      expect(item(vjp, b, m)).toEqual(
        sparsemaxVjp(item(scores, b, m), m, item(g, b, m), { temperature: 0.7 }),
      );
    }
  });

  it('extreme inputs: ±1e4 at t = 1e-3 and near-ties at 1e7 stay finite with Σx = 1', () => {
    const random = rng(23);
    const m = 50;
    const scores = Float64Array.from(
      { length: m },
      () => (random() < 0.5 ? -1e4 : 1e4) + random() * 1e-3,
    );
    const x = sparsemax(scores, m, { temperature: 1e-3 });
    expect(allFinite(x)).toBe(true);
    expect(Math.abs(sum(x) - 1)).toBeLessThan(1e-12);
    expect(
      allFinite(sparsemaxVjp(scores, m, randomVector(random, m, 1), { temperature: 1e-3 })),
    ).toBe(true);
    const near = Float64Array.from({ length: 8 }, () => 1e7 + random() * 0.5);
    const y = sparsemax(near, 8);
    expect(Math.abs(sum(y) - 1)).toBeLessThan(1e-14);
    expect(maxAbsDiff(y, sparsemaxBySupports(near.map((v) => v - 1e7)))).toBeLessThan(1e-8);
  });

  it('wild magnitudes: ties at a huge maximum share it, a gap ≥ 1 gives the one-hot', () => {
    // max − 1 rounds back to max here: an early version lost the maximum and returned NaN.
    expect(Array.from(sparsemax(new Float64Array([1e300, 1e300, -5, 3]), 4))).toEqual([
      0.5, 0.5, 0, 0,
    ]);
    expect(Array.from(sparsemax(new Float64Array([3, 2 ** 53 + 2, -1.7e308]), 3))).toEqual([
      0, 1, 0,
    ]);
    const random = rng(77);
    for (let trial = 0; trial < 200; trial++) {
      const m = 1 + Math.floor(random() * 20);
      const a = Float64Array.from(
        { length: m },
        () => (random() * 2 - 1) * 10 ** (random() * 600 - 300),
      );
      const sorted = Array.from(a).sort((p, q) => q - p);
      const x = sparsemax(a, m);
      expect(Math.abs(sum(x) - 1)).toBeLessThan(1e-15);
      if (m === 1 || (sorted[0] as number) - (sorted[1] as number) >= 1) {
        expect(Array.from(x)).toEqual(Array.from(oneHotArgmax(a, m)));
      }
    }
  });

  it('throws typed errors naming the parameter', () => {
    const s = new Float64Array([1, 2, 3, 4]);
    expect(() => sparsemax([1] as unknown as Float64Array, 1)).toThrow(TypeError);
    expect(() => sparsemax(new Float64Array([Number.NaN]), 1)).toThrow(/scores\[0\].*NaN/);
    expect(() => sparsemax(s, 0)).toThrow(RangeError);
    expect(() => sparsemax(s, 0)).toThrow(/\bm\b/);
    expect(() => sparsemax(s, 3)).toThrow(/scores.*length 4/);
    expect(() => sparsemax(s, 4, { temperature: -2 })).toThrow(/temperature.*-2/);
    expect(() => sparsemaxVjp(s, 4, new Float64Array(5))).toThrow(RangeError);
    expect(() => sparsemaxVjp(s, 4, new Float64Array(5))).toThrow(/\bg\b.*5/);
    expect(() => sparsemaxVjp(s, 4, new Float64Array([0, 0, Infinity, 0]))).toThrow(/g\[2\]/);
    expect(() => sparsemaxVjp(s, 4, new Float64Array(4), { temperature: Number.NaN })).toThrow(
      /temperature/,
    );
  });
});
