// Brute-force enumerator of the n! permutation matrices: the exact oracle for small n.
import { assertFiniteArray, assertIntInRange } from '../validate.js';
import { type Enumeration, enumerateStatistics } from './enumeration.js';

/** Largest n enumerated (7! = 5040 matrices of 49 entries). */
export const MAX_ENUMERATED_PERMUTATION_SIZE = 7;

/** Yields every n×n permutation matrix (row-major), in lexicographic order of σ. */
export function* permutationMatrices(n: number): Generator<Float64Array> {
  const sigma = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    const x = new Float64Array(n * n);
    for (let i = 0; i < n; i++) x[i * n + sigma[i]] = 1;
    yield x;
    // Next permutation in lexicographic order; stop after the last one.
    let i = n - 2;
    while (i >= 0 && sigma[i] > sigma[i + 1]) i--;
    if (i < 0) return;
    let j = n - 1;
    while (sigma[j] < sigma[i]) j--;
    [sigma[i], sigma[j]] = [sigma[j], sigma[i]];
    sigma.splice(i + 1, n - i - 1, ...sigma.slice(i + 1).reverse());
  }
}

/** Exact statistics of p(σ) ∝ exp(Σ_i scores[i][σ(i)]) over all n! permutations (n ≤ 7). */
export function enumeratePermutations(scores: Float64Array, n: number): Enumeration {
  assertFiniteArray('scores', scores);
  assertIntInRange('n', n, 1, MAX_ENUMERATED_PERMUTATION_SIZE);
  if (scores.length !== n * n) {
    throw new RangeError(
      `scores must have length n*n = ${n * n} (one n×n matrix), got ${scores.length}`,
    );
  }
  return enumerateStatistics(scores, permutationMatrices(n));
}
