// Per-sample gradient estimates of ∇θ E[loss(X)] from one batch of utilities U = θ + G, for each
// estimator, as tfjs computes them. Because U = θ + G, the gradient in θ of one sample's loss is
// its gradient in U, so one tf.grad over the whole batch gives every sample's estimate at once.
import * as tf from '@tensorflow/tfjs-core';
import { scoreFunctionSurrogate } from '../estimators/index.js';
import {
  hardKSubset,
  hardOneHot,
  hardSpanningTree,
  relaxedKSubset,
  relaxedOneHot,
  relaxedSpanningTree,
  straightThrough,
} from '../relaxations/index.js';
import type { DiagnosticStructure } from './structures.js';

export type EstimatorName =
  | 'sst'
  | 'straight-through'
  | 'reinforce'
  | 'reinforce-moving-average'
  | 'reinforce-leave-one-out';

export const ESTIMATOR_NAMES: readonly EstimatorName[] = [
  'sst',
  'straight-through',
  'reinforce',
  'reinforce-moving-average',
  'reinforce-leave-one-out',
];

/** Estimators whose gradient does not depend on the temperature (they use hard samples only). */
export function usesTemperature(estimator: EstimatorName): boolean {
  return estimator === 'sst' || estimator === 'straight-through';
}

export function hardSample(structure: DiagnosticStructure, u: tf.Tensor): tf.Tensor {
  if (structure.kind === 'one-hot') return hardOneHot(u);
  if (structure.kind === 'k-subset') return hardKSubset(u, { k: structure.k });
  return hardSpanningTree(u, { n: structure.n });
}

export function relaxedSample(
  structure: DiagnosticStructure,
  u: tf.Tensor,
  temperature: number,
): tf.Tensor {
  if (structure.kind === 'one-hot') return relaxedOneHot(u, { temperature });
  if (structure.kind === 'k-subset') return relaxedKSubset(u, { k: structure.k, temperature });
  return relaxedSpanningTree(u, { n: structure.n, temperature });
}

/**
 * Gradient of Σ_b loss(X(U_b)) in U, [B, d]: X = the relaxed sample (SST) or the hard sample
 * with the relaxed sample's gradient (straight-through).
 */
export function pathwiseGradients(
  structure: DiagnosticStructure,
  utilities: tf.Tensor,
  temperature: number,
  lossTensor: (x: tf.Tensor) => tf.Tensor,
  straight: boolean,
): tf.Tensor {
  return tf.tidy(() =>
    tf.grad((u: tf.Tensor) => {
      const relaxed = relaxedSample(structure, u, temperature);
      const x = straight ? straightThrough(hardSample(structure, u), relaxed) : relaxed;
      return tf.sum(lossTensor(x));
    })(utilities),
  );
}

/**
 * REINFORCE estimates, one per item: utilities [S, N, d], losses [S, N], θ [d]. The surrogate
 * averages over S·N samples; its gradient wrt θ tiled to [N, d] is therefore (1/N) × each item's
 * mean over its S samples, so multiplying by N gives the per-item estimates [N, d].
 */
export function scoreFunctionGradients(
  theta: tf.Tensor,
  utilities: tf.Tensor,
  losses: tf.Tensor,
  baseline: 'none' | 'leave-one-out' | tf.Tensor,
): tf.Tensor {
  const items = utilities.shape[1] as number;
  return tf.tidy(() => {
    const tiled = tf.tile(tf.reshape(theta, [1, -1]), [items, 1]);
    const g = tf.grad((logits: tf.Tensor) =>
      scoreFunctionSurrogate({ logits, utilities, losses, baseline }),
    )(tiled);
    return tf.mul(g, items);
  });
}
