// Standard logistic noise, the difference of two Gumbels: the perturbation for independent
// binary variables (DESIGN §3, sigmoid relaxation).
import * as tf from '@tensorflow/tfjs-core';
import { logisticFromUniform } from './clamp.js';
import type { RandomGenerator } from './random-generator.js';
import { checkGenerator, checkShape } from './shape.js';

/** Float32 tensor of i.i.d. standard logistic samples; always finite. Consumes size(shape) uniforms. */
export function sampleLogistic(shape: readonly number[], generator: RandomGenerator): tf.Tensor {
  const size = checkShape('sampleLogistic', shape);
  checkGenerator('sampleLogistic', generator);
  const u = generator.uniforms(size);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = logisticFromUniform(u[i]);
  return tf.tensor(values, [...shape], 'float32');
}
