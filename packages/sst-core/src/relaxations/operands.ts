// The float32 ↔ float64 boundary: shape checks on the tensors an op receives, one dataSync per
// operand into a Float64Array (checking every value is finite on the way), and float32 tensors
// built back from solver results.
import * as tf from '@tensorflow/tfjs-core';
import { show } from './options.js';

/** The layout of a checked operand: `batch` items of `itemSize` entries, and its full shape. */
export interface OperandLayout {
  batch: number;
  itemSize: number;
  shape: number[];
}

/**
 * Checks `value` is a float32 tensor of rank 2 ([batch, d]) — or rank 3 ([batch, s, s]) when
 * `square` is true, for structures whose items are s×s matrices — and returns its layout.
 */
export function checkTensor(
  op: string,
  name: string,
  value: unknown,
  square: boolean,
): OperandLayout {
  if (!(value instanceof tf.Tensor)) {
    throw new TypeError(`${op}: ${name} must be a tf.Tensor, got ${show(value)}`);
  }
  if (value.dtype !== 'float32') {
    throw new TypeError(`${op}: ${name} must be a float32 tensor, got ${show(value)}`);
  }
  const rankOk = value.rank === 2 || (square && value.rank === 3);
  if (!rankOk) {
    const expected = square ? 'rank 2 [batch, n·n] or rank 3 [batch, n, n]' : 'rank 2 [batch, d]';
    throw new RangeError(`${op}: ${name} must have ${expected}, got ${show(value)}`);
  }
  const shape = value.shape.slice();
  if (shape[0] < 1) throw new RangeError(`${op}: ${name} must hold at least one batch item`);
  const itemSize = shape.slice(1).reduce((a: number, b: number) => a * b, 1);
  return { batch: shape[0], itemSize, shape };
}

/** Per-item size an operand must have, and how to explain it in an error message. */
export interface OperandSize {
  size: number;
  /** e.g. 'n(n−1)/2 for n = 10'. */
  label: string;
}

/** Checks a layout's item size (and, for rank 3, that it is square) against `expected`. */
export function checkItemSize(
  op: string,
  name: string,
  layout: OperandLayout,
  expected: OperandSize,
): void {
  const { shape } = layout;
  if (shape.length === 3 && shape[1] !== shape[2]) {
    throw new RangeError(`${op}: ${name} of rank 3 must be [batch, n, n], got [${shape}]`);
  }
  if (layout.itemSize !== expected.size) {
    const got = shape.length === 3 ? `[${shape.slice(1)}]` : String(shape[1]);
    throw new RangeError(
      `${op}: ${name} must have ${expected.size} entries per item (${expected.label}), got ${got}`,
    );
  }
}

/**
 * The tensor's values as float64 (one dataSync), rejecting NaN/±∞ with the offending
 * [item, entry] and value in the message.
 */
export function readFloat64(
  op: string,
  name: string,
  tensor: tf.Tensor,
  itemSize: number,
): Float64Array {
  const values = tensor.dataSync() as Float32Array;
  const out = new Float64Array(values.length);
  // One pass converts and checks: x − x is 0 for finite x and NaN for NaN and ±∞. (A plain loop
  // is ~2× faster than the Float64Array(Float32Array) constructor in V8.)
  let bad = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v;
    bad += v - v;
  }
  if (bad !== 0) {
    const at = out.findIndex((v) => !Number.isFinite(v));
    const item = Math.floor(at / itemSize);
    throw new RangeError(
      `${op}: ${name} must be finite, got ${name}[${item}][${at - item * itemSize}] = ${show(out[at])}`,
    );
  }
  return out;
}

/** A float32 tensor holding `data` (float64) with the given shape. */
export function float32Tensor(data: Float64Array, shape: readonly number[]): tf.Tensor {
  return tf.tensor(new Float32Array(data), shape.slice(), 'float32');
}
