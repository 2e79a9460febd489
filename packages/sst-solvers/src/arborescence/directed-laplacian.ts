// The reduced directed Laplacian of Tutte's matrix-tree theorem for arborescences rooted at 0
// (DESIGN.md §3.4, Koo et al. 2007). Rows and columns 0..N−1 stand for nodes 1..L−1.

/**
 * Writes into `out` (N×N, stride N, N = L − 1) the reduced Laplacian of the arc weights `w`
 * (L×L, stride L, row = head, column = child); linear in `w`, so it also maps weight tangents to
 * Laplacian tangents.
 *
 * Multi-root: L̂[m][m] = Σ_{h≠m} w[h][m] (root included), L̂[h][m] = −w[h][m]; det L̂ is the
 * weighted number of arborescences rooted at 0 (each column is one child's incoming arcs).
 * Single-root (Koo et al. §3.3): the Laplacian of the non-root nodes alone with its first row
 * replaced by the root weights w[0][m]. Expanding the determinant along that row gives
 * Σ_m w[0][m] · (cofactor) and, the columns of the root-less Laplacian summing to zero, that
 * cofactor is the weighted number of arborescences of nodes 1..L−1 rooted at m: the trees where
 * m is the root's only child. `diagonal` (length ≥ L) is scratch.
 */
export function buildReducedLaplacian(
  w: Float64Array,
  L: number,
  single: boolean,
  out: Float64Array,
  diagonal: Float64Array = new Float64Array(L),
): void {
  const N = L - 1;
  out.fill(0, 0, N * N);
  // Row by row over w and out (contiguous); each column's diagonal sum in `diagonal`, summed in
  // the order h = 0, 1, … as a column walk would.
  for (let m = 1; m < L; m++) diagonal[m] = single ? 0 : w[m];
  for (let h = 1; h < L; h++) {
    const row = h * L;
    const outRow = (h - 1) * N - 1;
    for (let m = 1; m < L; m++) {
      if (h === m) continue;
      const v = w[row + m];
      diagonal[m] += v;
      out[outRow + m] = -v;
    }
  }
  for (let m = 1; m < L; m++) out[(m - 1) * N + m - 1] = diagonal[m];
  if (single) for (let m = 1; m < L; m++) out[m - 1] = w[m];
}
