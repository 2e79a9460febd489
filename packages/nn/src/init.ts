// Initial values drawn from the seeded generator (sst-core's RandomGenerator), so a seed fixes the
// initial model on every backend. Each returns a Float32Array in row-major order.
import { fillStandardNormal, type RandomGenerator } from '@sst-tricks/sst-core';

/** N(0, std²) values; draws count + (count mod 2) uniforms (Box–Muller works in pairs). */
export function normalValues(generator: RandomGenerator, count: number, std: number): Float32Array {
  const normal = new Float64Array(count + (count % 2));
  fillStandardNormal(generator, normal, 0, normal.length);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = std * normal[i];
  return out;
}

/** U(−bound, bound) values; draws count uniforms. */
export function uniformValues(
  generator: RandomGenerator,
  count: number,
  bound: number,
): Float32Array {
  const u = generator.uniforms(count);
  return Float32Array.from({ length: count }, (_, i) => bound * (2 * u[i] - 1));
}
