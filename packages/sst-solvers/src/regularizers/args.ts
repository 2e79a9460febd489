// Argument checks and the scaled scores a = scores / t shared by the regularised relaxations.
import type { RelaxOptions } from '../validate.js';
import {
  assertFiniteArray,
  assertIntInRange,
  assertSameLength,
  batchCount,
  resolveTemperature,
} from '../validate.js';

/** The regulariser f of a k-subset relaxation argmax_{x ∈ [0,1]^m, Σx = k} ⟨a, x⟩ − f(x). */
export type KSubsetRegularizer = 'euclidean' | 'categorical-entropy' | 'binary-entropy';

/** Every accepted regulariser name, in documentation order. */
export const K_SUBSET_REGULARIZERS: readonly KSubsetRegularizer[] = [
  'euclidean',
  'categorical-entropy',
  'binary-entropy',
];

/** Validates scores and m; returns the batch size. */
export function checkScores(scores: unknown, m: unknown): number {
  assertFiniteArray('scores', scores);
  assertIntInRange('m', m, 1, Number.MAX_SAFE_INTEGER);
  return batchCount('scores', scores.length, m);
}

/** Throws unless `regularizer` names one of K_SUBSET_REGULARIZERS. */
export function assertKSubsetRegularizer(
  regularizer: unknown,
): asserts regularizer is KSubsetRegularizer {
  if (typeof regularizer !== 'string') {
    throw new TypeError(`regularizer must be a string, got ${typeof regularizer}`);
  }
  if (!(K_SUBSET_REGULARIZERS as readonly string[]).includes(regularizer)) {
    const accepted = K_SUBSET_REGULARIZERS.map((r) => `"${r}"`).join(', ');
    throw new RangeError(
      `regularizer must be one of ${accepted}, got ${JSON.stringify(regularizer)}`,
    );
  }
}

/** Validates a cotangent: a Float64Array of finite numbers as long as scores. */
export function checkCotangent(g: unknown, length: number): asserts g is Float64Array {
  assertFiniteArray('g', g);
  assertSameLength('g', g, length);
}

/**
 * a = scores / t for the whole batch (one allocation per call, none per item). Throws if a
 * quotient overflows float64, which finite scores can do only for a tiny temperature.
 */
export function scaledScores(
  scores: Float64Array,
  options: RelaxOptions | undefined,
): Float64Array {
  const t = resolveTemperature(options);
  const a = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i] / t;
    if (!Number.isFinite(v)) {
      throw new RangeError(`scores / temperature must stay finite, got scores[${i}] / ${t} = ${v}`);
    }
    a[i] = v;
  }
  return a;
}
