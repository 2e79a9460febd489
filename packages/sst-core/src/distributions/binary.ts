// Independent bits: U = θ + logistic noise, hard = [U > 0], relaxed = σ(U/t) (the binary Concrete).
import type * as tf from '@tensorflow/tfjs-core';
import type { RelaxedBinaryOptions } from '../relaxations/binary.js';
import { binary } from '../relaxations/binary.js';
import { StructuredDistribution } from './base.js';

const NAMES = { logits: ['logits'], utilities: ['utilities'] };

export class BinaryDistribution extends StructuredDistribution<
  ReturnType<typeof binary.resolve>,
  tf.Tensor
> {
  /** @param logits θ [batch, d]: the location of the utilities U = θ + G. */
  constructor(
    readonly logits: tf.Tensor,
    options: RelaxedBinaryOptions,
  ) {
    super('BinaryDistribution', binary, 'logistic', NAMES, [logits], options);
  }

  protected wrap(tensors: tf.Tensor[]): tf.Tensor {
    return tensors[0];
  }
}
