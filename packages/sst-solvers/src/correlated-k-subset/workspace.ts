// Work buffers for the correlated k-subset (chain) DP, allocated once per call and reused for every
// batch item.
//
// The model: p(x) ∝ exp(Σ_i a_i x_i + Σ_i b_i x_i x_{i+1}) over binary x of length m with Σx = k,
// where a = word/t and b = pair/t. The DP runs over states (i, j, s): "after the first i words, j
// are taken, and word i−1 is taken (s = 1) or not (s = 0)". Two values per cell:
//   skip[i][j] = skip[i−1][j] + take[i−1][j]                     (word i−1 not taken)
//   take[i][j] = w_{i−1} skip[i−1][j−1] + w_{i−1} u_{i−2} take[i−1][j−1]   (word i−1 taken)
// with w = exp(a), u = exp(b). As in the k-subset DP (../k-subset/workspace.ts) only the band of
// counts j with max(k − (m − i), 0) ≤ j ≤ min(i, k) is visited, and per cell only the shares of
// each value coming from a skipped and from a taken predecessor are recorded; the adjoint and
// tangent sweeps need nothing else. Two states are structurally empty: skip[i][i] (i ≥ 1: all i
// words are taken) and take[i][0]; they hold exact zeros, which make the neighbouring shares
// exactly 0 or 1 (and the adjoints of the empty states exactly 0).
import type { KSubsetWorkspace } from '../k-subset/workspace.js';
import { createWorkspace } from '../k-subset/workspace.js';

export interface ChainWorkspace {
  m: number;
  k: number;
  /**
   * Log take factors of the current item: logFactor[p] = a_p (word p taken after a skip) for
   * p < m, logFactor[m + p − 1] = a_p + b_{p−1} (word p taken right after word p−1), 1 ≤ p < m.
   */
  logFactor: Float64Array;
  /** Splits logFactor into exp(· − shift) in mantissa/exponent form (k-subset's splitWeights). */
  factors: KSubsetWorkspace;
  /**
   * Upper bound on log(number of paths into any cell), i.e. on log C(m, j) for j ≤ k:
   * C(m, j) ≤ (e·m/j)^j, which grows with j, and C(m, j) ≤ 2^m.
   */
  logPathBound: number;
  /**
   * Shares of each state's value by its predecessor state, i.e. probabilities of word i−2 given
   * the state, four per cell at shares[4·(i·(k+1) + j) + offset]:
   *   +0 skip after skip: P(word i−2 skipped | j of the first i words taken, word i−1 skipped)
   *   +1 skip after take: P(word i−2 taken   | the same)             (the two sum to 1)
   *   +2 take after skip, +3 take after take: likewise given word i−1 taken.
   * Both halves of each split are stored, each computed from its own term, because 1 − p would
   * round a complementary probability below ~1e-16 to 0; nearly deterministic distributions need
   * those tiny probabilities, relatively accurate, for their covariance (the VJP). One interleaved
   * table keeps the sweeps to one stream of memory. The hot loops spell the offsets as literals:
   * an imported constant costs a module-binding load and hole check per access in V8, which
   * tripled the backward sweep's time.
   */
  shares: Float64Array;
  /**
   * Tangents of the "after take" shares, two per cell at shareDots[2·(i·(k+1) + j) + offset]:
   * +0 skip after take, +1 take after take; the "after skip" tangents are their negatives.
   */
  shareDots: Float64Array;
  /** [P(word m−1 skipped), P(word m−1 taken)]: the split of the final state (m, k). */
  last: Float64Array;
  /** Tangent of P(word m−1 taken). */
  lastTakenDot: number;
  /** Rolling forward rows (length k+1): values (mantissa, exponent) and log-value tangents. */
  skipMant: Float64Array;
  skipExp: Float64Array;
  takeMant: Float64Array;
  takeExp: Float64Array;
  skipTangent: Float64Array;
  takeTangent: Float64Array;
  /** Rolling adjoint rows (length k+2, slot k+1 held at 0) and their tangents. */
  skipAdj: Float64Array;
  takeAdj: Float64Array;
  skipAdjDot: Float64Array;
  takeAdjDot: Float64Array;
}

export function createChainWorkspace(m: number, k: number, withTangents: boolean): ChainWorkspace {
  // One spare cell past the table: the backward sweep reads (m, k+1), whose adjoint is 0.
  const cells = (m + 1) * (k + 1) + 1;
  const tangentCells = withTangents ? cells : 0;
  const factorCount = 2 * m - 1;
  return {
    m,
    k,
    logFactor: new Float64Array(factorCount),
    // k = 0: only the weight buffers and the spread of this k-subset workspace are used.
    factors: createWorkspace(factorCount, 0, false),
    logPathBound: k === 0 ? 0 : Math.min(k * (1 + Math.log(m / k)), m * Math.LN2),
    shares: new Float64Array(4 * cells),
    shareDots: new Float64Array(2 * tangentCells),
    last: new Float64Array(2),
    lastTakenDot: 0,
    skipMant: new Float64Array(k + 1),
    skipExp: new Float64Array(k + 1),
    takeMant: new Float64Array(k + 1),
    takeExp: new Float64Array(k + 1),
    skipTangent: new Float64Array(withTangents ? k + 1 : 0),
    takeTangent: new Float64Array(withTangents ? k + 1 : 0),
    skipAdj: new Float64Array(k + 2),
    takeAdj: new Float64Array(k + 2),
    skipAdjDot: new Float64Array(withTangents ? k + 2 : 0),
    takeAdjDot: new Float64Array(withTangents ? k + 2 : 0),
  };
}
