// Standard normal draws from the generator's uniforms by the Box–Muller transform: each pair
// (u1, u2) of uniforms in [0, 1) gives two independent N(0, 1) values
//   r = sqrt(−2 log(1 − u1)),  z0 = r cos(2π u2),  z1 = r sin(2π u2).
// 1 − u1 lies in (0, 1], so the logarithm is always finite (u1 = 0 gives r = 0). Exact, with no
// rejection loop, so every sample consumes a fixed number of uniforms: that keeps the per-sample
// streams aligned and the data independent of how many samples are generated.
import type { RandomGenerator } from './random-generator.js';

const TWO_PI = 2 * Math.PI;

/**
 * Fills `out[offset .. offset + count)` with i.i.d. N(0, 1) values (`count` even), consuming
 * `count` uniforms: out[offset + 2p], out[offset + 2p + 1] come from the p-th pair.
 */
export function fillStandardNormal(
  generator: RandomGenerator,
  out: Float64Array,
  offset: number,
  count: number,
): void {
  if (!Number.isInteger(count) || count < 0 || count % 2 !== 0) {
    throw new RangeError(`fillStandardNormal: count must be an even integer ≥ 0, got ${count}`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset + count > out.length) {
    throw new RangeError(
      `fillStandardNormal: offset must be an integer in [0, ${out.length - count}], got ${offset}`,
    );
  }
  const u = generator.uniforms(count);
  for (let p = 0; p < count; p += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u[p]));
    const angle = TWO_PI * u[p + 1];
    out[offset + p] = r * Math.cos(angle);
    out[offset + p + 1] = r * Math.sin(angle);
  }
}
