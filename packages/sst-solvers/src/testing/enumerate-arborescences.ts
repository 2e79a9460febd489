// Brute-force oracle for arborescences rooted at node 0: every head assignment, cycles rejected.
import type { RootMode } from '../arborescence/options.js';
import { assertFiniteArray, assertIntInRange } from '../validate.js';
import { type Enumeration, enumerateStatistics } from './enumeration.js';

/** Largest n enumerated ((n−1)^(n−1) head assignments: 15 625 at n = 6). */
const MAX_ENUMERATED_NODES = 6;

/** True when following heads from every node reaches node 0 (no cycle). */
function reachesRoot(head: Int32Array, n: number): boolean {
  for (let v = 1; v < n; v++) {
    let u = v;
    for (let steps = 0; u !== 0; steps++) {
      if (steps >= n) return false;
      u = head[u];
    }
  }
  return true;
}

/**
 * Every arborescence rooted at 0 on nodes 0..n−1 as an n×n 0/1 mask (row = head, column = child):
 * each node 1..n−1 has one head ≠ itself and there is no cycle; in 'single' mode node 0 also has
 * exactly one child.
 */
export function* arborescencesOf(n: number, rootMode: RootMode = 'multi'): Generator<Float64Array> {
  const head = new Int32Array(n);
  const odometer = new Int32Array(n); // odometer[v] ∈ 0..n−2 indexes the heads ≠ v
  for (;;) {
    let rootChildren = 0;
    for (let v = 1; v < n; v++) {
      head[v] = odometer[v] < v ? odometer[v] : odometer[v] + 1;
      if (head[v] === 0) rootChildren++;
    }
    if ((rootMode === 'multi' || rootChildren === 1) && reachesRoot(head, n)) {
      const mask = new Float64Array(n * n);
      for (let v = 1; v < n; v++) mask[head[v] * n + v] = 1;
      yield mask;
    }
    let v = n - 1;
    while (v >= 1 && odometer[v] === n - 2) odometer[v--] = 0;
    if (v < 1) return;
    odometer[v]++;
  }
}

/**
 * Exact log Z, marginals and argmax of p(T) ∝ exp(Σ_{(h→m)∈T} scores[h·n + m]) over all
 * arborescences rooted at node 0 (one item; scores is n×n row-major), in log space. n ≤ 6.
 */
export function enumerateArborescences(
  scores: Float64Array,
  n: number,
  rootMode: RootMode = 'multi',
): Enumeration {
  assertIntInRange('n', n, 2, MAX_ENUMERATED_NODES);
  assertFiniteArray('scores', scores);
  if (scores.length !== n * n) {
    throw new RangeError(`scores must have length n² = ${n * n}, got ${scores.length}`);
  }
  if (rootMode !== 'multi' && rootMode !== 'single') {
    throw new RangeError(`rootMode must be 'multi' or 'single', got ${String(rootMode)}`);
  }
  return enumerateStatistics(scores, arborescencesOf(n, rootMode));
}
