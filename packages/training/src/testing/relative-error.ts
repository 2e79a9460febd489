/**
 * max |a − b| / max |b| over all entries (relative to the tensor's scale), the scale floored at
 * `floor` so that a quantity zero in exact arithmetic compares as float cancellation noise.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-12): number {
  let worst = 0;
  let scale = floor;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return worst / scale;
}
