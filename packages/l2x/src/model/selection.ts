// Choosing k of a review's m words from the explainer's logits, by the four relaxations compared
// in the paper (DESIGN §4): L2X's Concrete (k Gumbel-softmax draws, max-pooled), SoftSub (iterated
// softmax), the E.F.-entropy top-k SST, and the correlated top-k SST over the chain of words
// (word logits plus one logit per adjacent pair). Training uses the relaxed sample (noise from the
// given generator); evaluation the hard selection of the logits themselves: top-k, or for
// correlated top-k the best chain selection (Viterbi with a count).
import {
  CorrelatedKSubsetDistribution,
  concreteSubset,
  hardCorrelatedKSubset,
  hardKSubset,
  KSubsetDistribution,
  type RandomGenerator,
  softSubset,
} from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';

export const RELAXATIONS = ['l2x', 'softsub', 'top-k', 'correlated-top-k'] as const;
export type Relaxation = (typeof RELAXATIONS)[number];

/**
 * Added to the logits of padding positions (and of pairs touching one) so that no relaxation
 * selects padding while the review has ≥ k words. Finite, so every solver stays finite.
 */
export const PADDING_PENALTY = 1e3;

export interface SelectionLogits {
  /** [batch, m] */
  word: tf.Tensor2D;
  /** [batch, m − 1]; needed by 'correlated-top-k' only. */
  pair?: tf.Tensor2D;
}

export function checkRelaxation(relaxation: unknown): Relaxation {
  if (!(RELAXATIONS as readonly unknown[]).includes(relaxation)) {
    throw new RangeError(
      `relaxation must be one of ${RELAXATIONS.join(', ')}, got ${JSON.stringify(relaxation)}`,
    );
  }
  return relaxation as Relaxation;
}

function pairOf(relaxation: Relaxation, logits: SelectionLogits): tf.Tensor2D {
  if (logits.pair === undefined)
    throw new TypeError(`${relaxation} needs pair logits [batch, m − 1]`);
  return logits.pair;
}

/** The relaxed k-selection [batch, m] used in training (differentiable in the logits). */
export function relaxedSelection(
  relaxation: Relaxation,
  logits: SelectionLogits,
  options: { k: number; temperature: number },
  generator: RandomGenerator,
): tf.Tensor2D {
  const { word } = logits;
  switch (checkRelaxation(relaxation)) {
    case 'l2x':
      return concreteSubset(word, options, generator) as tf.Tensor2D;
    case 'softsub':
      return softSubset(word, options, generator) as tf.Tensor2D;
    case 'top-k':
      return new KSubsetDistribution(word, options).sample(generator).relaxed as tf.Tensor2D;
    case 'correlated-top-k': {
      const pair = pairOf(relaxation, logits);
      const d = new CorrelatedKSubsetDistribution({ word, pair }, options);
      return d.sample(generator).relaxed.word as tf.Tensor2D;
    }
  }
}

/** The hard k-selection [batch, m] (0/1, exactly k ones) used at evaluation. */
export function hardSelection(
  relaxation: Relaxation,
  logits: SelectionLogits,
  k: number,
): tf.Tensor2D {
  if (checkRelaxation(relaxation) === 'correlated-top-k') {
    return hardCorrelatedKSubset(logits.word, pairOf(relaxation, logits), { k })
      .word as tf.Tensor2D;
  }
  return hardKSubset(logits.word, { k }) as tf.Tensor2D;
}

/** logits − PADDING_PENALTY where `valid` [batch, m] is 0 (padding), for words and pairs. */
export function maskPadding(logits: SelectionLogits, valid: tf.Tensor2D): SelectionLogits {
  return tf.tidy(() => {
    const penalty = tf.mul(tf.sub(1, valid), PADDING_PENALTY);
    const word = tf.sub(logits.word, penalty) as tf.Tensor2D;
    if (logits.pair === undefined) return { word };
    const m = valid.shape[1];
    // A pair is padding when either of its words is.
    const both = tf.mul(tf.slice(valid, [0, 0], [-1, m - 1]), tf.slice(valid, [0, 1], [-1, m - 1]));
    const pair = tf.sub(logits.pair, tf.mul(tf.sub(1, both), PADDING_PENALTY)) as tf.Tensor2D;
    return { word, pair };
  });
}
