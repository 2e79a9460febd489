// Forward pass of the k-subset DP: f[i][j] = e_j(w_0..w_{i−1}) (elementary symmetric polynomials
// of the weights w = exp(a − shift)), f[i][j] = f[i−1][j] + w_{i−1} f[i−1][j−1]. This is the
// log-space recursion log f[i][j] = logaddexp(log f[i−1][j], log f[i−1][j−1] + a_{i−1}) carried
// without a single exp/log per cell: in plain float64 when the values provably fit, else in
// split-exponent form (see scaled.ts). Besides log e_k it records, per cell, the share of the
// "take" branch q = w_{i−1} f[i−1][j−1] / f[i][j] — the softmax weight of the take term in that
// logaddexp. The adjoint and tangent passes need nothing else.
import { BASE, HALF_LOG_BASE, INV_BASE, MANT_HIGH, MANT_LOW, scaledLog } from './scaled.js';
import type { KSubsetWorkspace } from './workspace.js';
import { bandHigh, bandLow } from './workspace.js';

// Plain float64 products suffice when every cell value provably stays within e^±650.
const LINEAR_LIMIT = 650;

/**
 * Fills ws.take for the weights in ws.weightMant/weightExp; returns log e_k(w). Needs 1 ≤ k < m.
 * Runs the plain linear-space DP when no cell can leave the normal float64 range (weights ≤ 1 keep
 * every cell ≤ C(m, j); the spread bounds it below by e^(−spread·k)), else the split-exponent DP.
 */
export function forwardTakeShares(ws: KSubsetWorkspace): number {
  return fitsLinear(ws) ? forwardLinear(ws) : forwardSplit(ws);
}

/** True if the plain linear-space DP can neither overflow nor underflow for ws's weights. */
export function fitsLinear(ws: KSubsetWorkspace): boolean {
  const spread = ws.weightSpread;
  return (
    spread < HALF_LOG_BASE && spread * ws.k <= LINEAR_LIMIT && ws.logCountBound <= LINEAR_LIMIT
  );
}

/** The DP in plain float64 (weights all have exponent 0 here). */
export function forwardLinear(ws: KSubsetWorkspace): number {
  const { m, k, take, weightMant, rowMant } = ws;
  const width = k + 1;
  rowMant[0] = 1;
  for (let i = 1; i <= m; i++) {
    const w = weightMant[i - 1];
    const lo = bandLow(i, m, k);
    const base = i * width;
    let j = bandHigh(i, k);
    if (j === i) {
      rowMant[j] = rowMant[j - 1] * w;
      take[base + j] = 1;
      j--;
    }
    const stop = Math.max(lo, 1);
    for (; j >= stop; j--) {
      const taken = rowMant[j - 1] * w;
      const value = rowMant[j] + taken;
      rowMant[j] = value;
      take[base + j] = taken / value;
    }
    if (lo === 0) take[base] = 0;
  }
  return Math.log(rowMant[k]);
}

/** The DP in split-exponent form: any finite weights. */
export function forwardSplit(ws: KSubsetWorkspace): number {
  const { m, k, take, weightMant, weightExp, rowMant, rowExp } = ws;
  const width = k + 1;
  rowMant[0] = 1;
  rowExp[0] = 0;
  for (let i = 1; i <= m; i++) {
    const wm = weightMant[i - 1];
    const we = weightExp[i - 1];
    const lo = bandLow(i, m, k);
    const base = i * width;
    let j = bandHigh(i, k);
    if (j === i) {
      // Take-only cell (i, i): the product of all weights so far.
      let mm = rowMant[j - 1] * wm;
      let ee = rowExp[j - 1] + we;
      if (mm >= MANT_HIGH) {
        mm *= INV_BASE;
        ee += 1;
      } else if (mm < MANT_LOW) {
        mm *= BASE;
        ee -= 1;
      }
      rowMant[j] = mm;
      rowExp[j] = ee;
      take[base + j] = 1;
      j--;
    }
    // Cells with both branches, right to left so row i−1 is read before it is overwritten.
    // Mantissas: row entries in [2^-256, 2^256), the take product in [2^-512, 2^512).
    const stop = Math.max(lo, 1);
    for (; j >= stop; j--) {
      const mx = rowMant[j];
      const ex = rowExp[j];
      const my = rowMant[j - 1] * wm;
      const ey = rowExp[j - 1] + we;
      let mm: number;
      let ee: number;
      let q: number;
      if (ex === ey) {
        mm = mx + my;
        ee = ex;
        q = my / mm;
      } else if (ex > ey) {
        // One step apart the smaller term is rescaled; two or more, it is below 2^-256 · the sum.
        const ys = ex - ey === 1 ? my * INV_BASE : 0;
        mm = mx + ys;
        ee = ex;
        q = ys / mm;
      } else {
        mm = my + (ey - ex === 1 ? mx * INV_BASE : 0);
        ee = ey;
        q = my / mm;
      }
      if (mm >= MANT_HIGH) {
        mm *= INV_BASE;
        ee += 1;
      } else if (mm < MANT_LOW) {
        mm *= BASE;
        ee -= 1;
      }
      rowMant[j] = mm;
      rowExp[j] = ee;
      take[base + j] = q;
    }
    // Skip-only cell (i, 0): e_0 = 1 is unchanged.
    if (lo === 0) take[base] = 0;
  }
  return scaledLog(rowMant[k], rowExp[k]);
}
