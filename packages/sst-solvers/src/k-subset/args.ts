// Argument checks shared by the k-subset entry points.
import { assertFiniteArray, assertIntInRange, batchCount } from '../validate.js';

/** Validates scores, m and k; returns the batch size. */
export function checkKSubsetArgs(scores: unknown, m: unknown, k: unknown): number {
  assertFiniteArray('scores', scores);
  assertIntInRange('m', m, 1, Number.MAX_SAFE_INTEGER);
  assertIntInRange('k', k, 0, m);
  return batchCount('scores', scores.length, m);
}

/** log Z when every item is taken (k = m): Σ scores/t, which must not overflow. */
export function allTakenLogZ(scores: Float64Array, off: number, m: number, t: number): number {
  let s = 0;
  for (let i = off; i < off + m; i++) s += scores[i] / t;
  if (!Number.isFinite(s)) {
    throw new RangeError(
      `scores / temperature must stay finite, got a sum of ${s} at offset ${off}`,
    );
  }
  return s;
}
