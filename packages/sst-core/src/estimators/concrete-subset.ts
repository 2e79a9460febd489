// L2X's subset relaxation (Chen et al. 2018, "Learning to Explain"): k independent
// Gumbel-softmax (Concrete) draws over the m items, combined by an elementwise max. Each value is
// in [0, 1]; as t → 0 each draw becomes one-hot, so the result has at most k ones (two draws may
// pick the same item). Plain tfjs ops, so tfjs differentiates it.
import * as tf from '@tensorflow/tfjs-core';
import { type RandomGenerator, sampleGumbel } from '../noise/index.js';
import { checkSubsetArgs, type SubsetRelaxationOptions } from './subset-options.js';

/**
 * Concrete subset relaxation of logits [batch, m] → [batch, m]:
 * max_{j=1..k} softmax((θ + G_j)/t). Noise: one `sampleGumbel([batch, k, m], generator)` call.
 */
export function concreteSubset(
  logits: tf.Tensor,
  options: SubsetRelaxationOptions,
  generator: RandomGenerator,
): tf.Tensor {
  const {
    logits: theta,
    k,
    temperature,
  } = checkSubsetArgs('concreteSubset', logits, options, generator);
  const [batch, m] = theta.shape;
  return tf.tidy(() => {
    const g = sampleGumbel([batch, k, m], generator);
    const draws = tf.softmax(tf.div(tf.add(tf.expandDims(theta, 1), g), temperature));
    return tf.max(draws, 1);
  });
}
