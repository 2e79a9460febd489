// A small model whose loss couples the batch's items, for the sliced-gradient tests: a head
// (dense → batch norm over the batch with running statistics → tanh, plus a penalty on the whole
// batch's activations) and a tail per item (input noise drawn per item from the generator, a
// regression on two per-item outputs, one of them in `lead` blocks as NRI's edge-major weights).
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import type { ItemSlice, SlicedLoss, StepContext, TrainableModel } from '../src/index.js';
import { ShardedGenerator } from '../src/index.js';

export const SLICED_INPUTS = 3;
export const SLICED_HIDDEN = 5;
const LEAD = 2;
const MOMENTUM = 0.9;

export interface SlicedToyBatch {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor2D;
}

export interface SlicedToyModel extends TrainableModel<SlicedToyBatch> {
  readonly slicing: SlicedLoss<SlicedToyBatch>;
  dispose(): void;
}

export function slicedToyBatch(context: { generator: RandomGenerator }, size = 7): SlicedToyBatch {
  const u = context.generator.uniforms(size * (SLICED_INPUTS + 1));
  const x = Float32Array.from(u.subarray(0, size * SLICED_INPUTS), (v) => 4 * v - 2);
  const y = Float32Array.from(u.subarray(size * SLICED_INPUTS), (v) => 2 * v - 1);
  return { x: tf.tensor2d(x, [size, SLICED_INPUTS]), y: tf.tensor2d(y, [size, 1]) };
}

/** `withHead: false`: no head (plain micro-batches; the tail reads the batch's inputs itself). */
export function createSlicedToyModel(
  generator: RandomGenerator,
  { withHead = true } = {},
): SlicedToyModel {
  const init = (rows: number, cols: number) =>
    tf.variable(
      tf.tensor2d(
        Float32Array.from(generator.uniforms(rows * cols), (v) => v - 0.5),
        [rows, cols],
      ),
    );
  // In a tidy: tf.variable keeps its initial tensor alive otherwise.
  const variables = tf.tidy(() => ({
    'head/kernel': init(SLICED_INPUTS, SLICED_HIDDEN),
    'head/gamma': tf.variable(tf.ones([1, SLICED_HIDDEN])),
    'head/beta': tf.variable(tf.zeros([1, SLICED_HIDDEN])),
    'head/runningMean': tf.variable(tf.zeros([1, SLICED_HIDDEN]), false),
    'head/runningVariance': tf.variable(tf.ones([1, SLICED_HIDDEN]), false),
    'tail/kernel': init(SLICED_HIDDEN, 1),
    'tail/blocks': init(LEAD, SLICED_HIDDEN),
    'tail/bias': tf.variable(tf.zeros([1, 1])),
  }));
  const v = variables;

  const head = (batch: SlicedToyBatch) => {
    const rows = batch.x.shape[0];
    const z = tf.matMul(batch.x, v['head/kernel']);
    const mean = tf.mean(z, 0, true);
    const variance = tf.mean(tf.square(tf.sub(z, mean)), 0, true);
    const unbiased = tf.mul(variance, rows / Math.max(rows - 1, 1));
    v['head/runningMean'].assign(
      tf.add(tf.mul(v['head/runningMean'], MOMENTUM), tf.mul(mean, 1 - MOMENTUM)),
    );
    v['head/runningVariance'].assign(
      tf.add(tf.mul(v['head/runningVariance'], MOMENTUM), tf.mul(unbiased, 1 - MOMENTUM)),
    );
    const normalised = tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, 1e-5)));
    const h = tf.tanh(tf.add(tf.mul(normalised, v['head/gamma']), v['head/beta']));
    // lead-major [LEAD · rows, H]: block l is h scaled by row l of tail/blocks' sign pattern.
    const blocks = tf.concat([tf.mul(h, 0.5), tf.neg(h)], 0);
    return { h, blocks, penalty: tf.mul(tf.mean(tf.square(h)), 0.1) };
  };

  const tail = (
    batch: SlicedToyBatch,
    h: tf.Tensor,
    blocks: tf.Tensor,
    slice: Pick<ItemSlice, 'start' | 'count' | 'total'>,
    noise: RandomGenerator,
  ) => {
    const { start, count, total } = slice;
    const u = noise.uniforms(count * SLICED_HIDDEN);
    const jitter = tf.tensor2d(
      Float32Array.from(u, (x) => 0.2 * x - 0.1),
      [count, SLICED_HIDDEN],
    );
    const y = tf.slice(batch.y, [start, 0], [count, 1]);
    const mixed = tf.add(
      tf.mul(
        tf.slice(blocks, [0, 0], [count, SLICED_HIDDEN]),
        v['tail/blocks'].slice([0, 0], [1, -1]),
      ),
      tf.mul(
        tf.slice(blocks, [count, 0], [count, SLICED_HIDDEN]),
        v['tail/blocks'].slice([1, 0], [1, -1]),
      ),
    );
    const out = tf.add(
      tf.matMul(tf.tanh(tf.add(tf.add(h, jitter), mixed)), v['tail/kernel']),
      v['tail/bias'],
    );
    // The items' part of the whole batch's mean squared error.
    return tf.div(tf.sum(tf.square(tf.sub(out, y))), total);
  };

  // Without a head, the tail computes h from its own items, so no item couples to another.
  const ownRows = (batch: SlicedToyBatch, start: number, count: number) => {
    const h = tf.tanh(
      tf.matMul(tf.slice(batch.x, [start, 0], [count, SLICED_INPUTS]), v['head/kernel']),
    );
    return { h, blocks: tf.concat([tf.mul(h, 0.5), tf.neg(h)], 0) };
  };

  const slicing: SlicedLoss<SlicedToyBatch> = withHead
    ? {
        items: (batch) => batch.x.shape[0],
        head(batch) {
          const { h, blocks, penalty } = head(batch);
          return { loss: penalty, outputs: [{ tensor: h }, { tensor: blocks, lead: LEAD }] };
        },
        tail: (batch, [h, blocks], slice) => tail(batch, h, blocks, slice, slice.generator()),
      }
    : {
        items: (batch) => batch.x.shape[0],
        tail(batch, _outputs, slice) {
          const { h, blocks } = ownRows(batch, slice.start, slice.count);
          return tail(batch, h, blocks, slice, slice.generator());
        },
      };

  return {
    variables,
    slicing,
    // The one-tape loss: head and tail over the whole batch (a one-slice view of the generator).
    loss(batch: SlicedToyBatch, context: StepContext) {
      const total = batch.x.shape[0];
      const all = { start: 0, count: total, total };
      const noise = new ShardedGenerator(context.generator, all);
      if (!withHead) {
        const { h, blocks } = ownRows(batch, 0, total);
        return tail(batch, h, blocks, all, noise);
      }
      const { h, blocks, penalty } = head(batch);
      return tf.add(tail(batch, h, blocks, all, noise), penalty);
    },
    dispose() {
      tf.dispose(Object.values(variables));
    },
  };
}
