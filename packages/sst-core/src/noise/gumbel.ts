// Standard Gumbel noise G for the perturbed utilities U = θ + G (DESIGN §1, §3).
import * as tf from '@tensorflow/tfjs-core';
import { gumbelFromUniform } from './clamp.js';
import type { RandomGenerator } from './random-generator.js';
import { checkGenerator, checkShape } from './shape.js';

/** Float32 tensor of i.i.d. standard Gumbel samples; always finite. Consumes size(shape) uniforms. */
export function sampleGumbel(shape: readonly number[], generator: RandomGenerator): tf.Tensor {
  const size = checkShape('sampleGumbel', shape);
  checkGenerator('sampleGumbel', generator);
  const u = generator.uniforms(size);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = gumbelFromUniform(u[i]);
  return tf.tensor(values, [...shape], 'float32');
}
