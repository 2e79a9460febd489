// Work buffers for the k-subset DP, allocated once per call and reused for every batch item.
//
// The DP runs over cells (i, j): "after the first i items, j have been taken". Only the band of
// cells that both a prefix can reach (j ≤ i) and that can still complete to k (j ≥ k − (m − i))
// matters; every loop walks just that band, so no cell ever holds log 0 and the boundary cells
// (j = 0: skip only, j = i: take only) have branch weights of exactly 0 or 1.

export interface KSubsetWorkspace {
  m: number;
  k: number;
  /** q[i·(k+1) + j]: probability that item i−1 was taken, given the path passes through (i, j). */
  take: Float64Array;
  /** Tangent of `take` along the JVP direction (only filled by the VJP). */
  takeDot: Float64Array;
  /** Split-exponent weights exp(a_i − shift) of the current item. */
  weightMant: Float64Array;
  weightExp: Float64Array;
  /** max a − min a of the current item (set with the weights). */
  weightSpread: number;
  /** log max_{j ≤ k} C(m, j): no DP cell exceeds e^logCountBound (weights are ≤ 1). */
  logCountBound: number;
  /** Rolling rows (length k+1, adjoints k+2): forward values and tangents, adjoints and tangents. */
  rowMant: Float64Array;
  rowExp: Float64Array;
  rowDot: Float64Array;
  rowAdj: Float64Array;
  rowAdjDot: Float64Array;
}

export function createWorkspace(m: number, k: number, withTangents: boolean): KSubsetWorkspace {
  // One spare cell past the table and one spare slot past each row: the backward sweep reads
  // (i, k+1), which must exist (its adjoint is held at 0).
  const cells = (m + 1) * (k + 1) + 1;
  return {
    m,
    k,
    take: new Float64Array(cells),
    takeDot: new Float64Array(withTangents ? cells : 0),
    weightMant: new Float64Array(m),
    weightExp: new Float64Array(m),
    weightSpread: 0,
    logCountBound: logMaxBinomial(m, k),
    rowMant: new Float64Array(k + 1),
    rowExp: new Float64Array(k + 1),
    rowDot: new Float64Array(withTangents ? k + 1 : 0),
    rowAdj: new Float64Array(k + 2),
    rowAdjDot: new Float64Array(withTangents ? k + 2 : 0),
  };
}

/** log C(m, min(k, ⌊m/2⌋)), the largest binomial coefficient C(m, j) with j ≤ k. */
function logMaxBinomial(m: number, k: number): number {
  const top = Math.min(k, Math.floor(m / 2));
  let s = 0;
  for (let r = 1; r <= top; r++) s += Math.log((m - top + r) / r);
  return s;
}

/** Lowest count j of row i in the band. */
export function bandLow(i: number, m: number, k: number): number {
  return Math.max(k - m + i, 0);
}

/** Highest count j of row i in the band. */
export function bandHigh(i: number, k: number): number {
  return Math.min(i, k);
}
