// Items of an NRI batch by range: the slices of a sliced-gradient step and the shards of a
// data-parallel step both take consecutive items out of the item-minor rows (layout.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { NriBatch } from './model-types.js';

/**
 * Items [start, start + count) of a tensor whose item index sits inside its rows: viewed as
 * [lead, b, rest] (frames [T, n·B, D]: lead T·n, rest D; edge weights [E·B, K]: lead E, rest K),
 * sliced on the middle axis and reshaped to `shape`.
 */
export function sliceItems<T extends tf.Tensor>(
  x: T,
  lead: number,
  b: number,
  start: number,
  count: number,
  shape: number[],
): T {
  const rest = x.size / (lead * b);
  return tf.tidy(() =>
    tf.reshape(tf.slice(tf.reshape(x, [lead, b, rest]), [0, start, 0], [lead, count, rest]), shape),
  ) as T;
}

/** Items [start, start + count) of a batch of n-node trajectories (new tensors). */
export function sliceBatch(batch: NriBatch, nodes: number, start: number, count: number): NriBatch {
  const b = batch.count;
  const [rows, width] = batch.encoderInput.shape;
  const [t, , d] = batch.frames.shape;
  if (rows !== nodes * b) {
    throw new RangeError(
      `sliceBatch: encoderInput must have n·count = ${nodes * b} rows, got ${rows}`,
    );
  }
  return {
    count,
    encoderInput: sliceItems(batch.encoderInput, nodes, b, start, count, [nodes * count, width]),
    frames: sliceItems(batch.frames, t * nodes, b, start, count, [t, nodes * count, d]),
  };
}
