// A dense layer y = xW + b as one custom-gradient op. tfjs's own matMul gradient uses the
// transposeA/transposeB flags, which wasm runs in a naive loop instead of XNNPACK (PERF-NOTES 1):
// here every backward product is a plain 2-D matMul after an explicit transpose, and the bias
// gradient is a matMul by a ones column rather than a sum over the non-innermost axis
// (PERF-NOTES 2).
import * as tf from '@tensorflow/tfjs-core';
import type { DenseLayer } from './parameters.js';

type DenseOp = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;
// Built on first use: tf.customGrad touches the engine, and nothing may do that at import time.
let op: DenseOp | undefined;

function build(): DenseOp {
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, w, b] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    save([x, w]);
    return {
      value: tf.add(tf.matMul(x, w), b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dy2 = dy as tf.Tensor2D;
        const dx = tf.matMul(dy2, tf.transpose(ws));
        // dW and db reduce over the rows. As (dYᵀ·X)ᵀ and dYᵀ·1 the right factor XNNPACK packs
        // on each call is X (or a ones column) rather than all of dY: whole training steps 3–4 %
        // faster than with Xᵀ·dY and ones·dY (A/B in one process, cpu and paper sizes, README).
        const dyT = tf.transpose(dy2);
        const dw = tf.transpose(tf.matMul(dyT, xs));
        const db = tf.reshape(tf.matMul(dyT, tf.ones([xs.shape[0], 1])), [ws.shape[1]]);
        return [dx, dw, db];
      },
    };
  }) as unknown as DenseOp;
}

/** y = xW + b for x [rows, in], W [in, out], b [out]; the gradient uses plain matMuls only. */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  if (x.rank !== 2 || w.rank !== 2 || b.rank !== 1) {
    throw new RangeError(`dense: ranks must be x 2, w 2, b 1, got ${x.rank}, ${w.rank}, ${b.rank}`);
  }
  if (x.shape[1] !== w.shape[0] || w.shape[1] !== b.shape[0]) {
    throw new RangeError(
      `dense: shapes must chain, got x [${x.shape}], w [${w.shape}], b [${b.shape}]`,
    );
  }
  op ??= build();
  return op(x, w, b);
}

/** A dense layer (ParameterSet.dense) applied to x [rows, inputs]. */
export function applyDense(layer: DenseLayer, x: tf.Tensor2D): tf.Tensor2D {
  return dense(x, layer.weights as tf.Tensor2D, layer.bias as tf.Tensor1D);
}

type MatMulOp = (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;
let matMulOp: MatMulOp | undefined;

function buildMatMul(): MatMulOp {
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, w] = args as [tf.Tensor2D, tf.Tensor2D];
    (args[2] as tf.GradSaveFunc)([x, w]);
    return {
      value: tf.matMul(x, w),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const dy2 = dy as tf.Tensor2D;
        return [tf.matMul(dy2, tf.transpose(ws)), tf.transpose(tf.matMul(tf.transpose(dy2), xs))];
      },
    };
  }) as unknown as MatMulOp;
}

/** y = xW for x [rows, in], W [in, out], without a bias; as `dense`, plain matMuls only. */
export function matMulPlain(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  if (x.rank !== 2 || w.rank !== 2 || x.shape[1] !== w.shape[0]) {
    throw new RangeError(`matMulPlain: shapes must chain, got x [${x.shape}], w [${w.shape}]`);
  }
  matMulOp ??= buildMatMul();
  return matMulOp(x, w);
}
