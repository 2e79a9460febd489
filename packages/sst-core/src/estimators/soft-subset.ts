// SoftSub (Xie & Ermon 2019, "Reparameterizable subset sampling via continuous relaxations"):
// one Gumbel perturbation U = θ + G, then k rounds of a softmax that masks what earlier rounds
// took: α_1 = softmax(U/t); for j = 2..k: U ← U + log(max(1 − α_{j−1}, tiny)), α_j = softmax(U/t);
// output Σ_j α_j. It sums to k exactly; as t → 0 it is the k-hot of top-k(U). Values are ≥ 0
// but NOT bounded by 1 in general: with m = 2, k = 2, t = 1 the second round is (½, ½) whatever U,
// so the output is (α + ½, 1.5 − α); measured on random N(0, 1) logits, 1.5–10 % of the entries
// exceed 1 (m = 10…50, k = 3…10, t = 0.1…1; largest 3.9), because a coordinate that a round left
// at α < 1 can win the next round too. The floor `tiny` (float32's smallest normal, as in the
// authors' code) keeps log finite when a round is exactly one-hot.
import * as tf from '@tensorflow/tfjs-core';
import { type RandomGenerator, sampleGumbel } from '../noise/index.js';
import { checkSubsetArgs, FLOAT32_TINY, type SubsetRelaxationOptions } from './subset-options.js';

/**
 * SoftSub relaxed top-k of logits [batch, m] → [batch, m].
 * Noise: one `sampleGumbel([batch, m], generator)` call.
 */
export function softSubset(
  logits: tf.Tensor,
  options: SubsetRelaxationOptions,
  generator: RandomGenerator,
): tf.Tensor {
  const {
    logits: theta,
    k,
    temperature,
  } = checkSubsetArgs('softSubset', logits, options, generator);
  const [batch, m] = theta.shape;
  return tf.tidy(() => {
    let u = tf.add(theta, sampleGumbel([batch, m], generator));
    let alpha = tf.softmax(tf.div(u, temperature));
    let total = alpha;
    for (let j = 2; j <= k; j++) {
      u = tf.add(u, tf.log(tf.maximum(tf.sub(1, alpha), FLOAT32_TINY)));
      alpha = tf.softmax(tf.div(u, temperature));
      total = tf.add(total, alpha);
    }
    return total;
  });
}
