// Every invalid input of the arborescence entry points throws the right error class with a
// message naming the parameter (DESIGN.md §5).
import { describe, expect, it } from 'vitest';
import {
  arborescenceMarginals,
  arborescenceMarginalsAndVjp,
  arborescenceVjp,
  chuLiuEdmondsArgmax,
  type RootMode,
} from '../src/arborescence/index.js';
import { enumerateArborescences } from '../src/testing/enumerate-arborescences.js';

const n = 3;
const ok = new Float64Array(2 * n * n).fill(0.5);
const g = new Float64Array(2 * n * n).fill(1);

/** The three solvers on the same (scores, n, options); the VJP gets a valid g. */
const solvers: [string, (s: unknown, n: unknown, o?: object) => unknown][] = [
  ['chuLiuEdmondsArgmax', (s, k, o) => chuLiuEdmondsArgmax(s as Float64Array, k as number, o)],
  ['arborescenceMarginals', (s, k, o) => arborescenceMarginals(s as Float64Array, k as number, o)],
  ['arborescenceVjp', (s, k, o) => arborescenceVjp(s as Float64Array, k as number, g, o)],
];

describe('arborescence input checks', () => {
  for (const [name, solve] of solvers) {
    describe(name, () => {
      it('rejects scores that are not a Float64Array', () => {
        expect(() => solve([0.5, 0.5, 0.5, 0.5], 2)).toThrow(TypeError);
        expect(() => solve(new Float32Array(4), 2)).toThrow(/scores must be a Float64Array/);
      });

      it('rejects NaN and infinite scores, naming the entry', () => {
        const bad = Float64Array.from(ok);
        bad[4] = Number.NaN;
        expect(() => solve(bad, n)).toThrow(new RangeError('scores[4] must be finite, got NaN'));
        bad[4] = Number.POSITIVE_INFINITY;
        expect(() => solve(bad, n)).toThrow(/scores\[4\] must be finite, got Infinity/);
      });

      it('rejects a bad n and a ragged batch', () => {
        expect(() => solve(ok, 1)).toThrow(new RangeError('n must be in 2..46340, got 1'));
        expect(() => solve(ok, 2.5)).toThrow(new TypeError('n must be an integer, got 2.5'));
        expect(() => solve(ok, '3')).toThrow(/n must be an integer, got "3"/);
        expect(() => solve(ok, 4)).toThrow(
          /scores has length 18, which is not a positive multiple of 16/,
        );
        expect(() => solve(new Float64Array(0), 2)).toThrow(RangeError);
      });

      it('rejects a bad rootMode', () => {
        expect(() => solve(ok, n, { rootMode: 'double' })).toThrow(
          new RangeError(`rootMode must be 'multi' or 'single', got "double"`),
        );
        expect(() => solve(ok, n, { rootMode: 1 as unknown as RootMode })).toThrow(
          new TypeError(`rootMode must be 'multi' or 'single', got 1`),
        );
        expect(() => solve(ok, n, { rootMode: null as unknown as RootMode })).toThrow(
          new TypeError(`rootMode must be 'multi' or 'single', got null`),
        );
      });

      it('rejects bad lengths', () => {
        expect(() => solve(ok, n, { lengths: [3] })).toThrow(
          new RangeError('lengths must have one entry per batch item (2), got 1'),
        );
        expect(() => solve(ok, n, { lengths: [3, 1] })).toThrow(
          new RangeError('lengths[1] must be in 2..3, got 1'),
        );
        expect(() => solve(ok, n, { lengths: [4, 3] })).toThrow(
          /lengths\[0\] must be in 2..3, got 4/,
        );
        expect(() => solve(ok, n, { lengths: [2.5, 3] })).toThrow(
          new TypeError('lengths[0] must be an integer, got 2.5'),
        );
        expect(() => solve(ok, n, { lengths: 3 as unknown as number[] })).toThrow(
          new TypeError('lengths must be an array of integers, got 3'),
        );
      });
    });
  }

  it('the relaxation rejects a bad temperature', () => {
    for (const temperature of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => arborescenceMarginals(ok, n, { temperature })).toThrow(RangeError);
      expect(() => arborescenceVjp(ok, n, g, { temperature })).toThrow(
        /temperature must be finite and > 0/,
      );
    }
    expect(() => arborescenceMarginals(ok, n, { temperature: '1' as unknown as number })).toThrow(
      new TypeError('temperature must be a number, got "1"'),
    );
    // Finite scores whose tempered value overflows.
    const huge = new Float64Array(n * n).fill(1e300);
    expect(() => arborescenceMarginals(huge, n, { temperature: 1e-10 })).toThrow(
      /scores\[1\] \/ temperature must be finite, got 1e\+300 \/ 1e-10/,
    );
  });

  it('the VJP rejects a bad g', () => {
    expect(() => arborescenceVjp(ok, n, new Float64Array(5))).toThrow(
      new RangeError('g must have length 18 (that of scores), got 5'),
    );
    expect(() => arborescenceVjp(ok, n, [1, 2] as unknown as Float64Array)).toThrow(
      new TypeError('g must be a Float64Array, got array of length 2'),
    );
    expect(() => arborescenceVjp(ok, n, null as unknown as Float64Array)).toThrow(TypeError);
    expect(() => arborescenceMarginalsAndVjp(ok, n, null as unknown as Float64Array)).toThrow(
      TypeError,
    );
    const bad = Float64Array.from(g);
    bad[2] = Number.NaN;
    expect(() => arborescenceVjp(ok, n, bad)).toThrow(
      new RangeError('g[2] must be finite, got NaN'),
    );
  });

  it('the enumerator checks its input', () => {
    expect(() => enumerateArborescences(new Float64Array(49), 7)).toThrow(
      /n must be in 2..6, got 7/,
    );
    expect(() => enumerateArborescences(new Float64Array(8), 3)).toThrow(
      /scores must have length n² = 9, got 8/,
    );
    expect(() => enumerateArborescences(new Float64Array(9), 3, 'x' as RootMode)).toThrow(
      RangeError,
    );
  });
});
