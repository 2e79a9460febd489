// Left multiplication by a constant matrix (the relation matrices that route node features to
// edges and back). Its gradient multiplies by the precomputed transpose: tfjs's matMul gradient
// would use transposeA, which wasm runs outside XNNPACK (PERF-NOTES 1).
import * as tf from '@tensorflow/tfjs-core';

/** A constant matrix A [rows, cols] with its transpose, both kept for the model's lifetime. */
export interface ConstantMatrix {
  readonly matrix: tf.Tensor2D;
  readonly transposed: tf.Tensor2D;
}

export function constantMatrix(values: Float32Array, rows: number, cols: number): ConstantMatrix {
  const t = new Float32Array(values.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) t[c * rows + r] = values[r * cols + c];
  return { matrix: tf.tensor2d(values, [rows, cols]), transposed: tf.tensor2d(t, [cols, rows]) };
}

/** A·x for x [cols, m]; the gradient wrt x is Aᵀ·dy (A gets none: it is a constant). */
export function leftMultiply(a: ConstantMatrix, x: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.matMul(a.matrix, args[0] as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor) => tf.matMul(a.transposed, dy as tf.Tensor2D),
  })) as unknown as (x: tf.Tensor2D) => tf.Tensor2D;
  return op(x);
}
