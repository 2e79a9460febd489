// Shared helpers for the permutation tests: seeded random matrices and matrix checks.

export { randomScores as randomMatrix } from '../src/testing/random.js';

/** Row sums and column sums of the n×n item starting at `offset`. */
export function lineSums(
  x: Float64Array,
  n: number,
  offset = 0,
): { rows: number[]; columns: number[] } {
  const rows = new Array<number>(n).fill(0);
  const columns = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      rows[i] += x[offset + i * n + j];
      columns[j] += x[offset + i * n + j];
    }
  }
  return { rows, columns };
}

/** True if the n×n item at `offset` is a 0/1 matrix with exactly one 1 per row and per column. */
export function isPermutationMatrix(x: Float64Array, n: number, offset = 0): boolean {
  for (let k = 0; k < n * n; k++) {
    const value = x[offset + k];
    if (value !== 0 && value !== 1) return false;
  }
  const { rows, columns } = lineSums(x, n, offset);
  return rows.every((s) => s === 1) && columns.every((s) => s === 1);
}

/** ⟨scores, x⟩ over the item at `offset`. */
export function assignmentScore(
  scores: Float64Array,
  x: Float64Array,
  n: number,
  offset = 0,
): number {
  let s = 0;
  for (let k = 0; k < n * n; k++) s += scores[offset + k] * x[offset + k];
  return s;
}

/** One n×n item out of a batch, as a fresh array. */
export function item(values: Float64Array, n: number, b: number): Float64Array {
  return values.slice(b * n * n, (b + 1) * n * n);
}
