// The shared input checks and numeric helpers, and the finite-difference oracle itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import {
  assertFiniteArray,
  assertIntInRange,
  batchCount,
  edgeCount,
  LOG_ZERO,
  logAddExp,
  nodesFromEdgeCount,
  resolveTemperature,
} from '../src/validate.js';

describe('validation helpers', () => {
  it('assertFiniteArray names the parameter, index and value', () => {
    expect(() => assertFiniteArray('scores', [1, 2])).toThrow(
      new TypeError('scores must be a Float64Array, got array of length 2'),
    );
    expect(() => assertFiniteArray('scores', new Float64Array([1, Number.NaN]))).toThrow(
      new RangeError('scores[1] must be finite, got NaN'),
    );
    expect(() => assertFiniteArray('g', new Float64Array([Number.NEGATIVE_INFINITY]))).toThrow(
      /g\[0\] must be finite, got -Infinity/,
    );
  });

  it('assertIntInRange rejects non-integers and out-of-range values', () => {
    expect(() => assertIntInRange('k', 1.5, 0, 3)).toThrow(TypeError);
    expect(() => assertIntInRange('k', 4, 0, 3)).toThrow(
      new RangeError('k must be in 0..3, got 4'),
    );
    expect(() => assertIntInRange('k', 3, 0, 3)).not.toThrow();
  });

  it('resolveTemperature defaults to 1 and rejects t <= 0, NaN and Infinity', () => {
    expect(resolveTemperature(undefined)).toBe(1);
    expect(resolveTemperature({ temperature: 0.5 })).toBe(0.5);
    expect(() => resolveTemperature({ temperature: null as unknown as number })).toThrow(
      new TypeError('temperature must be a number, got null'),
    );
    for (const t of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => resolveTemperature({ temperature: t })).toThrow(
        /temperature must be finite and > 0/,
      );
    }
  });

  it('batchCount rejects ragged and empty buffers', () => {
    expect(batchCount('scores', 12, 4)).toBe(3);
    expect(() => batchCount('scores', 10, 4)).toThrow(
      /scores has length 10, which is not a positive multiple of 4/,
    );
    expect(() => batchCount('scores', 0, 4)).toThrow(RangeError);
  });

  it('nodesFromEdgeCount inverts edgeCount and rejects other lengths', () => {
    for (let n = 2; n < 60; n++) expect(nodesFromEdgeCount('scores', edgeCount(n))).toBe(n);
    for (const bad of [0, 2, 4, 5, 7, 44])
      expect(() => nodesFromEdgeCount('scores', bad)).toThrow(/scores must hold n\(n-1\)\/2/);
  });
});

describe('logAddExp', () => {
  it('equals log(exp a + exp b) and is symmetric', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (a, b) => {
          const exact = Math.log(Math.exp(a) + Math.exp(b));
          expect(Math.abs(logAddExp(a, b) - exact)).toBeLessThan(
            1e-12 * Math.max(1, Math.abs(exact)),
          );
          expect(logAddExp(a, b)).toBe(logAddExp(b, a));
        },
      ),
    );
  });

  it('treats LOG_ZERO as an exact zero and stays finite at extremes', () => {
    expect(logAddExp(LOG_ZERO, 3)).toBe(3);
    expect(logAddExp(LOG_ZERO, LOG_ZERO)).toBe(LOG_ZERO);
    expect(logAddExp(1e7, 1e7)).toBeCloseTo(1e7 + Math.LN2, 6);
  });
});

describe('finite-difference oracle', () => {
  it('recovers the VJP of an elementwise cube, 3x²·g', () => {
    const x = new Float64Array([0.5, -2, 3]);
    const g = new Float64Array([1, -0.5, 2]);
    const vjp = finiteDifferenceVjp((v) => v.map((t) => t ** 3), x, g);
    expect(
      maxRelativeError(
        vjp,
        x.map((t, i) => 3 * t * t * (g[i] as number)),
      ),
    ).toBeLessThan(1e-8);
  });
});
