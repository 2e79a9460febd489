// The NRI loss terms, normalised PER NODE as the reference does (nll_gaussian and
// kl_categorical_uniform both divide their sums by batch·n).
//   NLL = Σ_{items, nodes, predicted frames, dims} (pred − target)² / (2·variance) / (B·n)
//     (the reference's nll_gaussian with add_const = False: the constant ½log(2π·variance) per
//     entry is left out); variance 5e−5 by default.
//   KL  = Σ_items KL(U ‖ prior) / (B·n), from an sst-core distribution's klToGumbelPrior().
//   ELBO (per node) = −(NLL + KL).
import * as tf from '@tensorflow/tfjs-core';

export const NLL_VARIANCE = 5e-5;

export interface PerNode {
  /** Trajectories in the batch. */
  batch: number;
  nodes: number;
}

export function gaussianNll(
  predictions: readonly tf.Tensor[],
  targets: readonly tf.Tensor[],
  scale: PerNode,
  variance = NLL_VARIANCE,
): tf.Scalar {
  if (!(variance > 0)) throw new RangeError(`gaussianNll: variance must be > 0, got ${variance}`);
  if (predictions.length !== targets.length || predictions.length === 0) {
    throw new RangeError(
      `gaussianNll: predictions and targets must be equally many (≥ 1), got ${predictions.length} and ${targets.length}`,
    );
  }
  return tf.tidy(() => {
    const sums = predictions.map((p, i) => tf.sum(tf.squaredDifference(p, targets[i])));
    const total = sums.length === 1 ? sums[0] : tf.addN(sums);
    return tf.div(total, 2 * variance * scale.batch * scale.nodes) as tf.Scalar;
  });
}

/** klItems: klToGumbelPrior()'s per-item KL (any number of items: trees, or directed edges). */
export function klPerNode(klItems: tf.Tensor, scale: PerNode): tf.Scalar {
  return tf.div(tf.sum(klItems), scale.batch * scale.nodes) as tf.Scalar;
}

export interface ElboTerms {
  nll: tf.Scalar;
  kl: tf.Scalar;
  /** NLL + KL: the quantity to minimise. */
  loss: tf.Scalar;
}

export function elboTerms(nll: tf.Scalar, kl: tf.Scalar): ElboTerms {
  return { nll, kl, loss: tf.add(nll, kl) };
}
