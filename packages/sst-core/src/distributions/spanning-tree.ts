// Spanning trees of K_n: logits [batch, n(n−1)/2] on edges (i<j) row-major; Kruskal / matrix-tree.
import type * as tf from '@tensorflow/tfjs-core';
import type { RelaxedSpanningTreeOptions } from '../relaxations/spanning-tree.js';
import { spanningTree } from '../relaxations/spanning-tree.js';
import { StructuredDistribution } from './base.js';

const NAMES = { logits: ['logits'], utilities: ['utilities'] };

export class SpanningTreeDistribution extends StructuredDistribution<
  ReturnType<typeof spanningTree.resolve>,
  tf.Tensor
> {
  /** @param logits θ [batch, d]: the location of the utilities U = θ + G. */
  constructor(
    readonly logits: tf.Tensor,
    options: RelaxedSpanningTreeOptions,
  ) {
    super('SpanningTreeDistribution', spanningTree, 'gumbel', NAMES, [logits], options);
  }

  protected wrap(tensors: tf.Tensor[]): tf.Tensor {
    return tensors[0];
  }
}
