// Shared helpers for the arborescence tests: seeded scores, structure checks, and a brute-force
// oracle that stays exact to float64 when scores are huge (relative to the best tree's score).
import type { RootMode } from '../src/arborescence/index.js';
import { arborescencesOf } from '../src/testing/enumerate-arborescences.js';

export { randomScores, seededUniform as random } from '../src/testing/random.js';

/** Item b (n×n) of a batch. */
export function item(x: Float64Array, n: number, b: number): Float64Array {
  return x.slice(b * n * n, (b + 1) * n * n);
}

/** The L×L top-left block of an n×n matrix, and the reverse (zero-padded). */
export function crop(x: Float64Array, n: number, L: number): Float64Array {
  const out = new Float64Array(L * L);
  for (let h = 0; h < L; h++) for (let m = 0; m < L; m++) out[h * L + m] = x[h * n + m];
  return out;
}
export function pad(x: Float64Array, L: number, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let h = 0; h < L; h++) for (let m = 0; m < L; m++) out[h * n + m] = x[h * L + m];
  return out;
}

/** Σ_h x[h][m] for each child m = 1..L−1 (index m), and Σ_m x[0][m]. */
export function incomingSums(x: Float64Array, n: number, L = n, offset = 0): number[] {
  const sums = [0];
  for (let m = 1; m < L; m++) {
    let s = 0;
    for (let h = 0; h < L; h++) s += x[offset + h * n + m];
    sums.push(s);
  }
  return sums;
}
export function rootOutSum(x: Float64Array, n: number, L = n, offset = 0): number {
  let s = 0;
  for (let m = 1; m < L; m++) s += x[offset + m];
  return s;
}

/** ⟨scores, x⟩ over one item. */
export function dot(scores: Float64Array, x: Float64Array, offset = 0, size = x.length): number {
  let s = 0;
  for (let i = 0; i < size; i++) s += scores[offset + i] * x[offset + i];
  return s;
}

/**
 * Checks that the 0/1 mask (offset, n×n, L real nodes) is an arborescence rooted at 0: nothing on
 * the diagonal, in column 0 or on padding, one head per node 1..L−1, no cycle, and in 'single'
 * mode exactly one root child. Returns a reason, or '' when valid.
 */
export function arborescenceProblem(
  x: Float64Array,
  n: number,
  rootMode: RootMode,
  L = n,
  offset = 0,
): string {
  const head = new Int32Array(L).fill(-1);
  for (let h = 0; h < n; h++) {
    for (let m = 0; m < n; m++) {
      const v = x[offset + h * n + m];
      if (v !== 0 && v !== 1) return `entry (${h},${m}) is ${v}`;
      if (v === 0) continue;
      if (h === m || m === 0 || h >= L || m >= L) return `arc ${h}→${m} is not allowed`;
      if (head[m] >= 0) return `node ${m} has two heads`;
      head[m] = h;
    }
  }
  let rootChildren = 0;
  for (let m = 1; m < L; m++) {
    if (head[m] < 0) return `node ${m} has no head`;
    if (head[m] === 0) rootChildren++;
    let u = m;
    for (let steps = 0; u !== 0; steps++) {
      if (steps > L) return `node ${m} is on a cycle`;
      u = head[u];
    }
  }
  if (rootMode === 'single' && rootChildren !== 1) return `root has ${rootChildren} children`;
  return '';
}

/**
 * Brute-force log Z and marginals computed relative to the best tree's score S*: every tree's
 * exp(s_T − S*) and Σ of them are exact to float64 even when s_T ≈ 10⁷ (where a running
 * logaddexp would carry absolute errors of ulp(10⁷) ≈ 2e−9 into every marginal).
 */
export function preciseEnumeration(
  scores: Float64Array,
  n: number,
  rootMode: RootMode,
): { logZ: number; marginals: Float64Array; maxScore: number; count: number } {
  const trees = [...arborescencesOf(n, rootMode)];
  const treeScores = trees.map((t) => dot(scores, t));
  const best = Math.max(...treeScores);
  const marginals = new Float64Array(n * n);
  let z = 0;
  trees.forEach((t, k) => {
    const w = Math.exp(treeScores[k] - best);
    z += w;
    for (let i = 0; i < n * n; i++) marginals[i] += w * t[i];
  });
  for (let i = 0; i < n * n; i++) marginals[i] /= z;
  return { logZ: best + Math.log(z), marginals, maxScore: best, count: trees.length };
}

/** max_i |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
