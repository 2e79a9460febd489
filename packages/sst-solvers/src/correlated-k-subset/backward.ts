// Reverse sweep of the chain DP. The adjoint of log Z with respect to a state is the probability
// that the random structure passes through it; it flows back through the shares (workspace.ts):
//   Ā_skip[i−1][j] = Ā_skip[i][j] P_ss[i][j] + Ā_take[i][j+1] P_ts[i][j+1]
//   Ā_take[i−1][j] = Ā_skip[i][j] P_st[i][j] + Ā_take[i][j+1] P_tt[i][j+1]
// starting from ws.last = (P(word m−1 skipped), P(word m−1 taken)) at (m, k). Then
//   μ_{i−1} = P(x_{i−1} = 1)           = Σ_j Ā_take[i][j]
//   ν_{i−2} = P(x_{i−2} = x_{i−1} = 1) = Σ_j Ā_take[i][j] P_tt[i][j],
// where P_st = "skip after take" etc. are the shares (workspace.ts; layout +0 ss, +1 st, +2 ts,
// +3 tt per cell).
// Every quantity is a probability, so this pass is plain arithmetic and cannot overflow; it never
// forms 1 − p, so probabilities far below 1e-16 keep their relative precision. With tangents it is
// the same sweep on dual numbers (Ṗ_ss = −Ṗ_st, Ṗ_ts = −Ṗ_tt); it yields
// the JVP (μ̇, ν̇) = Cov(x, x_i x_{i+1}) · (ȧ, ḃ), which equals the VJP because the covariance is
// symmetric.
//
// As in ../k-subset/backward.ts the loops have no boundary branches: the adjoint slot just below
// row i's band and slot k+1 are held at 0, so missing terms at the band's edges contribute exactly
// 0 (shares outside the band are stale but always finite).
import { bandHigh, bandLow } from '../k-subset/workspace.js';
import type { ChainWorkspace } from './workspace.js';

/** Writes word marginals at word[b·m ..] and pair marginals at pair[b·(m−1) ..]. 1 ≤ k < m. */
export function backwardChainMarginals(
  ws: ChainWorkspace,
  word: Float64Array,
  pair: Float64Array,
  b: number,
): void {
  const { m, k, shares, skipAdj, takeAdj } = ws;
  const width = k + 1;
  const offWord = b * m;
  const offPair = b * (m - 1);
  skipAdj.fill(0);
  takeAdj.fill(0);
  skipAdj[k] = ws.last[0];
  takeAdj[k] = ws.last[1];
  for (let i = m; i >= 1; i--) {
    const base = i * width;
    const lowPrev = bandLow(i - 1, m, k);
    if (bandLow(i, m, k) > lowPrev) {
      skipAdj[lowPrev] = 0;
      takeAdj[lowPrev] = 0;
    }
    const highPrev = bandHigh(i - 1, k);
    // Row i−1 from row i, left to right: slot j+1 still holds row i when slot j is written.
    // The skip state is cell j's, the take state cell j+1's: shares[at .. at+7) holds both.
    let mu = 0;
    let nu = 0;
    let adjSkip = skipAdj[lowPrev];
    for (let j = lowPrev; j <= highPrev; j++) {
      const adjTake = takeAdj[j + 1];
      const at = 4 * (base + j);
      const takeAfterTaken = adjTake * shares[at + 7];
      skipAdj[j] = adjSkip * shares[at] + adjTake * shares[at + 6];
      takeAdj[j] = adjSkip * shares[at + 1] + takeAfterTaken;
      mu += adjTake;
      nu += takeAfterTaken;
      adjSkip = skipAdj[j + 1];
    }
    // Rounding can leave a marginal a few ulps above 1.
    word[offWord + i - 1] = Math.min(mu, 1);
    if (i >= 2) pair[offPair + i - 2] = Math.min(nu, 1);
  }
}

/**
 * Writes the marginals (as backwardChainMarginals) and the JVP along the direction used by
 * forwardChainTangents into jvpWord / jvpPair at the same offsets. Needs 1 ≤ k < m.
 */
export function backwardChainMarginalsAndJvp(
  ws: ChainWorkspace,
  word: Float64Array,
  pair: Float64Array,
  jvpWord: Float64Array,
  jvpPair: Float64Array,
  b: number,
): void {
  const { m, k, shares, shareDots, skipAdj, takeAdj, skipAdjDot, takeAdjDot } = ws;
  const width = k + 1;
  const offWord = b * m;
  const offPair = b * (m - 1);
  skipAdj.fill(0);
  takeAdj.fill(0);
  skipAdjDot.fill(0);
  takeAdjDot.fill(0);
  skipAdj[k] = ws.last[0];
  takeAdj[k] = ws.last[1];
  skipAdjDot[k] = -ws.lastTakenDot;
  takeAdjDot[k] = ws.lastTakenDot;
  for (let i = m; i >= 1; i--) {
    const base = i * width;
    const lowPrev = bandLow(i - 1, m, k);
    if (bandLow(i, m, k) > lowPrev) {
      skipAdj[lowPrev] = 0;
      takeAdj[lowPrev] = 0;
      skipAdjDot[lowPrev] = 0;
      takeAdjDot[lowPrev] = 0;
    }
    const highPrev = bandHigh(i - 1, k);
    let mu = 0;
    let nu = 0;
    let muDot = 0;
    let nuDot = 0;
    let adjSkip = skipAdj[lowPrev];
    let adjSkipDot = skipAdjDot[lowPrev];
    for (let j = lowPrev; j <= highPrev; j++) {
      const adjTake = takeAdj[j + 1];
      const adjTakeDot = takeAdjDot[j + 1];
      const at = 4 * (base + j);
      const pSkip = shares[at];
      const pTake = shares[at + 1];
      const qSkip = shares[at + 6];
      const qTake = shares[at + 7];
      const pDot = shareDots[2 * (base + j)];
      const qDot = shareDots[2 * (base + j + 1) + 1];
      // (adj · share)˙ = adj˙ · share + adj · share˙, with share˙ = ±pDot / ±qDot.
      const skipAfterTakenDot = adjSkipDot * pTake + adjSkip * pDot;
      const takeAfterTaken = adjTake * qTake;
      const takeAfterTakenDot = adjTakeDot * qTake + adjTake * qDot;
      skipAdj[j] = adjSkip * pSkip + adjTake * qSkip;
      skipAdjDot[j] = adjSkipDot * pSkip - adjSkip * pDot + adjTakeDot * qSkip - adjTake * qDot;
      takeAdj[j] = adjSkip * pTake + takeAfterTaken;
      takeAdjDot[j] = skipAfterTakenDot + takeAfterTakenDot;
      mu += adjTake;
      muDot += adjTakeDot;
      nu += takeAfterTaken;
      nuDot += takeAfterTakenDot;
      adjSkip = skipAdj[j + 1];
      adjSkipDot = skipAdjDot[j + 1];
    }
    word[offWord + i - 1] = Math.min(mu, 1);
    jvpWord[offWord + i - 1] = muDot;
    if (i >= 2) {
      pair[offPair + i - 2] = Math.min(nu, 1);
      jvpPair[offPair + i - 2] = nuDot;
    }
  }
}
