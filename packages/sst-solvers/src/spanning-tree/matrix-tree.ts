// The plain matrix-tree formula (DESIGN.md §3.3) for one item whose weights are all on one scale:
// log Z = log det L_r + (n−1)c, μ_ij = w_ij (M_ii + M_jj − 2 M_ij) with M = L_r⁻¹ padded by zeros
// at r, and the exact O(n³) VJP (Jᵀg)_f = g_f μ_f − w_f b_fᵀ (M G M) b_f.
import type { FusedKernels } from '../linalg/dense.js';
import type { TreeWorkspace } from './workspace.js';

/**
 * Σμ must equal n−1 exactly; a larger relative deviation means rounding destroyed the result
 * (weights on scales the Laplacian cannot resolve) and the caller should use the multi-scale path.
 */
const SUM_TOLERANCE = 1e-7;

/**
 * Writes the permuted Laplacian of edge weights `c` into `out` (row stride n): node r sits in the
 * last row/column, so the reduced Laplacian L_r is the leading (n−1)×(n−1) block.
 */
function buildLaplacian(ws: TreeWorkspace, c: Float64Array, out: Float64Array): void {
  const { m, diagI, diagJ, offIJ, offJI } = ws;
  out.fill(0);
  for (let e = 0; e < m; e++) {
    const v = c[e];
    out[diagI[e]] += v;
    out[diagJ[e]] += v;
    out[offIJ[e]] = -v;
    out[offJI[e]] = -v;
  }
}

/** Zeroes the last row and column (node r) of an n×n buffer: the "padded at r" convention. */
function padAtRoot(a: Float64Array, n: number): void {
  const d = n - 1;
  for (let k = 0; k < n; k++) {
    a[d * n + k] = 0;
    a[k * n + d] = 0;
  }
}

/**
 * out[e] = scale[e] · b_eᵀ A b_e = scale[e] · (A_ii + A_jj − 2 A_ij) for every edge, from the
 * precomputed offsets (read once into locals: a per-edge property lookup cost ≈ 1 ms per batch).
 */
function scaledQuadraticForms(
  a: Float64Array,
  ws: TreeWorkspace,
  scale: Float64Array,
  out: Float64Array,
): void {
  const { m, diagI, diagJ, offIJ } = ws;
  for (let e = 0; e < m; e++) out[e] = scale[e] * (a[diagI[e]] + a[diagJ[e]] - 2 * a[offIJ[e]]);
}

/**
 * Plain matrix-tree solve of the item in `ws.s` (and `ws.g` when `withVjp`): fills `ws.mu` (and
 * `ws.vjp`) and returns log Z, or NaN when the result is numerically unusable (a non-positive
 * Cholesky pivot, or — if `strict` — Σμ off from n−1), in which case the outputs are garbage.
 */
export function plainMatrixTree(ws: TreeWorkspace, withVjp: boolean, strict: boolean): number {
  const fused = ws.dense.fused;
  if (fused !== null) return fusedMatrixTree(ws, fused, withVjp, strict);
  const { n, m, s, w, lap, scratch, inv, mu, dense } = ws;
  const d = n - 1;
  // Shift by the maximum (lowest index on ties) and drop r = an endpoint of that heaviest edge:
  // its row is the best-conditioned one to remove.
  let best = 0;
  for (let e = 1; e < m; e++) if (s[e] > s[best]) best = e;
  const c = s[best];
  ws.root = ws.ei[best];
  layOut(ws);
  for (let e = 0; e < m; e++) w[e] = s[e] - c;
  dense.exp(w, m);

  buildLaplacian(ws, w, lap);
  if (dense.cholesky(lap, d, n) >= 0) return Number.NaN;
  let logDet = 0;
  for (let i = 0; i < d; i++) logDet += Math.log(lap[i * n + i]);
  logDet *= 2;
  dense.choleskyInverse(lap, scratch, inv, d, n);
  padAtRoot(inv, n);

  scaledQuadraticForms(inv, ws, w, mu);
  let total = 0;
  for (let e = 0; e < m; e++) {
    const v = mu[e];
    total += v;
    // Rounding can push a marginal a few ulps outside [0, 1]; clamp so the law holds exactly.
    mu[e] = Math.min(1, Math.max(0, v));
  }
  if (strict && !(Math.abs(total - d) <= SUM_TOLERANCE * d)) return Number.NaN;
  if (withVjp) plainVjp(ws);
  return logDet + d * c;
}

/**
 * The same solve in one WebAssembly call (wasm/spanning-tree.ts treeSolve); the permuted edge
 * offsets (diagI, …) are not filled — `layOut` makes them when a saved forward needs them.
 */
function fusedMatrixTree(
  ws: TreeWorkspace,
  fused: FusedKernels,
  withVjp: boolean,
  strict: boolean,
): number {
  const at = fused.address;
  const logZ = fused.exports.treeSolve(
    at(ws.s),
    at(ws.g),
    at(ws.w),
    at(ws.mu),
    at(ws.vjp),
    at(ws.lap),
    at(ws.scratch),
    at(ws.inv),
    at(ws.ei),
    at(ws.pos),
    at(ws.diag),
    at(ws.info),
    ws.n,
    ws.m,
    withVjp ? 1 : 0,
    strict ? 1 : 0,
  );
  ws.root = ws.info[0] as number;
  return logZ;
}

/**
 * Fills the permuted layout for the dropped node `ws.root`: node r goes to the last row/column,
 * and per edge the offsets of its four Laplacian entries.
 */
export function layOut(ws: TreeWorkspace): void {
  const { n, m, ei, ej, pos, diagI, diagJ, offIJ, offJI, root } = ws;
  const d = n - 1;
  for (let v = 0, p = 0; v < n; v++) pos[v] = v === root ? d : p++;
  for (let e = 0; e < m; e++) {
    const pi = pos[ei[e]];
    const pj = pos[ej[e]];
    diagI[e] = pi * n + pi;
    diagJ[e] = pj * n + pj;
    offIJ[e] = pi * n + pj;
    offJI[e] = pj * n + pi;
  }
}

/**
 * The exact VJP (Jᵀg)_f = g_f μ_f − w_f b_fᵀ (M G M) b_f from a finished plain solve: needs M
 * (padded at r), the weights w, the marginals μ (by default the workspace's own, or views of ones
 * saved from a forward pass), `ws.g` and the layout of `ws.root`; fills `ws.vjp`. O(n³): two
 * matrix products — no factorisation.
 */
export function plainVjp(
  ws: TreeWorkspace,
  inv: Float64Array = ws.inv,
  w: Float64Array = ws.w,
  mu: Float64Array = ws.mu,
): void {
  const { n, m, g, vjp, lap, scratch, dense } = ws;
  const d = n - 1;
  // The kernels work on the arena's own buffers: a saved M is copied in first (n², not n³).
  if (inv !== ws.inv) ws.inv.set(inv);
  // G = Laplacian of the weights g_e·w_e in the same reduced coordinates; K = M G M.
  const gw = vjp; // holds g⊙w until the final loop overwrites it with the VJP
  for (let e = 0; e < m; e++) gw[e] = g[e] * w[e];
  buildLaplacian(ws, gw, lap);
  dense.multiply(ws.inv, lap, scratch, d, n);
  dense.multiplySymmetric(scratch, ws.inv, lap, d, n);
  padAtRoot(lap, n);
  scaledQuadraticForms(lap, ws, w, vjp);
  for (let e = 0; e < m; e++) vjp[e] = g[e] * mu[e] - vjp[e];
}
