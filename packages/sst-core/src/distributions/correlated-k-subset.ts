// Correlated k-subsets of a sequence: word logits [batch, m] and adjacent-pair logits
// [batch, m − 1], each perturbed by its own Gumbel noise (word noise drawn first).
import type * as tf from '@tensorflow/tfjs-core';
import type {
  RelaxedCorrelatedKSubsetOptions,
  WordPair,
} from '../relaxations/correlated-k-subset.js';
import { correlatedKSubset } from '../relaxations/correlated-k-subset.js';
import { StructuredDistribution } from './base.js';

const NAMES = {
  logits: ['logits.word', 'logits.pair'],
  utilities: ['utilities.word', 'utilities.pair'],
};

export class CorrelatedKSubsetDistribution extends StructuredDistribution<
  ReturnType<typeof correlatedKSubset.resolve>,
  WordPair
> {
  /** @param logits θ: word [batch, m] and pair [batch, m − 1] locations of the utilities. */
  constructor(
    readonly logits: WordPair,
    options: RelaxedCorrelatedKSubsetOptions,
  ) {
    super(
      'CorrelatedKSubsetDistribution',
      correlatedKSubset,
      'gumbel',
      NAMES,
      [logits?.word, logits?.pair],
      options,
    );
  }

  protected wrap([word, pair]: tf.Tensor[]): WordPair {
    return { word, pair };
  }
}
