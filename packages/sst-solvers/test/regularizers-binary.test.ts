import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryArgmax, binaryMarginals, binaryVjp } from '../src/regularizers/index.js';
import { enumerateStatistics } from '../src/testing/enumeration.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import { allFinite, item, maxAbsDiff, randomVector, rng, scale } from './regularizers-helpers.js';

/** All 2^m 0/1 vectors, bit i of the counter giving coordinate i. */
function* allMasks(m: number): Generator<Float64Array> {
  for (let mask = 0; mask < 1 << m; mask++) {
    yield Float64Array.from({ length: m }, (_, i) => (mask >> i) & 1);
  }
}

describe('independent binary', () => {
  it('marginals and logZ equal enumeration over {0,1}^m for m ≤ 8 (several t)', () => {
    const random = rng(31);
    for (let m = 1; m <= 8; m++) {
      for (const t of [1, 0.25, 3]) {
        for (let trial = 0; trial < 3; trial++) {
          const scores = randomVector(random, m, 4);
          const { marginals, logZ } = binaryMarginals(scores, m, { temperature: t });
          const oracle = enumerateStatistics(scale(scores, t), allMasks(m));
          expect(maxAbsDiff(marginals, oracle.marginals)).toBeLessThan(1e-9);
          expect(Math.abs((logZ[0] as number) - oracle.logZ)).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('argmax equals the enumerated best, ties at 0 giving 0', () => {
    const random = rng(37);
    for (let m = 1; m <= 8; m++) {
      // Round to a coarse grid so exact zeros (ties) occur.
      const scores = randomVector(random, m, 2).map((v) => Math.round(v));
      const oracle = enumerateStatistics(scores, allMasks(m));
      expect(Array.from(binaryArgmax(scores))).toEqual(Array.from(oracle.argmax));
    }
    expect(Array.from(binaryArgmax(new Float64Array([0, -0, 1e-300, -1e-300])))).toEqual([
      0, 0, 1, 0,
    ]);
  });

  it('marginals in (0,1) and argmax a 0/1 vector of the best score (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (values) => {
          const scores = Float64Array.from(values);
          const { marginals } = binaryMarginals(scores, scores.length);
          for (const p of marginals) expect(p >= 0 && p <= 1).toBe(true);
          const hard = binaryArgmax(scores);
          const best = enumerateStatistics(scores, allMasks(scores.length)).maxScore;
          expect(hard.reduce((s, x, i) => s + x * (scores[i] as number), 0)).toBe(best);
        },
      ),
    );
  });

  it('VJP matches central finite differences to 1e-6 (several m, t)', () => {
    const random = rng(41);
    for (const m of [1, 3, 8, 20]) {
      for (const t of [1, 0.4, 2]) {
        const scores = randomVector(random, m, 3);
        const g = randomVector(random, m, 1);
        const fd = finiteDifferenceVjp(
          (s) => binaryMarginals(s, m, { temperature: t }).marginals,
          scores,
          g,
        );
        expect(maxRelativeError(binaryVjp(scores, m, g, { temperature: t }), fd)).toBeLessThan(
          1e-6,
        );
      }
    }
  });

  it('batched equals looped, bit for bit', () => {
    const random = rng(43);
    const [m, batch] = [5, 4];
    const scores = randomVector(random, m * batch, 3);
    const g = randomVector(random, m * batch, 1);
    const { marginals, logZ } = binaryMarginals(scores, m, { temperature: 0.8 });
    const vjp = binaryVjp(scores, m, g, { temperature: 0.8 });
    for (let b = 0; b < batch; b++) {
      const single = binaryMarginals(item(scores, b, m), m, { temperature: 0.8 });
      expect(item(marginals, b, m)).toEqual(single.marginals);
      expect(logZ[b]).toBe(single.logZ[0]);
      expect(item(vjp, b, m)).toEqual(
        binaryVjp(item(scores, b, m), m, item(g, b, m), { temperature: 0.8 }),
      );
    }
  });

  it('extreme inputs: ±1e4 at t = 1e-3 give finite marginals, logZ and VJP', () => {
    const scores = new Float64Array([1e4, -1e4, 1e4, -1e4, 0, 3]);
    const { marginals, logZ } = binaryMarginals(scores, 6, { temperature: 1e-3 });
    expect(Array.from(marginals)).toEqual([1, 0, 1, 0, 0.5, 1]);
    // logZ = Σ softplus(a) = 1e7 + 1e7 + log 2 + 3000 (the other terms vanish).
    expect(logZ[0]).toBeCloseTo(2e7 + 3000 + Math.LN2, 6);
    const vjp = binaryVjp(scores, 6, new Float64Array([1, 1, 1, 1, 1, 1]), { temperature: 1e-3 });
    expect(allFinite(vjp)).toBe(true);
    expect(vjp[4]).toBeCloseTo(0.25 / 1e-3, 9);
    // Small marginals keep their relative precision: σ(−30) ≈ e^−30.
    const tail = binaryMarginals(new Float64Array([-30]), 1).marginals[0] as number;
    expect(Math.abs(tail / (Math.exp(-30) / (1 + Math.exp(-30))) - 1)).toBeLessThan(1e-15);
  });

  it('throws typed errors naming the parameter', () => {
    const s = new Float64Array([1, 2, 3, 4]);
    expect(() => binaryArgmax([1] as unknown as Float64Array)).toThrow(TypeError);
    expect(() => binaryArgmax(new Float64Array([1, Number.NaN]))).toThrow(/scores\[1\]/);
    expect(() => binaryMarginals(new Float64Array([-Infinity]), 1)).toThrow(RangeError);
    expect(() => binaryMarginals(s, 0)).toThrow(/\bm\b/);
    expect(() => binaryMarginals(s, 2.5)).toThrow(TypeError);
    expect(() => binaryMarginals(s, 3)).toThrow(/scores.*length 4/);
    expect(() => binaryMarginals(s, 4, { temperature: 0 })).toThrow(/temperature.*0/);
    expect(() => binaryMarginals(new Float64Array([1e300]), 1, { temperature: 1e-20 })).toThrow(
      /scores \/ temperature/,
    );
    expect(() => binaryMarginals(new Float64Array([1.5e308, 1.5e308]), 2)).toThrow(
      /log Z.*overflows/,
    );
    expect(() => binaryVjp(s, 4, new Float64Array(2))).toThrow(/\bg\b.*2/);
    expect(() => binaryVjp(s, 4, new Float64Array([0, 0, 0, Number.NaN]))).toThrow(/g\[3\]/);
    expect(() => binaryVjp(s, 4, new Float64Array(4), { temperature: -1 })).toThrow(RangeError);
  });
});
