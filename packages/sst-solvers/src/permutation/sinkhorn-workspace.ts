// The log-space Sinkhorn iteration for one n×n item, shared by the forward pass and the VJP.
//
// The Sinkhorn limit is the entropy-regularised assignment
//   X = argmax_{X ∈ Birkhoff} ⟨a, X⟩ + H(X),   a = scores / t,
// whose optimality conditions give X_ij = exp(a_ij + u_i + v_j) with dual variables u, v chosen
// so every row and column sums to 1. We iterate on the duals only (never on exp(a), which
// overflows for |a| ≳ 709): u_i ← −log Σ_j exp(a_ij + v_j), then v_j ← −log Σ_i exp(a_ij + u_i).

/**
 * Returns log Σ_k exp(values[base + k] + offsets[k]) − hint.
 *
 * `hint` is the previous value of the normaliser, so the shifted sum is usually the current row
 * (or column) sum itself, O(1), and one exp pass suffices; only when that sum leaves a safe range
 * (first sweep, or a column whose mass has collapsed) do we pay for the max-shifted two-pass form.
 * Returning the difference from the hint (not the log-sum-exp itself) keeps log(row sum) exact
 * even when the duals are ~1e7 and would swamp it.
 */
function logSumExpMinus(
  values: Float64Array,
  base: number,
  offsets: Float64Array,
  n: number,
  hint: number,
): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(values[base + k] + offsets[k] - hint);
  if (sum >= 1e-250 && sum <= 1e250) return Math.log(sum);
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const x = values[base + k] + offsets[k];
    if (x > max) max = x;
  }
  sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(values[base + k] + offsets[k] - max);
  return max - hint + Math.log(sum);
}

/** Buffers for one n×n Sinkhorn problem, reused across the items of a batch. */
export class SinkhornWorkspace {
  /** a = scores / t, row-major. */
  readonly a: Float64Array;
  /** aᵀ, so the column sweep reads contiguous memory too. */
  private readonly aT: Float64Array;
  /** Row duals u and column duals v: X_ij = exp(a_ij + u_i + v_j). */
  readonly u: Float64Array;
  readonly v: Float64Array;
  private readonly rowShift: Float64Array;
  /** Row sums r and column sums c of the last matrix written by `writeMarginals`. */
  readonly rowSums: Float64Array;
  readonly columnSums: Float64Array;

  constructor(readonly n: number) {
    this.a = new Float64Array(n * n);
    this.aT = new Float64Array(n * n);
    this.u = new Float64Array(n);
    this.v = new Float64Array(n);
    this.rowShift = new Float64Array(n);
    this.rowSums = new Float64Array(n);
    this.columnSums = new Float64Array(n);
  }

  /** Loads item `scores[offset .. offset + n²)` divided by the temperature. */
  load(scores: Float64Array, offset: number, temperature: number): void {
    const { n, a, aT } = this;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const x = scores[offset + i * n + j] / temperature;
        a[i * n + j] = x;
        aT[j * n + i] = x;
      }
    }
  }

  /**
   * Runs (row, column) sweeps from u = v = 0 until every row sum is within `tolerance` of 1
   * (column sums are exactly 1, up to rounding, right after each column sweep) or
   * `maxIterations` sweeps have been done. Returns the number of sweeps performed (≥ 1).
   */
  iterate(tolerance: number, maxIterations: number): number {
    const { n, a, aT, u, v, rowShift } = this;
    u.fill(0);
    v.fill(0);
    let sweeps = 0;
    for (;;) {
      // The row half-sweep's normalisers are also the current row sums (exp(shift) = Σ_j X_ij),
      // so the convergence test costs nothing extra; we test before applying them, so the
      // returned state always ends on a column sweep.
      let rowError = 0;
      for (let i = 0; i < n; i++) {
        const shift = logSumExpMinus(a, i * n, v, n, -u[i]);
        rowShift[i] = shift;
        const error = Math.abs(Math.expm1(shift));
        if (!(error <= rowError)) rowError = error; // also propagates an infinite error
      }
      if ((sweeps > 0 && rowError <= tolerance) || sweeps === maxIterations) return sweeps;
      for (let i = 0; i < n; i++) u[i] -= rowShift[i];
      for (let j = 0; j < n; j++) v[j] -= logSumExpMinus(aT, j * n, u, n, -v[j]);
      sweeps++;
    }
  }

  /**
   * Writes X_ij = exp(a_ij + u_i + v_j) at `out[offset ..]`, fills `rowSums` / `columnSums`,
   * and returns max_i |r_i − 1| ∨ max_j |c_j − 1| for the matrix actually written.
   */
  writeMarginals(out: Float64Array, offset: number): number {
    const { n, a, u, v, rowSums, columnSums } = this;
    columnSums.fill(0);
    let error = 0;
    for (let i = 0; i < n; i++) {
      let r = 0;
      const ui = u[i];
      for (let j = 0; j < n; j++) {
        const x = Math.exp(a[i * n + j] + ui + v[j]);
        out[offset + i * n + j] = x;
        r += x;
        columnSums[j] += x;
      }
      rowSums[i] = r;
      error = Math.max(error, Math.abs(r - 1));
    }
    for (let j = 0; j < n; j++) error = Math.max(error, Math.abs(columnSums[j] - 1));
    return error;
  }
}
