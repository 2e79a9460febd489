// Tangent (dual-number) half of the chain forward DP. Along a direction (ȧ, ḃ) on (word, pair),
// the log cell values ℓ carry tangents through each logaddexp with the recorded shares
// (p = skip after take, q = take after take; workspace.ts):
//   ℓ̇skip[i][j] = ℓ̇skip[i−1][j] + p (ℓ̇take[i−1][j] − ℓ̇skip[i−1][j])
//   ℓ̇take[i][j] = ȧ_{i−1} + ℓ̇skip[i−1][j−1] + q (ℓ̇take[i−1][j−1] + ḃ_{i−2} − ℓ̇skip[i−1][j−1])
// and the shares' tangents are ṗ = p (1 − p) (the bracket above), likewise q̇, with 1 − p taken
// from the stored complementary share (exact for tiny shares). An empty state has tangent 0;
// every use of it is weighted by a share that is exactly 0 or 1, as is every branch the
// split-exponent pass rounded away, so these contribute nothing, as a log 0 term must.
import { bandHigh, bandLow } from '../k-subset/workspace.js';
import type { ChainWorkspace } from './workspace.js';

/**
 * Fills ws.shareDots and ws.lastTakenDot for the direction (dirWord at b·m, dirPair at
 * b·(m−1)), from the shares of the value pass. Needs 1 ≤ k < m.
 */
export function forwardChainTangents(
  ws: ChainWorkspace,
  dirWord: Float64Array,
  dirPair: Float64Array,
  b: number,
): void {
  const { m, k, shares, shareDots, skipTangent: skip, takeTangent: take } = ws;
  const width = k + 1;
  const offWord = b * m;
  const offPair = b * (m - 1);
  skip[0] = 0;
  take[0] = 0;
  for (let i = 1; i <= m; i++) {
    const ga = dirWord[offWord + i - 1];
    const gb = i >= 2 ? dirPair[offPair + i - 2] : 0;
    const lo = bandLow(i, m, k);
    const base = i * width;
    let j = bandHigh(i, k);
    if (j === i) {
      const at = 4 * (base + j);
      const q = shares[at + 3];
      const diff = take[j - 1] + gb - skip[j - 1];
      shareDots[2 * (base + j)] = 0;
      shareDots[2 * (base + j) + 1] = q * shares[at + 2] * diff;
      take[j] = ga + skip[j - 1] + q * diff;
      skip[j] = 0;
      j--;
    }
    // Right to left, so row i−1 is read before it is overwritten.
    const stop = Math.max(lo, 1);
    for (; j >= stop; j--) {
      const at = 4 * (base + j);
      const p = shares[at + 1];
      const q = shares[at + 3];
      const skipDiff = take[j] - skip[j];
      const takeDiff = take[j - 1] + gb - skip[j - 1];
      shareDots[2 * (base + j)] = p * shares[at] * skipDiff;
      shareDots[2 * (base + j) + 1] = q * shares[at + 2] * takeDiff;
      skip[j] += p * skipDiff;
      take[j] = ga + skip[j - 1] + q * takeDiff;
    }
    if (lo === 0) {
      // skip[i][0] keeps its tangent (it is skip[i−1][0]); the take state is empty.
      shareDots[2 * base] = 0;
      shareDots[2 * base + 1] = 0;
      take[0] = 0;
    }
  }
  ws.lastTakenDot = ws.last[0] * ws.last[1] * (take[k] - skip[k]);
}
