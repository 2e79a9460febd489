// Exact vector–Jacobian product of the Sinkhorn relaxation, by implicit differentiation.
//
// Choice: implicit differentiation of the fixed point rather than reverse mode through the
// performed sweeps. It differentiates the object Sinkhorn approximates (the entropy-regularised
// assignment), costs O(n³) however many sweeps the forward needed (at low temperature that is
// hundreds or the full cap, and unrolling would cost O(sweeps·n²) time and O(sweeps·n) memory),
// and needs no tape. When the forward converged, it agrees with differentiating the iterates up to
// terms of the order of the stopping residual (the tests check it against central differences of
// `sinkhorn` at tolerance 1e-14 to 1e-6 relative). When the forward stopped at the cap, it is the
// derivative of the fixed point with X's current row/column sums, not of the truncated iteration:
// finite and well defined (see `solveLaplacianInPlace`), but an approximation there.
//
// Derivation. X_ij = exp(a_ij + u_i + v_j), a = scores/t, with row sums r = X1 and column sums
// c = Xᵀ1 held fixed (= 1 at convergence; we use the actual sums so the system below is exactly
// consistent even for an unconverged X). Differentiating the constraints:
//   [D_r  X ] [du]     [rowsum(X∘da)]
//   [Xᵀ  D_c] [dv] = − [colsum(X∘da)],   dX_ij = X_ij (da_ij + du_i + dv_j).
// The 2n×2n matrix H is symmetric with null space (1, −1) (shift u up, v down). For
// L = Σ g_ij X_ij, solving H [α; β] = [rowsum(g∘X); colsum(g∘X)] (consistent: both halves sum to
// Σ g∘X) gives ∂L/∂a_ij = X_ij (g_ij − α_i − β_j), invariant under (α + s, β − s).
// Eliminating α = D_r⁻¹(rowsum(g∘X) − Xβ) leaves S β = q with
//   S = D_c − Xᵀ D_r⁻¹ X = Laplacian of W_jk = Σ_i X_ij X_ik / r_i,
//   q_j = Σ_i X_ij (g_ij − ḡ_i),   ḡ_i = Σ_k X_ik g_ik / r_i,
// solved by `solveLaplacianInPlace` (which fixes one β per connected component: the null space).
// Finally g_ij − α_i − β_j = e_ij − ē_i with e_ij = g_ij − β_j, ē_i = Σ_k X_ik e_ik / r_i, and
// ∂L/∂scores = ∂L/∂a / t.
import {
  assertFiniteArray,
  assertSameLength,
  type RelaxOptions,
  resolveTemperature,
} from '../validate.js';
import { solveLaplacianInPlace } from './laplacian-solve.js';
import { permutationBatch, resolveSinkhornOptions, type SinkhornOptions } from './options.js';
import { SinkhornWorkspace } from './sinkhorn-workspace.js';

/**
 * ∂(g·X_t)/∂scores for X_t = `sinkhorn(scores, n, options).marginals`, per batch item
 * (g has the same layout as scores). The forward is re-run with the same options; when X_t is at
 * hand already (e.g. a custom-gradient op saved it), `sinkhornVjpFromMarginals` skips that.
 */
export function sinkhornVjp(
  scores: Float64Array,
  n: number,
  g: Float64Array,
  options?: SinkhornOptions,
): Float64Array {
  const batch = permutationBatch(scores, n);
  const { temperature, tolerance, maxIterations } = resolveSinkhornOptions(options);
  assertFiniteArray('g', g);
  assertSameLength('g', g, scores.length);
  const size = n * n;
  const out = new Float64Array(scores.length);
  const work = new SinkhornWorkspace(n);
  const x = new Float64Array(size);
  const buffers = new VjpBuffers(n);
  for (let b = 0; b < batch; b++) {
    work.load(scores, b * size, temperature);
    work.iterate(tolerance, maxIterations);
    work.writeMarginals(x, 0);
    backward(x, 0, g, b * size, temperature, buffers, out);
  }
  return out;
}

/**
 * The same VJP from the forward's output: `marginals` = `sinkhorn(scores, n, options).marginals`
 * (only X_t and the temperature enter the implicit-function formula), so no sweep is repeated.
 */
export function sinkhornVjpFromMarginals(
  marginals: Float64Array,
  n: number,
  g: Float64Array,
  options?: RelaxOptions,
): Float64Array {
  const batch = permutationBatch(marginals, n, 'marginals');
  const temperature = resolveTemperature(options);
  assertFiniteArray('g', g);
  if (g.length !== marginals.length) {
    throw new RangeError(
      `g must have length ${marginals.length} (that of marginals), got ${g.length}`,
    );
  }
  for (let k = 0; k < marginals.length; k++) {
    if (marginals[k] < 0) throw new RangeError(`marginals[${k}] must be >= 0, got ${marginals[k]}`);
  }
  assertSinkhornColumns(marginals, n, batch);
  const size = n * n;
  const out = new Float64Array(marginals.length);
  const buffers = new VjpBuffers(n);
  for (let b = 0; b < batch; b++)
    backward(marginals, b * size, g, b * size, temperature, buffers, out);
  return out;
}

class VjpBuffers {
  readonly weights: Float64Array;
  readonly inverseRowSums: Float64Array;
  readonly beta: Float64Array;
  readonly pivots: Float64Array;
  constructor(readonly n: number) {
    this.weights = new Float64Array(n * n);
    this.inverseRowSums = new Float64Array(n);
    this.beta = new Float64Array(n);
    this.pivots = new Float64Array(n);
  }
}

/** Writes ∂(g·X)/∂scores for the item whose X starts at `xOffset` and g, out at `offset`. */
function backward(
  X: Float64Array,
  xOffset: number,
  g: Float64Array,
  offset: number,
  temperature: number,
  buffers: VjpBuffers,
  out: Float64Array,
): void {
  const { n, weights: W, inverseRowSums: inv, beta: q } = buffers;
  // Row sums are ≥ 1/n after a column sweep; the guard only protects against an empty row.
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let k = 0; k < n; k++) r += X[xOffset + i * n + k];
    inv[i] = r > 0 ? 1 / r : 0;
  }

  // q_j = Σ_i X_ij (g_ij − ḡ_i) and the strict upper triangle of W = Xᵀ D_r⁻¹ X (W is
  // symmetric and the solver reads only that half; underflowed entries, most of them near the
  // permutation limit, are skipped).
  q.fill(0);
  W.fill(0);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const xRow = xOffset + row;
    let gBar = 0;
    for (let k = 0; k < n; k++) gBar += X[xRow + k] * g[offset + row + k];
    gBar *= inv[i];
    for (let j = 0; j < n; j++) {
      const xij = X[xRow + j];
      if (xij === 0) continue;
      q[j] += xij * (g[offset + row + j] - gBar);
      const scaled = xij * inv[i];
      const rowJ = j * n;
      for (let k = j + 1; k < n; k++) W[rowJ + k] += scaled * X[xRow + k];
    }
  }
  solveLaplacianInPlace(W, q, n, buffers.pivots);
  const beta = q;

  for (let i = 0; i < n; i++) {
    const row = i * n;
    const xRow = xOffset + row;
    let eBar = 0;
    for (let k = 0; k < n; k++) eBar += X[xRow + k] * (g[offset + row + k] - beta[k]);
    eBar *= inv[i];
    for (let j = 0; j < n; j++) {
      out[offset + row + j] = (X[xRow + j] * (g[offset + row + j] - beta[j] - eBar)) / temperature;
    }
  }
}

/**
 * The implicit-function VJP is only meaningful at a Sinkhorn output. Sinkhorn always ends on a
 * column sweep, so its columns sum to 1 even when it stopped at the iteration cap (its rows then
 * may not): a matrix whose columns do not is not one of its outputs.
 */
function assertSinkhornColumns(marginals: Float64Array, n: number, batch: number): void {
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < n; j++) {
      let col = 0;
      for (let i = 0; i < n; i++) col += marginals[b * n * n + i * n + j];
      if (Math.abs(col - 1) > 1e-6) {
        throw new RangeError(
          `marginals must be a Sinkhorn output (columns summing to 1), but item ${b} has column ${j} summing to ${col}`,
        );
      }
    }
  }
}
