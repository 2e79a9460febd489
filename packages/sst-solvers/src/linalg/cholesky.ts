// Cholesky factorisation and inverse of symmetric positive definite matrices (half the work of LU,
// no pivoting needed). Reduced graph Laplacians are SPD, which is why the spanning-tree solvers
// use these kernels.
import { assertSquareMatrix } from './check.js';
import { choleskyInPlace, choleskyInverseInto } from './kernels.js';

function factor(a: Float64Array, n: number): Float64Array {
  assertSquareMatrix('a', a, n);
  const l = Float64Array.from(a);
  const failed = choleskyInPlace(l, n, n);
  if (failed >= 0) {
    throw new RangeError(
      `matrix a is not symmetric positive definite (pivot ${failed} is not positive)`,
    );
  }
  return l;
}

/**
 * Lower-triangular L with A = L Lᵀ (row-major, zeros above the diagonal). Only the lower triangle
 * of `a` is read; a matrix that is not SPD to working precision throws a RangeError naming `a`.
 */
export function cholesky(a: Float64Array, n: number): Float64Array {
  const l = factor(a, n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) l[i * n + j] = 0;
  return l;
}

/** A⁻¹ of a symmetric positive definite matrix via its Cholesky factor (reads the lower triangle). */
export function choleskyInverse(a: Float64Array, n: number): Float64Array {
  const l = factor(a, n);
  const out = new Float64Array(n * n);
  choleskyInverseInto(l, new Float64Array(n * n), out, n, n);
  return out;
}

/** log det A of a symmetric positive definite matrix: 2 Σ log L_ii. */
export function choleskyLogDet(a: Float64Array, n: number): number {
  const l = factor(a, n);
  let log = 0;
  for (let i = 0; i < n; i++) log += Math.log(l[i * n + i]);
  return 2 * log;
}
