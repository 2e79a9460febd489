// Input checks for the data API. Each throws a TypeError (wrong kind) or RangeError (bad value)
// whose message names the parameter and the offending value (DESIGN.md §5).
import { describeValue } from '@sst-tricks/sst-solvers';

/** Largest node count the generators accept: far beyond any NRI experiment, small enough that
 *  a single sample's buffers stay tiny. */
export const MAX_NODES = 1000;

/** Largest T accepted: generous for any experiment, bounded so a typo cannot exhaust memory. */
export const MAX_FRAMES = 100_000;

/** Checks an integer parameter lies in [min, max] and returns it. */
export function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(`${name} must be an integer, got ${describeValue(value)}`);
  if (value < min || value > max)
    throw new RangeError(`${name} must be in ${min}..${max}, got ${value}`);
  return value;
}

/** Checks a finite number > 0 and returns it. */
export function checkPositive(name: string, value: unknown): number {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${describeValue(value)}`);
  if (!Number.isFinite(value) || value <= 0)
    throw new RangeError(`${name} must be a finite number > 0, got ${describeValue(value)}`);
  return value;
}

/** Checks a seed (any safe integer, as RandomGenerator accepts) and returns it. */
export function checkSeed(name: string, value: unknown): number {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${describeValue(value)}`);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${name} must be a safe integer, got ${describeValue(value)}`);
  return value;
}

/** Checks node-major `[n][dims]` float64 coordinates (n ≥ 2, all finite); returns n. */
export function checkPositions(name: string, values: unknown, dims = 2): number {
  if (!(values instanceof Float64Array))
    throw new TypeError(`${name} must be a Float64Array, got ${describeValue(values)}`);
  const n = values.length / dims;
  if (!Number.isInteger(n) || n < 2 || n > MAX_NODES)
    throw new RangeError(
      `${name} must hold ${dims} coordinates for each of 2..${MAX_NODES} nodes, got length ${values.length}`,
    );
  for (let i = 0; i < values.length; i++)
    if (!Number.isFinite(values[i]))
      throw new RangeError(`${name}[${i}] must be finite, got ${describeValue(values[i])}`);
  return n;
}

/** Checks edge values of K_n in (i<j) row-major order: n(n−1)/2 finite numbers ≥ 0. */
export function checkTree(name: string, values: unknown, n: number): void {
  const isArrayLike = Array.isArray(values) || ArrayBuffer.isView(values);
  if (!isArrayLike)
    throw new TypeError(`${name} must be an array of edge values, got ${describeValue(values)}`);
  const edges = values as ArrayLike<unknown>;
  const m = (n * (n - 1)) / 2;
  if (edges.length !== m)
    throw new RangeError(
      `${name} must have n(n−1)/2 = ${m} entries for n = ${n}, got ${edges.length}`,
    );
  for (let e = 0; e < m; e++) {
    const v = edges[e];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new RangeError(`${name}[${e}] must be a finite number ≥ 0, got ${describeValue(v)}`);
  }
}
