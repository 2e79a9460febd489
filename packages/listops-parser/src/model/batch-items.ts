// Items [start, start + count) of a ListOps batch: a data-parallel shard takes consecutive items
// out of the time-major id rows. The padded length T stays the WHOLE batch's, so every item is
// computed at exactly the shapes one process uses and its noise draw ([items, T²] utilities) is
// the same slice of the whole batch's draw.
import type { ListOpsBatch } from './batch.js';

export function sliceBatch(batch: ListOpsBatch, start: number, count: number): ListOpsBatch {
  const { size: B, steps: T } = batch;
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1) {
    throw new RangeError(
      `sliceBatch: start and count must be integers with start ≥ 0 and count ≥ 1, got ${start}, ${count}`,
    );
  }
  if (start + count > B) {
    throw new RangeError(
      `sliceBatch: items [${start}, ${start + count}) exceed the batch's ${B} items`,
    );
  }
  const ids = new Int32Array(T * count);
  for (let t = 0; t < T; t++)
    ids.set(batch.ids.subarray(t * B + start, t * B + start + count), t * count);
  return {
    size: count,
    steps: T,
    ids,
    lengths: batch.lengths.slice(start, start + count),
    labels: batch.labels.slice(start, start + count),
    heads: batch.heads.slice(start * T, (start + count) * T),
  };
}
