// Reverse sweep of the k-subset DP. The adjoint of log Z with respect to cell (i, j),
// ā[i][j] = P(the random k-subset has j of the first i items), flows back through the take shares:
//   ā[i−1][j] = ā[i][j] (1 − q[i][j]) + ā[i][j+1] q[i][j+1],   μ_{i−1} = Σ_j ā[i][j] q[i][j].
// Every quantity is a probability, so this pass is plain arithmetic and cannot overflow.
// With tangents it is the same sweep on dual numbers (ā, ȧ), driven by (q, q̇), and yields
// μ̇ = d/dε μ(a + εȧ) = Cov(x) ȧ — the exact JVP, which equals the VJP because Cov is symmetric.
//
// The inner loops have no boundary branches: the adjoint slot just below row i's band and the slot
// k+1 are held at 0, so the missing skip / take terms at the band's edges contribute exactly 0
// (take shares outside the band are stale but always finite).
import type { KSubsetWorkspace } from './workspace.js';
import { bandHigh, bandLow } from './workspace.js';

/** Writes the marginals μ into out[off .. off+m) from ws.take. Needs 1 ≤ k < m. */
export function backwardMarginals(ws: KSubsetWorkspace, out: Float64Array, off: number): void {
  const { m, k, take, rowAdj } = ws;
  const width = k + 1;
  rowAdj.fill(0);
  rowAdj[k] = 1;
  for (let i = m; i >= 1; i--) {
    const base = i * width;
    const lowPrev = bandLow(i - 1, m, k);
    if (bandLow(i, m, k) > lowPrev) rowAdj[lowPrev] = 0;
    const highPrev = bandHigh(i - 1, k);
    // Row i−1 from row i, left to right: slot j+1 still holds row i when slot j is written.
    let mu = 0;
    let adj = rowAdj[lowPrev];
    let q = take[base + lowPrev];
    for (let j = lowPrev; j <= highPrev; j++) {
      const adjNext = rowAdj[j + 1];
      const qNext = take[base + j + 1];
      const taken = adjNext * qNext;
      rowAdj[j] = adj * (1 - q) + taken;
      mu += taken;
      adj = adjNext;
      q = qNext;
    }
    // Rounding can leave μ a few ulps above 1.
    out[off + i - 1] = Math.min(mu, 1);
  }
}

/**
 * Writes μ into mu[off ..] and Cov(x)·ȧ (the direction used by forwardTangents) into
 * jvp[off ..], from ws.take and ws.takeDot. Needs 1 ≤ k < m.
 */
export function backwardMarginalsAndJvp(
  ws: KSubsetWorkspace,
  mu: Float64Array,
  jvp: Float64Array,
  off: number,
): void {
  const { m, k, take, takeDot, rowAdj, rowAdjDot } = ws;
  const width = k + 1;
  rowAdj.fill(0);
  rowAdjDot.fill(0);
  rowAdj[k] = 1;
  for (let i = m; i >= 1; i--) {
    const base = i * width;
    const lowPrev = bandLow(i - 1, m, k);
    if (bandLow(i, m, k) > lowPrev) {
      rowAdj[lowPrev] = 0;
      rowAdjDot[lowPrev] = 0;
    }
    const highPrev = bandHigh(i - 1, k);
    let muI = 0;
    let muDot = 0;
    let adj = rowAdj[lowPrev];
    let adjDot = rowAdjDot[lowPrev];
    let q = take[base + lowPrev];
    let qDot = takeDot[base + lowPrev];
    for (let j = lowPrev; j <= highPrev; j++) {
      const adjNext = rowAdj[j + 1];
      const adjDotNext = rowAdjDot[j + 1];
      const qNext = take[base + j + 1];
      const qDotNext = takeDot[base + j + 1];
      const taken = adjNext * qNext;
      const takenDot = adjDotNext * qNext + adjNext * qDotNext;
      rowAdj[j] = adj * (1 - q) + taken;
      rowAdjDot[j] = adjDot * (1 - q) - adj * qDot + takenDot;
      muI += taken;
      muDot += takenDot;
      adj = adjNext;
      adjDot = adjDotNext;
      q = qNext;
      qDot = qDotNext;
    }
    mu[off + i - 1] = Math.min(muI, 1);
    jvp[off + i - 1] = muDot;
  }
}
