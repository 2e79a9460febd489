// The one mechanism every relaxation is built on: a tf.customGrad op whose forward value and
// gradient come from float64 solvers. The caller runs the forward solver *before* the op is built
// (so bad data throws a clean error outside tfjs's kernel machinery) and hands over the results
// plus a VJP closure; that closure keeps the float64 inputs/outputs of the forward pass, so the
// backward pass reads only dy (one dataSync) and never re-reads or re-converts the operands.
import * as tf from '@tensorflow/tfjs-core';
import type { OperandLayout } from './operands.js';
import { float32Tensor } from './operands.js';

/** A checked operand: the tensor (its tape identity), its layout and its values in float64. */
export interface Float64Operand {
  tensor: tf.Tensor;
  layout: OperandLayout;
  data: Float64Array;
}

/**
 * Float64 VJP: one cotangent per output (laid out like the matching operand) in, one gradient per
 * operand out. Cotangents are always finite here (see `readCotangents`).
 */
export type Float64Vjp = (cotangents: Float64Array[]) => Float64Array[];

/**
 * Splits a packed [batch, Σ sizes] float32 cotangent into float64 buffers, one per operand.
 * Non-finite entries (a NaN loss upstream) are replaced by 0 for the solver, and the items they
 * sit in are returned so their gradients can be set to NaN afterwards: the NaN propagates as
 * it would through any tfjs op, instead of the solver throwing from inside backprop.
 */
function readCotangents(
  dy: Float32Array,
  layouts: readonly OperandLayout[],
): { cotangents: Float64Array[]; badItems: number[] } {
  const batch = layouts[0].batch;
  const total = layouts.reduce((s, l) => s + l.itemSize, 0);
  const cotangents = layouts.map((l) => new Float64Array(batch * l.itemSize));
  // One pass copies and checks (x − x is NaN exactly for NaN and ±∞); the per-item search below
  // runs only when something is non-finite.
  let bad = 0;
  if (layouts.length === 1) {
    const g = cotangents[0];
    for (let i = 0; i < dy.length; i++) {
      const v = dy[i];
      g[i] = v;
      bad += v - v;
    }
  } else {
    for (let b = 0; b < batch; b++) {
      let at = b * total;
      for (let k = 0; k < layouts.length; k++) {
        const size = layouts[k].itemSize;
        const g = cotangents[k];
        for (let i = b * size; i < (b + 1) * size; i++) {
          const v = dy[at++];
          g[i] = v;
          bad += v - v;
        }
      }
    }
  }
  const badItems: number[] = [];
  if (bad === 0) return { cotangents, badItems };
  for (let k = 0; k < layouts.length; k++) {
    const g = cotangents[k];
    const size = layouts[k].itemSize;
    for (let b = 0; b < batch; b++) {
      let finite = true;
      for (let i = b * size; i < (b + 1) * size; i++) {
        if (!Number.isFinite(g[i])) {
          g[i] = 0;
          finite = false;
        }
      }
      if (!finite && !badItems.includes(b)) badItems.push(b);
    }
  }
  return { cotangents, badItems };
}

/** Packs per-operand float64 outputs item by item into one float32 buffer [batch, Σ sizes]. */
function pack(outputs: readonly Float64Array[], layouts: readonly OperandLayout[]): Float32Array {
  if (outputs.length === 1) return new Float32Array(outputs[0]);
  const batch = layouts[0].batch;
  const total = layouts.reduce((s, l) => s + l.itemSize, 0);
  const out = new Float32Array(batch * total);
  for (let b = 0; b < batch; b++) {
    let at = b * total;
    for (let k = 0; k < layouts.length; k++) {
      const size = layouts[k].itemSize;
      out.set(outputs[k].subarray(b * size, (b + 1) * size), at);
      at += size;
    }
  }
  return out;
}

/**
 * One differentiable op: returns one float32 tensor per operand, shaped like it, holding
 * `outputs` (the forward solver's float64 results, cast once); the gradient with respect to each
 * operand is `vjp` of the incoming cotangents, cast to float32. Several operands (correlated
 * k-subsets: word and pair) share one customGrad node through a packed [batch, Σ sizes] value,
 * split afterwards, since tf.customGrad returns a single tensor.
 */
export function float64Op(
  operands: readonly Float64Operand[],
  outputs: readonly Float64Array[],
  vjp: Float64Vjp,
): tf.Tensor[] {
  const layouts = operands.map((o) => o.layout);
  const batch = layouts[0].batch;
  const sizes = layouts.map((l) => l.itemSize);
  const packedShape =
    operands.length === 1 ? layouts[0].shape : [batch, sizes.reduce((s, d) => s + d, 0)];
  const op = tf.customGrad(() => ({
    value: tf.tensor(pack(outputs, layouts), packedShape, 'float32'),
    gradFunc: (dy: tf.Tensor) => {
      const { cotangents, badItems } = readCotangents(dy.dataSync() as Float32Array, layouts);
      const grads = vjp(cotangents);
      for (const b of badItems) {
        grads.forEach((g, k) => {
          g.fill(Number.NaN, b * sizes[k], (b + 1) * sizes[k]);
        });
      }
      return grads.map((g, k) => float32Tensor(g, layouts[k].shape));
    },
  }));
  const tensors = operands.map((o) => o.tensor);
  if (operands.length === 1) return [op(...tensors)];
  // Inside tidy, so the packed tensor never outlives the call (the split's gradient is a concat).
  return tf.tidy(() => tf.split(op(...tensors), sizes, 1));
}
