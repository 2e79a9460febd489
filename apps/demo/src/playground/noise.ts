// Seeded inputs for the playground: Gumbel noise (resampled on demand) and logit presets, all
// from sst-core's RandomGenerator so a seed always gives the same picture. float64, no tensors.
import { gumbelFromUniform, RandomGenerator } from '@sst-tricks/sst-core';

/** `count` standard Gumbel draws, g = −log(−log u) with sst-core's clamp of u. */
export function gumbelNoise(count: number, seed: number): Float64Array {
  const u = new RandomGenerator(seed).uniforms(count);
  return u.map(gumbelFromUniform);
}

export type LogitPreset = 'zeros' | 'random' | 'peaked';

export const LOGIT_PRESETS: readonly LogitPreset[] = ['zeros', 'random', 'peaked'];

/**
 * Logits for a preset: all zero (uniform distribution), uniform in [−2, 2], or mostly −1 with a
 * few large (+3) entries so the hard sample is nearly fixed at low temperature.
 */
export function presetLogits(preset: LogitPreset, count: number, seed: number): Float64Array {
  if (preset === 'zeros') return new Float64Array(count);
  const u = new RandomGenerator(seed).uniforms(count);
  if (preset === 'random') return u.map((v) => Math.round((4 * v - 2) * 100) / 100);
  if (preset === 'peaked') return u.map((v) => (v > 0.75 ? 3 : -1));
  throw new RangeError(
    `preset must be one of ${LOGIT_PRESETS.join(', ')}, got ${JSON.stringify(preset)}`,
  );
}
