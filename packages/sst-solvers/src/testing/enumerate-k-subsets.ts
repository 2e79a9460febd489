// Brute-force oracle for k-subsets: all C(m, k) 0/1 masks, in lexicographic order of their sorted
// index tuples, so the first best subset found (the oracle's argmax on ties) prefers lower indices.
import { assertFiniteArray, assertIntInRange } from '../validate.js';
import type { Enumeration } from './enumeration.js';
import { enumerateStatistics } from './enumeration.js';

function* subsets(m: number, k: number): Generator<Float64Array> {
  const chosen = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    const x = new Float64Array(m);
    for (const i of chosen) x[i] = 1;
    yield x;
    // Advance to the next combination: bump the rightmost index that still has room.
    let p = k - 1;
    while (p >= 0 && chosen[p] === m - k + p) p--;
    if (p < 0) return;
    chosen[p]++;
    for (let q = p + 1; q < k; q++) chosen[q] = chosen[q - 1] + 1;
  }
}

/** Exact statistics of p(x) ∝ exp(⟨scores, x⟩) over all subsets of exactly k items. */
export function enumerateKSubsets(scores: Float64Array, k: number): Enumeration {
  assertFiniteArray('scores', scores);
  if (scores.length === 0) throw new RangeError('scores must hold at least 1 item, got 0');
  assertIntInRange('k', k, 0, scores.length);
  return enumerateStatistics(scores, subsets(scores.length, k));
}
