// k-subsets of m = the logits' last dimension: top-k of U, relaxed by one of four regularisers.
import type * as tf from '@tensorflow/tfjs-core';
import type { RelaxedKSubsetOptions } from '../relaxations/k-subset.js';
import { kSubset } from '../relaxations/k-subset.js';
import { StructuredDistribution } from './base.js';

const NAMES = { logits: ['logits'], utilities: ['utilities'] };

export class KSubsetDistribution extends StructuredDistribution<
  ReturnType<typeof kSubset.resolve>,
  tf.Tensor
> {
  /** @param logits θ [batch, d]: the location of the utilities U = θ + G. */
  constructor(
    readonly logits: tf.Tensor,
    options: RelaxedKSubsetOptions,
  ) {
    super('KSubsetDistribution', kSubset, 'gumbel', NAMES, [logits], options);
  }

  protected wrap(tensors: tf.Tensor[]): tf.Tensor {
    return tensors[0];
  }
}
