// The model's batches, and items [start, start + count) of one: a data-parallel shard takes
// consecutive reviews (rows of the row-major id matrix, at the batch's own length).
import type { Span } from '../data/review.js';

export interface L2xBatch {
  /** Word ids [count · length], row-major, PAD_ID past each review's end. */
  readonly ids: Int32Array;
  /** The rated aspect's ratings [count]. */
  readonly ratings: Float32Array;
  readonly count: number;
  readonly length: number;
}

export interface L2xEvalBatch extends L2xBatch {
  /** The rated aspect's annotated spans per review (precision is skipped without them). */
  readonly spans?: readonly (readonly Span[])[];
}

/** Reviews [start, start + count) of a batch (new arrays; spans are not kept: training needs none). */
export function sliceBatch(batch: L2xBatch, start: number, count: number): L2xBatch {
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1) {
    throw new RangeError(
      `sliceBatch: start and count must be integers with start ≥ 0 and count ≥ 1, got ${start}, ${count}`,
    );
  }
  if (start + count > batch.count) {
    throw new RangeError(
      `sliceBatch: items [${start}, ${start + count}) exceed the batch's ${batch.count} items`,
    );
  }
  const L = batch.length;
  return {
    ids: batch.ids.slice(start * L, (start + count) * L),
    ratings: batch.ratings.slice(start, start + count),
    count,
    length: L,
  };
}
