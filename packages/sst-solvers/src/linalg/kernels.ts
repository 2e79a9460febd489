// In-place dense kernels on row-major buffers with an explicit row stride, shared by the public
// linear-algebra functions and the spanning-tree solvers (which work on the leading d×d block of
// an n×n work buffer). Inner loops run along rows (i-k-j order) so every access is contiguous,
// and the O(d³) loops update four output rows per pass over a source row: each loaded value is
// used four times, which roughly triples throughput over the one-row loop in V8.

/**
 * Cholesky factorisation A = L Lᵀ of the leading d×d block of `a` (row stride `stride`), in
 * place: the lower triangle (diagonal included) becomes L; the strict upper triangle is left
 * untouched. Returns −1 on success, or the column whose pivot was not positive (A is not SPD to
 * working precision), leaving `a` partially overwritten.
 */
export function choleskyInPlace(a: Float64Array, d: number, stride: number): number {
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    // Row-oriented (Cholesky–Banachiewicz): entries of row i use finished rows j < i, and both
    // dot products below read two rows contiguously.
    for (let j = 0; j < i; j++) {
      const rj = j * stride;
      let sum = a[ri + j];
      for (let k = 0; k < j; k++) sum -= a[ri + k] * a[rj + k];
      a[ri + j] = sum / a[rj + j];
    }
    let diag = a[ri + i];
    for (let k = 0; k < i; k++) diag -= a[ri + k] * a[ri + k];
    // `!(diag > 0)` also catches NaN.
    if (!(diag > 0)) return i;
    a[ri + i] = Math.sqrt(diag);
  }
  return -1;
}

/**
 * X = L⁻¹ for the lower-triangular L in the leading d×d block of `l`, written into the lower
 * triangle of `x` (its strict upper triangle is left as is). Right-looking: once row k of X is
 * final, it is subtracted (times L[i][k]) from every later row i, four rows at a time.
 */
export function lowerInverseInto(
  l: Float64Array,
  x: Float64Array,
  d: number,
  stride: number,
): void {
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    for (let j = 0; j < i; j++) x[ri + j] = 0;
    x[ri + i] = 1;
  }
  for (let k = 0; k < d; k++) {
    const rk = k * stride;
    const inv = 1 / l[rk + k];
    for (let j = 0; j <= k; j++) x[rk + j] *= inv;
    let i = k + 1;
    for (; i + 3 < d; i += 4) {
      const r0 = i * stride;
      const r1 = r0 + stride;
      const r2 = r1 + stride;
      const r3 = r2 + stride;
      const l0 = l[r0 + k];
      const l1 = l[r1 + k];
      const l2 = l[r2 + k];
      const l3 = l[r3 + k];
      for (let j = 0; j <= k; j++) {
        const v = x[rk + j];
        x[r0 + j] -= l0 * v;
        x[r1 + j] -= l1 * v;
        x[r2 + j] -= l2 * v;
        x[r3 + j] -= l3 * v;
      }
    }
    for (; i < d; i++) {
      const ri = i * stride;
      const li = l[ri + k];
      for (let j = 0; j <= k; j++) x[ri + j] -= li * x[rk + j];
    }
  }
}

/**
 * out = Xᵀ X for lower-triangular X (the leading d×d block), full symmetric result:
 * out[i][j] = Σ_{k ≥ max(i,j)} X[k][i] X[k][j]. Rows of `out` are built four at a time from the
 * rows k of X; `out` must not alias `x`.
 */
export function lowerGramInto(x: Float64Array, out: Float64Array, d: number, stride: number): void {
  let i = 0;
  for (; i + 3 < d; i += 4) {
    const r0 = i * stride;
    const r1 = r0 + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    const width = i + 4; // columns 0..i+3 cover the lower triangle of these rows
    for (let j = 0; j < width; j++) {
      out[r0 + j] = 0;
      out[r1 + j] = 0;
      out[r2 + j] = 0;
      out[r3 + j] = 0;
    }
    for (let k = i; k < d; k++) {
      const rk = k * stride;
      // X is lower triangular: X[k][i+r] = 0 when k < i + r, which the zeros in x give for free
      // only if its strict upper triangle is zero — so read them as 0 explicitly.
      const x0 = x[rk + i];
      const x1 = k >= i + 1 ? x[rk + i + 1] : 0;
      const x2 = k >= i + 2 ? x[rk + i + 2] : 0;
      const x3 = k >= i + 3 ? x[rk + i + 3] : 0;
      const top = k < width ? k + 1 : width;
      for (let j = 0; j < top; j++) {
        const v = x[rk + j];
        out[r0 + j] += x0 * v;
        out[r1 + j] += x1 * v;
        out[r2 + j] += x2 * v;
        out[r3 + j] += x3 * v;
      }
    }
  }
  for (; i < d; i++) {
    const ri = i * stride;
    for (let j = 0; j <= i; j++) out[ri + j] = 0;
    for (let k = i; k < d; k++) {
      const rk = k * stride;
      const xki = x[rk + i];
      for (let j = 0; j <= i; j++) out[ri + j] += xki * x[rk + j];
    }
  }
  mirrorLowerToUpper(out, d, stride);
}

/**
 * Inverse of an SPD matrix from its Cholesky factor: with X = L⁻¹, A⁻¹ = Xᵀ X. Reads the lower
 * triangle of `l`, uses `x` as scratch, writes the full symmetric inverse into the leading d×d
 * block of `out`. All three share the row stride; `out` must not alias `l` or `x`.
 */
export function choleskyInverseInto(
  l: Float64Array,
  x: Float64Array,
  out: Float64Array,
  d: number,
  stride: number,
): void {
  lowerInverseInto(l, x, d, stride);
  lowerGramInto(x, out, d, stride);
}

/** Copies the strict lower triangle of the leading d×d block onto the strict upper triangle. */
export function mirrorLowerToUpper(a: Float64Array, d: number, stride: number): void {
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    for (let j = 0; j < i; j++) a[j * stride + i] = a[ri + j];
  }
}

/**
 * out[i][j] = Σ_k A[i][k] B[k][j] for rows i of the leading d×d blocks and columns j in
 * [from(i), d), where from(i) = 0 for a full product and i for an upper triangle. Four rows of
 * `out` share every loaded row of B.
 */
function multiplyRows(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  d: number,
  stride: number,
  upperOnly: boolean,
): void {
  let i = 0;
  for (; i + 3 < d; i += 4) {
    const r0 = i * stride;
    const r1 = r0 + stride;
    const r2 = r1 + stride;
    const r3 = r2 + stride;
    const from = upperOnly ? i : 0;
    for (let j = from; j < d; j++) {
      out[r0 + j] = 0;
      out[r1 + j] = 0;
      out[r2 + j] = 0;
      out[r3 + j] = 0;
    }
    for (let k = 0; k < d; k++) {
      const rk = k * stride;
      const a0 = a[r0 + k];
      const a1 = a[r1 + k];
      const a2 = a[r2 + k];
      const a3 = a[r3 + k];
      for (let j = from; j < d; j++) {
        const v = b[rk + j];
        out[r0 + j] += a0 * v;
        out[r1 + j] += a1 * v;
        out[r2 + j] += a2 * v;
        out[r3 + j] += a3 * v;
      }
    }
  }
  for (; i < d; i++) {
    const ri = i * stride;
    const from = upperOnly ? i : 0;
    for (let j = from; j < d; j++) out[ri + j] = 0;
    for (let k = 0; k < d; k++) {
      const aik = a[ri + k];
      const rk = k * stride;
      for (let j = from; j < d; j++) out[ri + j] += aik * b[rk + j];
    }
  }
}

/** out = A·B on the leading d×d blocks; `out` must alias neither input. */
export function multiplyInto(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  d: number,
  stride: number,
): void {
  multiplyRows(a, b, out, d, stride, false);
}

/**
 * out = A·B when the product is known to be symmetric (e.g. (M G) M with M, G symmetric): only
 * the upper triangle is computed (about half the work; a block of four rows starts at its first
 * row's diagonal) and then mirrored onto the lower one.
 */
export function multiplySymmetricResultInto(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  d: number,
  stride: number,
): void {
  multiplyRows(a, b, out, d, stride, true);
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    for (let j = 0; j < i; j++) out[ri + j] = out[j * stride + i];
  }
}
