// Caller-owned output buffers (`options.out`): the same numbers as fresh outputs whatever the
// buffers held before, the given arrays returned, and clear errors for wrong buffers — with the
// inputs left untouched when a buffer overlaps them.
import { describe, expect, it } from 'vitest';
import {
  arborescenceMarginals,
  arborescenceMarginalsAndVjp,
  arborescenceVjp,
  type RootMode,
} from '../src/arborescence/index.js';
import { randomScores } from './arborescence-helpers.js';

const n = 7;
const batch = 4;
const size = batch * n * n;
const lengths = [7, 3, 5, 2];

/** A buffer full of garbage: stale results of another call must not leak into this one. */
function stale(length: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN);
}

describe('arborescence options.out', () => {
  for (const rootMode of ['multi', 'single'] as RootMode[]) {
    it(`marginals + VJP into stale buffers equal fresh outputs (${rootMode} root, mixed lengths)`, () => {
      const scores = randomScores(size, 11, 3);
      const g = randomScores(size, 12);
      const options = { rootMode, lengths, temperature: 0.7 };
      const fresh = arborescenceMarginalsAndVjp(scores, n, g, options);
      const out = { marginals: stale(size), logZ: stale(batch), vjp: stale(size) };
      const reused = arborescenceMarginalsAndVjp(scores, n, g, { ...options, out });
      expect(reused.marginals).toBe(out.marginals);
      expect(reused.logZ).toBe(out.logZ);
      expect(reused.vjp).toBe(out.vjp);
      expect(Array.from(reused.marginals)).toEqual(Array.from(fresh.marginals));
      expect(Array.from(reused.logZ)).toEqual(Array.from(fresh.logZ));
      expect(Array.from(reused.vjp)).toEqual(Array.from(fresh.vjp));
      // A second call with other scores into the same buffers: nothing of the first remains.
      const scores2 = randomScores(size, 13, 3);
      const fresh2 = arborescenceMarginalsAndVjp(scores2, n, g, options);
      arborescenceMarginalsAndVjp(scores2, n, g, { ...options, out });
      expect(Array.from(out.marginals)).toEqual(Array.from(fresh2.marginals));
      expect(Array.from(out.vjp)).toEqual(Array.from(fresh2.vjp));
    });
  }

  it('marginals alone and the VJP alone use their buffers; the others are ignored', () => {
    const scores = randomScores(size, 21, 2);
    const g = randomScores(size, 22);
    const out = { marginals: stale(size), logZ: stale(batch), vjp: stale(size) };
    const m = arborescenceMarginals(scores, n, { lengths, out });
    expect(m.marginals).toBe(out.marginals);
    expect(Array.from(m.marginals)).toEqual(
      Array.from(arborescenceMarginals(scores, n, { lengths }).marginals),
    );
    const vjp = arborescenceVjp(scores, n, g, { lengths, out: { vjp: stale(size) } });
    expect(Array.from(vjp)).toEqual(Array.from(arborescenceVjp(scores, n, g, { lengths })));
  });

  it('non-overlapping views of one buffer are accepted', () => {
    const scores = randomScores(size, 31);
    const g = randomScores(size, 32);
    const shared = new Float64Array(2 * size + batch).fill(Number.NaN);
    const out = {
      marginals: shared.subarray(0, size),
      vjp: shared.subarray(size, 2 * size),
      logZ: shared.subarray(2 * size),
    };
    const fresh = arborescenceMarginalsAndVjp(scores, n, g);
    arborescenceMarginalsAndVjp(scores, n, g, { out });
    expect(Array.from(out.marginals)).toEqual(Array.from(fresh.marginals));
    expect(Array.from(out.vjp)).toEqual(Array.from(fresh.vjp));
    expect(Array.from(out.logZ)).toEqual(Array.from(fresh.logZ));
  });

  it('rejects buffers of the wrong type or length, naming them', () => {
    const scores = randomScores(size, 41);
    const g = randomScores(size, 42);
    const call = (out: unknown) =>
      arborescenceMarginalsAndVjp(scores, n, g, { out } as Parameters<
        typeof arborescenceMarginalsAndVjp
      >[3]);
    expect(() => call(null)).toThrow(TypeError);
    expect(() => call(5)).toThrow(/out must be an object of Float64Arrays, got 5/);
    expect(() => call({ marginals: new Float32Array(size) })).toThrow(
      /out.marginals must be a Float64Array/,
    );
    expect(() => call({ vjp: [0, 1] })).toThrow(TypeError);
    expect(() => call({ marginals: new Float64Array(size - 1) })).toThrow(
      new RangeError(`out.marginals must have length ${size}, got ${size - 1}`),
    );
    expect(() => call({ logZ: new Float64Array(size) })).toThrow(
      /out.logZ must have length 4, got 196/,
    );
  });

  it('rejects buffers overlapping the inputs or each other, leaving the inputs untouched', () => {
    const scores = randomScores(size, 51);
    const g = randomScores(size, 52);
    const scoresCopy = scores.slice();
    const gCopy = g.slice();
    expect(() => arborescenceMarginalsAndVjp(scores, n, g, { out: { marginals: scores } })).toThrow(
      /out.marginals must not overlap scores/,
    );
    expect(() => arborescenceMarginalsAndVjp(scores, n, g, { out: { vjp: g } })).toThrow(
      /out.vjp must not overlap g/,
    );
    const shared = new Float64Array(2 * size);
    expect(() =>
      arborescenceMarginalsAndVjp(scores, n, g, {
        out: { marginals: shared.subarray(0, size), vjp: shared.subarray(size - 1, 2 * size - 1) },
      }),
    ).toThrow(/out.marginals and out.vjp must not overlap/);
    expect(Array.from(scores)).toEqual(Array.from(scoresCopy));
    expect(Array.from(g)).toEqual(Array.from(gCopy));
  });
});
