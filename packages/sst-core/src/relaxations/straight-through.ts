// The straight-through estimator as its own op: the forward value is `hard` exactly and the whole
// cotangent goes to `relaxed`. Built with customGrad rather than relaxed + stopGradient(hard −
// relaxed): that sum is not exactly `hard` in float32 (0.3 + (1 − 0.3) need not round to 1), and
// it would turn a non-finite relaxed value into a NaN forward.
import * as tf from '@tensorflow/tfjs-core';
import { show } from './options.js';

const OP = 'straightThrough';

function checkFloat32(name: string, value: unknown): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor) || value.dtype !== 'float32') {
    const got = value instanceof tf.Tensor ? `a ${value.dtype} tensor` : show(value);
    throw new TypeError(`${OP}: ${name} must be a float32 tf.Tensor, got ${got}`);
  }
}

/** Forward: `hard`; gradient: that of `relaxed` (same shapes, float32). */
export function straightThrough(hard: tf.Tensor, relaxed: tf.Tensor): tf.Tensor {
  checkFloat32('hard', hard);
  checkFloat32('relaxed', relaxed);
  if (!tf.util.arraysEqual(hard.shape, relaxed.shape)) {
    throw new RangeError(
      `${OP}: hard and relaxed must have the same shape, got [${hard.shape}] and [${relaxed.shape}]`,
    );
  }
  const op = tf.customGrad((h) => ({
    value: tf.clone(h as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => [tf.zerosLike(h as tf.Tensor), tf.clone(dy)],
  }));
  return op(hard, relaxed);
}
