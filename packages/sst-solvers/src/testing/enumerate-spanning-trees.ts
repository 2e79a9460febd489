// Brute-force oracle for spanning trees of K_n: every tree, from its Prüfer sequence.

import { edgeIndex } from '../spanning-tree/edges.js';
import { assertFiniteArray, assertIntInRange, edgeCount } from '../validate.js';
import { type Enumeration, enumerateStatistics } from './enumeration.js';

/** Largest n enumerated (n^(n−2) trees: 16 807 at n = 7). */
const MAX_ENUMERATED_NODES = 7;

/** Decodes one Prüfer sequence (length n−2) into the 0/1 edge mask of its tree. */
function decodePrufer(seq: Int32Array, n: number): Float64Array {
  const mask = new Float64Array(edgeCount(n));
  const degree = new Int32Array(n).fill(1);
  for (const v of seq) degree[v]++;
  for (const v of seq) {
    // Join v to the smallest remaining leaf.
    let leaf = 0;
    while (degree[leaf] !== 1) leaf++;
    mask[edgeIndex(leaf, v, n)] = 1;
    degree[leaf]--;
    degree[v]--;
  }
  // Two nodes of degree 1 remain: the last edge.
  let u = 0;
  while (degree[u] !== 1) u++;
  let w = u + 1;
  while (degree[w] !== 1) w++;
  mask[edgeIndex(u, w, n)] = 1;
  return mask;
}

/** Every spanning tree of K_n as a 0/1 mask in (i<j) row-major edge order (Cayley: n^(n−2)). */
export function* spanningTreesOf(n: number): Generator<Float64Array> {
  const seq = new Int32Array(n - 2);
  while (true) {
    yield decodePrufer(seq, n);
    // Next sequence in lexicographic order (an odometer in base n).
    let k = n - 3;
    while (k >= 0 && seq[k] === n - 1) seq[k--] = 0;
    if (k < 0) return;
    seq[k]++;
  }
}

/**
 * Exact log Z, marginals and argmax of p(T) ∝ exp(Σ_{e∈T} scores_e) over all n^(n−2) spanning
 * trees of K_n (one item; scores.length = n(n−1)/2), computed in log space. n ≤ 7.
 */
export function enumerateSpanningTrees(scores: Float64Array, n: number): Enumeration {
  assertIntInRange('n', n, 2, MAX_ENUMERATED_NODES);
  assertFiniteArray('scores', scores);
  if (scores.length !== edgeCount(n)) {
    throw new RangeError(
      `scores must have length n(n-1)/2 = ${edgeCount(n)}, got ${scores.length}`,
    );
  }
  return enumerateStatistics(scores, spanningTreesOf(n));
}
