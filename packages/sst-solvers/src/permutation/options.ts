// Input checks and option defaults shared by the permutation solvers (Hungarian and Sinkhorn).
import {
  assertFiniteArray,
  batchCount,
  describeValue,
  optionOr,
  type RelaxOptions,
  resolveTemperature,
} from '../validate.js';

/** Options of the Sinkhorn relaxation (Gumbel-Sinkhorn). */
export interface SinkhornOptions extends RelaxOptions {
  /**
   * Stop once every row sum and every column sum of X is within `tolerance` of 1.
   * Must be finite and > 0. Default 1e-9.
   */
  tolerance?: number;
  /** Cap on the number of (row, column) normalisation sweeps; a positive integer. Default 1000. */
  maxIterations?: number;
}

export const DEFAULT_TOLERANCE = 1e-9;
export const DEFAULT_MAX_ITERATIONS = 1000;

/** The resolved, validated Sinkhorn options. */
export interface ResolvedSinkhornOptions {
  temperature: number;
  tolerance: number;
  maxIterations: number;
}

/** Applies the defaults and rejects a bad temperature, tolerance or iteration cap. */
export function resolveSinkhornOptions(
  options: SinkhornOptions | undefined,
): ResolvedSinkhornOptions {
  const temperature = resolveTemperature(options);
  const tolerance = optionOr(options?.tolerance, DEFAULT_TOLERANCE);
  if (typeof tolerance !== 'number') {
    throw new TypeError(`tolerance must be a number, got ${describeValue(tolerance)}`);
  }
  if (!Number.isFinite(tolerance) || tolerance <= 0) {
    throw new RangeError(`tolerance must be finite and > 0, got ${describeValue(tolerance)}`);
  }
  const maxIterations = optionOr(options?.maxIterations, DEFAULT_MAX_ITERATIONS);
  if (typeof maxIterations !== 'number' || !Number.isInteger(maxIterations)) {
    throw new TypeError(
      `maxIterations must be a positive integer, got ${describeValue(maxIterations)}`,
    );
  }
  if (maxIterations < 1) {
    throw new RangeError(`maxIterations must be a positive integer, got ${maxIterations}`);
  }
  return { temperature, tolerance, maxIterations };
}

/**
 * Checks a batch of n×n matrices (finite Float64Array, integer n ≥ 1, length a positive
 * multiple of n²) and returns the batch size.
 */
export function permutationBatch(scores: unknown, n: unknown, name = 'scores'): number {
  assertFiniteArray(name, scores);
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new TypeError(`n must be an integer, got ${describeValue(n)}`);
  }
  if (n < 1) throw new RangeError(`n must be >= 1, got ${n}`);
  return batchCount(name, scores.length, n * n);
}
