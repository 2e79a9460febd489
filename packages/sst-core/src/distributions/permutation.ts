// Permutations of n: logits [batch, n·n] or [batch, n, n]; Hungarian / Gumbel-Sinkhorn.
import type * as tf from '@tensorflow/tfjs-core';
import type { RelaxedPermutationOptions } from '../relaxations/permutation.js';
import { permutation } from '../relaxations/permutation.js';
import { StructuredDistribution } from './base.js';

const NAMES = { logits: ['logits'], utilities: ['utilities'] };

export class PermutationDistribution extends StructuredDistribution<
  ReturnType<typeof permutation.resolve>,
  tf.Tensor
> {
  /** @param logits θ [batch, d]: the location of the utilities U = θ + G. */
  constructor(
    readonly logits: tf.Tensor,
    options: RelaxedPermutationOptions,
  ) {
    super('PermutationDistribution', permutation, 'gumbel', NAMES, [logits], options);
  }

  protected wrap(tensors: tf.Tensor[]): tf.Tensor {
    return tensors[0];
  }
}
