// E.F.-entropy relaxation of correlated k-subsets: word marginals μ_i = P(x_i = 1), pair marginals
// ν_i = P(x_i = x_{i+1} = 1) and log Z of p(x) ∝ exp(Σ_i a_i x_i + Σ_i b_i x_i x_{i+1}), Σx = k,
// a = word/t, b = pair/t — by the O(m·k) chain DP (forward.ts) and its adjoint sweep (backward.ts).
import type { RelaxOptions } from '../validate.js';
import { resolveTemperature } from '../validate.js';
import { allTakenLogZ, checkCorrelatedArgs } from './args.js';
import { backwardChainMarginals } from './backward.js';
import { prepareFactors } from './factors.js';
import { forwardChainShares } from './forward.js';
import type { ChainWorkspace } from './workspace.js';
import { createChainWorkspace } from './workspace.js';

/** Runs the value pass for batch item b; returns its log Z. Needs 1 ≤ k < m. */
export function forwardChainItem(
  ws: ChainWorkspace,
  word: Float64Array,
  pair: Float64Array,
  b: number,
  t: number,
): number {
  const shift = prepareFactors(ws, word, pair, b, t);
  return forwardChainShares(ws) + ws.k * shift;
}

/**
 * Fills the outputs for the two single-structure cases, k = 0 (nothing taken: every marginal 0,
 * log Z = 0) and k = m (everything taken: every marginal 1, log Z = Σa + Σb); returns false for
 * 1 ≤ k < m, which needs the DP.
 */
export function fillTrivial(
  word: Float64Array,
  pair: Float64Array,
  m: number,
  k: number,
  t: number,
  outWord: Float64Array,
  outPair: Float64Array,
  logZ: Float64Array,
): boolean {
  if (k === 0) return true;
  if (k !== m) return false;
  outWord.fill(1);
  outPair.fill(1);
  for (let b = 0; b < logZ.length; b++) logZ[b] = allTakenLogZ(word, pair, b, m, t);
  return true;
}

/**
 * Word marginals (batch × m), pair marginals (batch × (m−1)) and log Z (one per batch item) of the
 * correlated k-subset distribution. O(m·k) time per item.
 */
export function correlatedKSubsetMarginals(
  word: Float64Array,
  pair: Float64Array,
  m: number,
  k: number,
  options?: RelaxOptions,
): { word: Float64Array; pair: Float64Array; logZ: Float64Array } {
  const batch = checkCorrelatedArgs(word, pair, m, k);
  const t = resolveTemperature(options);
  const outWord = new Float64Array(word.length);
  const outPair = new Float64Array(pair.length);
  const logZ = new Float64Array(batch);
  const result = { word: outWord, pair: outPair, logZ };
  if (fillTrivial(word, pair, m, k, t, outWord, outPair, logZ)) return result;
  const ws = createChainWorkspace(m, k, false);
  for (let b = 0; b < batch; b++) {
    logZ[b] = forwardChainItem(ws, word, pair, b, t);
    backwardChainMarginals(ws, outWord, outPair, b);
  }
  return result;
}
