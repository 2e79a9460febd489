// E.F.-entropy relaxation of k-subsets: marginals μ and log Z of p(x) ∝ exp(⟨scores/t, x⟩) over
// the C(m, k) subsets, by the O(m·k) count DP (forward.ts) and its adjoint sweep (backward.ts).
import type { RelaxOptions } from '../validate.js';
import { resolveTemperature } from '../validate.js';
import { allTakenLogZ, checkKSubsetArgs } from './args.js';
import { backwardMarginals } from './backward.js';
import { forwardTakeShares } from './forward.js';
import { splitWeights } from './scaled.js';
import type { KSubsetWorkspace } from './workspace.js';
import { createWorkspace } from './workspace.js';

/** Runs the value pass for one item at scores[off ..]; returns its log Z. Needs 1 ≤ k < m. */
export function forwardItem(
  ws: KSubsetWorkspace,
  scores: Float64Array,
  off: number,
  t: number,
): number {
  const shift = splitWeights(ws, scores, off, t);
  return forwardTakeShares(ws) + ws.k * shift;
}

/** Marginals (one per score) and log Z (one per batch item) of the k-subset distribution. */
export function kSubsetMarginals(
  scores: Float64Array,
  m: number,
  k: number,
  options?: RelaxOptions,
): { marginals: Float64Array; logZ: Float64Array } {
  const batch = checkKSubsetArgs(scores, m, k);
  const t = resolveTemperature(options);
  const marginals = new Float64Array(scores.length);
  const logZ = new Float64Array(batch);
  if (k === 0) return { marginals, logZ };
  if (k === m) {
    marginals.fill(1);
    for (let b = 0; b < batch; b++) logZ[b] = allTakenLogZ(scores, b * m, m, t);
    return { marginals, logZ };
  }
  const ws = createWorkspace(m, k, false);
  for (let b = 0; b < batch; b++) {
    logZ[b] = forwardItem(ws, scores, b * m, t);
    backwardMarginals(ws, marginals, b * m);
  }
  return { marginals, logZ };
}
