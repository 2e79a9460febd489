// Solves L β = q for a weighted-graph Laplacian L = diag(W·1) − W (W symmetric, ≥ 0), the system
// the Sinkhorn VJP reduces to.
//
// Why not a general LU: L is singular (L·1 = 0) and, near the permutation limit (t → 0), most of
// W underflows, so the graph splits into components and the null space grows; forming the
// diagonal as c_j − Σ X²/r also cancels catastrophically there. Instead we eliminate nodes in the
// subtraction-free GTH (Grassmann–Taksar–Heyman) form: the pivot of node p is recomputed as its
// total weight to the nodes not yet eliminated, and eliminating p only adds positive terms to the
// remaining weights (Kron reduction). A pivot that is (numerically) zero means p is the last node
// of its component: we fix β_p = 0 there, which picks one solution out of the null space (any
// choice gives the same gradient, which depends on β only through differences within a component).

/** Pivots below this are treated as a disconnected component (weights are O(1), pivots ≤ n). */
const DISCONNECTED = 1e-13;

/**
 * Overwrites `q` with a solution β of L β = q, where the strict upper triangle of `weights`
 * (n×n, row-major) holds W (only entries [j][k] with j < k are read, so the lower triangle and
 * the diagonal may hold anything). `weights` is destroyed. `q` must sum to ~0 over every component
 * (it does for the Sinkhorn VJP); otherwise the system has no solution and the returned β is the
 * one with those components' last unknowns fixed at 0.
 */
export function solveLaplacianInPlace(
  weights: Float64Array,
  q: Float64Array,
  n: number,
  pivots: Float64Array,
): void {
  const W = weights;
  // Forward: eliminate nodes 0, 1, … in turn; node p's weights to later nodes sit in row p.
  for (let p = 0; p < n; p++) {
    const rowP = p * n;
    let pivot = 0;
    for (let l = p + 1; l < n; l++) pivot += W[rowP + l];
    pivots[p] = pivot;
    if (pivot <= DISCONNECTED) continue;
    const qp = q[p] / pivot;
    for (let j = p + 1; j < n; j++) {
      const wpj = W[rowP + j];
      if (wpj === 0) continue;
      q[j] += wpj * qp;
      // Kron reduction: the path j–p–k adds w_pj·w_pk / pivot to w_jk (upper triangle only).
      const scale = wpj / pivot;
      const rowJ = j * n;
      for (let k = j + 1; k < n; k++) W[rowJ + k] += scale * W[rowP + k];
    }
  }
  // Backward: β_p = (q_p + Σ_{l>p} w_pl β_l) / pivot_p, a weighted mean of later β plus a shift.
  for (let p = n - 1; p >= 0; p--) {
    const pivot = pivots[p];
    if (pivot <= DISCONNECTED) {
      q[p] = 0;
      continue;
    }
    let s = q[p];
    for (let l = p + 1; l < n; l++) s += W[p * n + l] * q[l];
    q[p] = s / pivot;
  }
}
