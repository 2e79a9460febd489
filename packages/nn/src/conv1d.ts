// 1-D convolution (stride 1, optional dilation) as im2col + one plain matMul: the K shifted
// slices of the (padded) input are concatenated along features, [B·L_out, K·C_in], times the
// filter [K·C_in, C_out] through `dense`, whose gradients are plain matMuls. This avoids wasm's
// missing conv filter gradient and tfjs wasm conv2d's crash with numeric padding. The filter's
// layout [K, C_in, C_out] (flattened) is tf.conv1d's. 'same' pads d·(K−1) in total, the extra one
// on the right (TensorFlow's convention).
import * as tf from '@tensorflow/tfjs-core';
import { checkInteger, checkOneOf } from './check.js';
import { dense } from './dense.js';
import type { ParameterSet } from './parameters.js';

export type Conv1dPadding = 'same' | 'valid';

export interface Conv1dOptions {
  inputs: number;
  outputs: number;
  kernelSize: number;
  /** Default 'valid'. */
  padding?: Conv1dPadding;
  /** Default 1. */
  dilation?: number;
}

export class Conv1d {
  /** `<name>.weights` [K·C_in, C_out] (row k·C_in + i), `<name>.bias` [C_out]. */
  readonly weights: tf.Variable;
  readonly bias: tf.Variable;
  readonly inputs: number;
  readonly outputs: number;
  readonly kernelSize: number;
  readonly padding: Conv1dPadding;
  readonly dilation: number;

  /** Initial values PyTorch's Conv1d default: U(±1/√(C_in·K)). */
  constructor(
    params: ParameterSet,
    readonly name: string,
    options: Conv1dOptions,
  ) {
    this.inputs = checkInteger(name, 'inputs', options.inputs, 1);
    this.outputs = checkInteger(name, 'outputs', options.outputs, 1);
    this.kernelSize = checkInteger(name, 'kernelSize', options.kernelSize, 1);
    this.padding = checkOneOf(name, 'padding', options.padding ?? 'valid', ['same', 'valid']);
    this.dilation = checkInteger(name, 'dilation', options.dilation ?? 1, 1);
    const fan = this.inputs * this.kernelSize;
    const bound = 1 / Math.sqrt(fan);
    this.weights = params.uniform(`${name}.weights`, [fan, this.outputs], bound);
    this.bias = params.uniform(`${name}.bias`, [this.outputs], bound);
  }

  /** x [B, L, C_in] → [B, L_out, C_out]; L_out = L ('same') or L − d·(K − 1) ('valid'). */
  apply(x: tf.Tensor3D): tf.Tensor3D {
    if (x.rank !== 3 || x.shape[2] !== this.inputs) {
      throw new RangeError(`${this.name}: x must be [B, L, ${this.inputs}], got [${x.shape}]`);
    }
    const [batch, length] = x.shape;
    const span = this.dilation * (this.kernelSize - 1);
    const outLength = this.padding === 'same' ? length : length - span;
    if (outLength < 1) {
      throw new RangeError(
        `${this.name}: 'valid' needs length ≥ ${span + 1} (dilation·(kernelSize − 1) + 1), got ${length}`,
      );
    }
    return tf.tidy(() => {
      const left = Math.floor(span / 2);
      const padded =
        this.padding === 'same' && span > 0
          ? tf.pad(x, [
              [0, 0],
              [left, span - left],
              [0, 0],
            ])
          : x;
      const taps = Array.from({ length: this.kernelSize }, (_, k) =>
        tf.slice(padded, [0, k * this.dilation, 0], [batch, outLength, this.inputs]),
      );
      const columns = tf.reshape(taps.length === 1 ? taps[0] : tf.concat(taps, 2), [
        batch * outLength,
        this.kernelSize * this.inputs,
      ]) as tf.Tensor2D;
      const y = dense(columns, this.weights as tf.Tensor2D, this.bias as tf.Tensor1D);
      return tf.reshape(y, [batch, outLength, this.outputs]) as tf.Tensor3D;
    });
  }
}
