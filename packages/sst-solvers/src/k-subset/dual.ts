// Tangent (dual-number) half of the forward DP. Carrying (value, tangent) pairs through
// log f[i][j] = logaddexp(log f[i−1][j], log f[i−1][j−1] + a_{i−1}) along a direction ȧ gives
//   ḟ[i][j] = (1 − q) ḟ[i−1][j] + q (ḟ[i−1][j−1] + ȧ_{i−1})      (softmax-weighted tangent)
//   q̇[i][j] = q (1 − q) (ḟ[i−1][j−1] + ȧ_{i−1} − ḟ[i−1][j])     (tangent of the take share)
// with q the take share recorded by the value pass. A branch rounded away in the value pass has
// q ∈ {0, 1} exactly, so it contributes tangent 0, as a log 0 entry must.
import type { KSubsetWorkspace } from './workspace.js';
import { bandHigh, bandLow } from './workspace.js';

/** Fills ws.takeDot from ws.take for the direction dir[off .. off+m). Needs 1 ≤ k < m. */
export function forwardTangents(ws: KSubsetWorkspace, dir: Float64Array, off: number): void {
  const { m, k, take, takeDot, rowDot } = ws;
  const width = k + 1;
  rowDot[0] = 0;
  for (let i = 1; i <= m; i++) {
    const gi = dir[off + i - 1];
    const lo = bandLow(i, m, k);
    const base = i * width;
    let j = bandHigh(i, k);
    if (j === i) {
      rowDot[j] = rowDot[j - 1] + gi;
      takeDot[base + j] = 0;
      j--;
    }
    const stop = Math.max(lo, 1);
    // Right to left; the old ḟ[i−1][j−1] read for cell j is the skip tangent of cell j−1.
    let skip = rowDot[j];
    for (; j >= stop; j--) {
      const q = take[base + j];
      const before = rowDot[j - 1];
      const diff = before + gi - skip;
      rowDot[j] = skip + q * diff;
      takeDot[base + j] = q * (1 - q) * diff;
      skip = before;
    }
    // Skip-only cell (i, 0): its tangent stays 0.
    if (lo === 0) takeDot[base] = 0;
  }
}
