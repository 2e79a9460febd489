// tfjs-core has no stopGradient: an identity op whose gradient is zero, so a value can be used
// as a constant inside a differentiated expression (score-function weights, utilities).
import * as tf from '@tensorflow/tfjs-core';

type Unary = (x: tf.Tensor) => tf.Tensor;
// Built on first use: tf.customGrad touches the engine, and nothing may do that at import time.
let blocked: Unary | undefined;

/** The same values as `x`, but no gradient flows back through the result. */
export function stopGradient(x: tf.Tensor): tf.Tensor {
  blocked ??= tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.clone(inputs[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  })) as Unary;
  return blocked(x);
}
