// Inverted dropout with the seeded generator: in training each entry is zeroed with probability
// `rate` and the rest scaled by 1/(1 − rate), so evaluation is the identity. The mask comes from
// generator.uniforms (one per entry, kept where u ≥ rate), so a seed fixes it on every backend.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';

export interface DropoutOptions {
  /** In [0, 1). */
  rate: number;
  training: boolean;
  generator: RandomGenerator;
}

export function dropout<T extends tf.Tensor>(x: T, options: DropoutOptions): T {
  const { rate, training, generator } = options;
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new RangeError(`dropout: rate must be in [0, 1), got ${String(rate)}`);
  }
  if (!training || rate === 0) return x;
  const u = generator.uniforms(x.size);
  const scale = 1 / (1 - rate);
  const mask = Float32Array.from(u, (v) => (v >= rate ? scale : 0));
  return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32'))) as T;
}
