// Options of the spanning-tree relaxation and their checks.
import { describeValue, optionOr, type RelaxOptions } from '../validate.js';

export interface SpanningTreeOptions extends RelaxOptions {
  /**
   * Clip the tempered scores a = scores/t from below at max(a) − maxRange before exponentiating
   * (DESIGN.md §3.3; the NRI experiments use 15). Must be > 0; default Infinity (no clipping).
   */
  maxRange?: number;
  /**
   * Split the batch over this many threads (default 1): Node worker threads, the calling thread
   * blocking until they finish; one thread where they are unavailable (browsers). Same results.
   */
  threads?: number;
}

/** The maxRange option (default Infinity); rejects non-numbers, NaN and values ≤ 0. */
export function resolveMaxRange(options: SpanningTreeOptions | undefined): number {
  const r: unknown = optionOr(options?.maxRange, Infinity);
  if (typeof r !== 'number')
    throw new TypeError(`maxRange must be a number, got ${describeValue(r)}`);
  if (Number.isNaN(r) || r <= 0) {
    throw new RangeError(`maxRange must be > 0 (Infinity for no clipping), got ${String(r)}`);
  }
  return r;
}
