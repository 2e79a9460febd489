// Splitting a batch's items into consecutive, nearly equal ranges: the replicas of a data-parallel
// step and the slices of a sliced-gradient step both use it, so the same batch always splits the
// same way.

/** `total` items in min(parts, total) consecutive ranges [start, count], sizes differing by ≤ 1. */
export function itemRanges(total: number, parts: number): Array<[number, number]> {
  if (!Number.isSafeInteger(total) || total < 1) {
    throw new RangeError(`itemRanges: total must be a positive integer, got ${total}`);
  }
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new RangeError(`itemRanges: parts must be a positive integer, got ${parts}`);
  }
  const count = Math.min(parts, total);
  return Array.from({ length: count }, (_, i) => {
    const start = Math.floor((i * total) / count);
    const end = Math.floor(((i + 1) * total) / count);
    return [start, end - start];
  });
}
