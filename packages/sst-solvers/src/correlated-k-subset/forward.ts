// Forward pass of the chain DP (see workspace.ts for the recursion). In log space each cell is a
// logaddexp of two terms; as in the k-subset DP (../k-subset/forward.ts) it is carried without an
// exp/log per cell — in plain float64 when the values provably fit (factors.ts), else in
// split-exponent form — and per cell only the shares of its two terms are recorded (their softmax
// weights in the logaddexp), each as its own quotient so that tiny shares stay relatively exact.
import { scaledLog } from '../k-subset/scaled.js';
import { bandHigh, bandLow } from '../k-subset/workspace.js';
import { chainFitsLinear } from './factors.js';
import { addScaled } from './scaled-sum.js';
import type { ChainWorkspace } from './workspace.js';

/**
 * Fills ws.shares and ws.last for the factors prepared by prepareFactors; returns
 * log Z − k·shift. Needs 1 ≤ k < m.
 */
export function forwardChainShares(ws: ChainWorkspace): number {
  return chainFitsLinear(ws) ? forwardChainLinear(ws) : forwardChainSplit(ws);
}

/** The DP in plain float64 (every factor has exponent 0 here). */
export function forwardChainLinear(ws: ChainWorkspace): number {
  const { m, k, shares, skipMant: skip, takeMant: take } = ws;
  const factor = ws.factors.weightMant;
  const width = k + 1;
  skip[0] = 1;
  take[0] = 0;
  for (let i = 1; i <= m; i++) {
    // Factors for taking word i−1 after a skip / right after word i−2 (none before word 0).
    const fSkip = factor[i - 1];
    const fTake = i >= 2 ? factor[m + i - 2] : 0;
    const lo = bandLow(i, m, k);
    const base = i * width;
    let j = bandHigh(i, k);
    if (j === i) {
      // All i words taken: the skip state is empty; skip[i−1][i−1] = 0 (or, at i = 1, take[0][0]
      // = 0) makes the take shares exactly 0 and (up to an ulp) 1.
      const fromSkip = skip[j - 1] * fSkip;
      const fromTake = take[j - 1] * fTake;
      const value = fromSkip + fromTake;
      const inv = 1 / value;
      const at = 4 * (base + j);
      shares[at] = 0;
      shares[at + 1] = 0;
      shares[at + 2] = fromSkip * inv;
      shares[at + 3] = fromTake * inv;
      skip[j] = 0;
      take[j] = value;
      j--;
    }
    // Right to left, so row i−1 is read before it is overwritten. One reciprocal per state: the
    // division is the slowest operation in the cell.
    const stop = Math.max(lo, 1);
    for (; j >= stop; j--) {
      const prevSkip = skip[j];
      const prevTake = take[j];
      const skipped = prevSkip + prevTake;
      const invSkipped = 1 / skipped;
      const fromSkip = skip[j - 1] * fSkip;
      const fromTake = take[j - 1] * fTake;
      const taken = fromSkip + fromTake;
      const invTaken = 1 / taken;
      // Shares at +0 skip after skip, +1 skip after take, +2 take after skip, +3 take after take.
      const at = 4 * (base + j);
      shares[at] = prevSkip * invSkipped;
      shares[at + 1] = prevTake * invSkipped;
      shares[at + 2] = fromSkip * invTaken;
      shares[at + 3] = fromTake * invTaken;
      skip[j] = skipped;
      take[j] = taken;
    }
    if (lo === 0) {
      // No word taken yet: skip[i][0] = skip[i−1][0] = 1 and the take state is empty.
      emptyTakeState(shares, 4 * base);
      take[0] = 0;
    }
  }
  const z = skip[k] + take[k];
  ws.last[0] = skip[k] / z;
  ws.last[1] = take[k] / z;
  return Math.log(z);
}

/** Shares of cell (i, 0), whose skip state continues skip[i−1][0] and whose take state is empty. */
function emptyTakeState(shares: Float64Array, at: number): void {
  shares[at] = 1;
  shares[at + 1] = 0;
  shares[at + 2] = 0;
  shares[at + 3] = 0;
}

/** The DP in split-exponent form: any finite factors. */
export function forwardChainSplit(ws: ChainWorkspace): number {
  const { m, k, shares, skipMant, skipExp, takeMant, takeExp } = ws;
  const { weightMant: factorMant, weightExp: factorExp } = ws.factors;
  const width = k + 1;
  skipMant[0] = 1;
  skipExp[0] = 0;
  takeMant[0] = 0;
  takeExp[0] = -Infinity;
  for (let i = 1; i <= m; i++) {
    const fsm = factorMant[i - 1];
    const fse = factorExp[i - 1];
    const ftm = i >= 2 ? factorMant[m + i - 2] : 0;
    const fte = i >= 2 ? factorExp[m + i - 2] : -Infinity;
    const lo = bandLow(i, m, k);
    const base = i * width;
    let j = bandHigh(i, k);
    if (j === i) {
      // Skip state empty (see forwardChainLinear).
      const at = 4 * (base + j);
      shares[at] = 0;
      shares[at + 1] = 0;
      const sm = skipMant[j - 1] * fsm;
      const tm = takeMant[j - 1] * ftm;
      const se = skipExp[j - 1] + fse;
      const te = takeExp[j - 1] + fte;
      addScaled(sm, se, tm, te, takeMant, takeExp, j, shares, at + 2);
      skipMant[j] = 0;
      skipExp[j] = -Infinity;
      j--;
    }
    // Right to left, so row i−1 is read before it is overwritten; each addScaled reads its
    // arguments before it writes slot j.
    const stop = Math.max(lo, 1);
    for (; j >= stop; j--) {
      const at = 4 * (base + j);
      const sm = skipMant[j - 1] * fsm;
      const tm = takeMant[j - 1] * ftm;
      const se = skipExp[j - 1] + fse;
      const te = takeExp[j - 1] + fte;
      addScaled(skipMant[j], skipExp[j], takeMant[j], takeExp[j], skipMant, skipExp, j, shares, at);
      addScaled(sm, se, tm, te, takeMant, takeExp, j, shares, at + 2);
    }
    if (lo === 0) {
      emptyTakeState(shares, 4 * base);
      takeMant[0] = 0;
      takeExp[0] = -Infinity;
    }
  }
  // z = skip[m][k] + take[m][k] (written over slot 0, no longer needed); its shares are
  // P(word m−1 skipped / taken).
  const x = skipMant[k];
  addScaled(x, skipExp[k], takeMant[k], takeExp[k], skipMant, skipExp, 0, ws.last, 0);
  return scaledLog(skipMant[0], skipExp[0]);
}
