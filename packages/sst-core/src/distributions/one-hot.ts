// One-hot choices over m = the logits' last dimension: Gumbel-max / Gumbel-softmax (or sparsemax).
import type * as tf from '@tensorflow/tfjs-core';
import type { RelaxedOneHotOptions } from '../relaxations/one-hot.js';
import { oneHot } from '../relaxations/one-hot.js';
import { StructuredDistribution } from './base.js';

const NAMES = { logits: ['logits'], utilities: ['utilities'] };

export class OneHotDistribution extends StructuredDistribution<
  ReturnType<typeof oneHot.resolve>,
  tf.Tensor
> {
  /** @param logits θ [batch, d]: the location of the utilities U = θ + G. */
  constructor(
    readonly logits: tf.Tensor,
    options: RelaxedOneHotOptions,
  ) {
    super('OneHotDistribution', oneHot, 'gumbel', NAMES, [logits], options);
  }

  protected wrap(tensors: tf.Tensor[]): tf.Tensor {
    return tensors[0];
  }
}
