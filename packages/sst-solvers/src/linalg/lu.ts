// LU factorisation with partial pivoting (PA = LU) and what it gives: solves, inverse, log|det|.
import { assertFiniteArray } from '../validate.js';
import { assertSquareMatrix } from './check.js';
import { luFactorInPlace, luInverseInto } from './lu-kernels.js';

/** PA = LU of an n×n matrix: unit-lower L and upper U packed row-major in `lu`. */
export interface LuFactorization {
  readonly n: number;
  /** L below the diagonal (its unit diagonal implied), U on and above it. */
  readonly lu: Float64Array;
  /** Row i of PA is row `pivots[i]` of A. */
  readonly pivots: Int32Array;
  /** det(P) = ±1. */
  readonly sign: number;
}

/** PA = LU in place via the shared kernel; `failed` is the singular column or −1. */
function factorInPlace(
  lu: Float64Array,
  n: number,
  pivots: Int32Array,
): { failed: number; sign: number } {
  const code = luFactorInPlace(lu, pivots, n, n);
  return code >= 0 ? { failed: code, sign: 1 } : { failed: -1, sign: code === -1 ? 1 : -1 };
}

/** LU factorisation with partial pivoting of the row-major n×n matrix `a` (left unmodified). */
export function luFactor(a: Float64Array, n: number): LuFactorization {
  assertSquareMatrix('a', a, n);
  const lu = Float64Array.from(a);
  const pivots = new Int32Array(n);
  const { failed, sign } = factorInPlace(lu, n, pivots);
  if (failed >= 0) {
    throw new RangeError(`matrix a is singular (no nonzero pivot in column ${failed})`);
  }
  return { n, lu, pivots, sign };
}

/** Solves A x = b from `luFactor(A)`; returns a new x. */
export function luSolve(lu: LuFactorization, b: Float64Array): Float64Array {
  if (
    typeof lu !== 'object' ||
    lu === null ||
    !(lu.lu instanceof Float64Array) ||
    !(lu.pivots instanceof Int32Array) ||
    lu.lu.length !== lu.n * lu.n ||
    lu.pivots.length !== lu.n
  ) {
    throw new TypeError('lu must be a LuFactorization returned by luFactor');
  }
  const { n, lu: f, pivots } = lu;
  assertFiniteArray('b', b);
  if (b.length !== n) throw new RangeError(`b must have length n = ${n}, got ${b.length}`);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = b[pivots[i]];
  // Forward substitution with unit-lower L, then back substitution with U.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = x[i];
    for (let k = 0; k < i; k++) s -= f[ri + k] * x[k];
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= f[ri + k] * x[k];
    x[i] = s / f[ri + i];
  }
  return x;
}

/** A⁻¹ of the row-major n×n matrix `a`; a singular matrix throws a RangeError naming `a`. */
export function inverse(a: Float64Array, n: number): Float64Array {
  return luInverse(luFactor(a, n));
}

/** A⁻¹ from an existing `luFactor(A)` (so a caller needing det A and A⁻¹ factorises once). */
export function luInverse(factorization: LuFactorization): Float64Array {
  const { n, lu: f, pivots } = factorization;
  const x = new Float64Array(n * n);
  luInverseInto(f, pivots, x, n, n);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError('matrix a is singular to working precision (its inverse overflows)');
    }
  }
  return x;
}

/**
 * log|det A| and sign(det A) via LU, like numpy's slogdet: an exactly singular matrix gives
 * `{ logAbsDet: -Infinity, sign: 0 }` (det = 0 is a valid answer, not an error). Summing logs
 * of the pivots never overflows, whatever the size of the determinant.
 */
export function logAbsDet(a: Float64Array, n: number): { logAbsDet: number; sign: number } {
  assertSquareMatrix('a', a, n);
  const lu = Float64Array.from(a);
  const pivots = new Int32Array(n);
  const { failed, sign } = factorInPlace(lu, n, pivots);
  if (failed >= 0) return { logAbsDet: -Infinity, sign: 0 };
  let log = 0;
  let s = sign;
  for (let i = 0; i < n; i++) {
    const u = lu[i * n + i];
    if (u < 0) s = -s;
    log += Math.log(Math.abs(u));
  }
  return { logAbsDet: log, sign: s };
}
