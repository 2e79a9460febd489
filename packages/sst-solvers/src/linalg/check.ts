// Input checks for the public dense linear-algebra functions.
import { assertFiniteArray, assertIntInRange } from '../validate.js';

/** Largest matrix order accepted (n² entries must stay a valid typed-array length). */
export const MAX_MATRIX_ORDER = 46340;

/** Checks that `a` is a finite row-major n×n Float64Array. */
export function assertSquareMatrix(
  name: string,
  a: unknown,
  n: unknown,
): asserts a is Float64Array {
  assertIntInRange('n', n, 1, MAX_MATRIX_ORDER);
  assertFiniteArray(name, a);
  if (a.length !== n * n) {
    throw new RangeError(`${name} must hold n×n = ${n * n} entries (row-major), got ${a.length}`);
  }
}
