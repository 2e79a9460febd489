// Gumbel-Sinkhorn relaxation: X_t = Sinkhorn(scores / t), computed in log space.
import { permutationBatch, resolveSinkhornOptions, type SinkhornOptions } from './options.js';
import { SinkhornWorkspace } from './sinkhorn-workspace.js';

export interface SinkhornResult {
  /** Per item, the n×n doubly stochastic matrix X_t (row-major), laid end to end. */
  marginals: Float64Array;
  /** Per item, the number of (row, column) normalisation sweeps performed. */
  iterations: Int32Array;
  /** Per item, 1 if every row and column sum of the returned X_t is within the tolerance of 1. */
  converged: Uint8Array;
}

/**
 * Sinkhorn normalisation of exp(scores / t) for a batch of n×n matrices: the entropy-regularised
 * assignment argmax_{X doubly stochastic} ⟨scores / t, X⟩ + H(X). As t → 0 it tends to the
 * Hungarian solution. Iteration stops at the tolerance or the cap; `converged` says which.
 */
export function sinkhorn(
  scores: Float64Array,
  n: number,
  options?: SinkhornOptions,
): SinkhornResult {
  const batch = permutationBatch(scores, n);
  const { temperature, tolerance, maxIterations } = resolveSinkhornOptions(options);
  const size = n * n;
  const marginals = new Float64Array(scores.length);
  const iterations = new Int32Array(batch);
  const converged = new Uint8Array(batch);
  const work = new SinkhornWorkspace(n);
  for (let b = 0; b < batch; b++) {
    work.load(scores, b * size, temperature);
    iterations[b] = work.iterate(tolerance, maxIterations);
    converged[b] = work.writeMarginals(marginals, b * size) <= tolerance ? 1 : 0;
  }
  return { marginals, iterations, converged };
}
