// Take factors of the chain DP. Every path takes exactly k words and each take multiplies in one
// factor: exp(a_p) after a skip, or exp(a_p + b_{p−1}) right after word p−1 was taken. So the
// factors can all be divided by exp(shift), shift = the largest log factor, at the cost of a
// uniform exp(k·shift) on every path — log Z gets k·shift back, and no factor exceeds 1. The
// shifted factors are split into mantissa/exponent form by the k-subset's splitWeights, which also
// records their spread (max − min log factor) for the plain-float64 test below.
import { HALF_LOG_BASE, splitWeights } from '../k-subset/scaled.js';
import { scaledScore } from './args.js';
import type { ChainWorkspace } from './workspace.js';

// As in the k-subset DP: plain float64 suffices when every cell provably stays within e^±650.
const LINEAR_LIMIT = 650;

/**
 * Fills ws.logFactor and the split factors for batch item b (word at b·m, pair at b·(m−1));
 * returns the shift. Throws if word/t, pair/t or their sums overflow float64.
 */
export function prepareFactors(
  ws: ChainWorkspace,
  word: Float64Array,
  pair: Float64Array,
  b: number,
  t: number,
): number {
  const { m, k, logFactor } = ws;
  const offWord = b * m;
  const offPair = b * (m - 1);
  for (let p = 0; p < m; p++) logFactor[p] = scaledScore('word', word, offWord + p, t);
  for (let p = 1; p < m; p++) {
    const v = scaledScore('pair', pair, offPair + p - 1, t);
    // With k = 1 no two words are ever both taken, so the pair factors are never used: copying the
    // word factor keeps them out of the shift and the spread (their shares are exactly 0 anyway).
    const f = k === 1 ? logFactor[p] : logFactor[p] + v;
    if (!Number.isFinite(f)) {
      throw new RangeError(
        `word / temperature + pair / temperature must stay finite, got ${f} at word ${offWord + p}`,
      );
    }
    logFactor[m + p - 1] = f;
  }
  // t = 1: logFactor is already scaled, and x / 1 is exact.
  return splitWeights(ws.factors, logFactor, 0, 1);
}

/**
 * True if the plain linear-space DP can neither overflow nor underflow: shifted factors are ≤ 1,
 * so a cell is at most its number of paths (≤ e^logPathBound); each of its paths takes at most k
 * factors ≥ e^−spread, so a non-empty cell is at least e^(−spread·k). Spreads below HALF_LOG_BASE
 * also give every factor exponent 0, so the mantissas are the factors themselves.
 */
export function chainFitsLinear(ws: ChainWorkspace): boolean {
  const spread = ws.factors.weightSpread;
  return spread < HALF_LOG_BASE && spread * ws.k <= LINEAR_LIMIT && ws.logPathBound <= LINEAR_LIMIT;
}
