// Arborescences rooted at node 0: logits [batch, n·n] or [batch, n, n] (row = head, column = child).
import type * as tf from '@tensorflow/tfjs-core';
import type { RelaxedArborescenceOptions } from '../relaxations/arborescence.js';
import { arborescence } from '../relaxations/arborescence.js';
import { StructuredDistribution } from './base.js';

const NAMES = { logits: ['logits'], utilities: ['utilities'] };

export class ArborescenceDistribution extends StructuredDistribution<
  ReturnType<typeof arborescence.resolve>,
  tf.Tensor
> {
  /** @param logits θ [batch, d]: the location of the utilities U = θ + G. */
  constructor(
    readonly logits: tf.Tensor,
    options: RelaxedArborescenceOptions,
  ) {
    super('ArborescenceDistribution', arborescence, 'gumbel', NAMES, [logits], options);
  }

  protected wrap(tensors: tf.Tensor[]): tf.Tensor {
    return tensors[0];
  }
}
