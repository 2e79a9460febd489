// Hard k-subset solver: the k highest scores per batch item, as a 0/1 mask.
import { checkKSubsetArgs } from './args.js';

/** True if item a ranks below item b: lower score, or an equal score at a higher index. */
function ranksBelow(scores: Float64Array, a: number, b: number): boolean {
  const sa = scores[a];
  const sb = scores[b];
  return sa < sb || (sa === sb && a > b);
}

/** Restores the heap property (lowest-ranked item at the root) below position `pos`. */
function siftDown(scores: Float64Array, heap: Int32Array, size: number, pos: number): void {
  const item = heap[pos];
  for (;;) {
    let child = 2 * pos + 1;
    if (child >= size) break;
    if (child + 1 < size && ranksBelow(scores, heap[child + 1], heap[child])) child++;
    if (!ranksBelow(scores, heap[child], item)) break;
    heap[pos] = heap[child];
    pos = child;
  }
  heap[pos] = item;
}

/**
 * 0/1 mask with exactly k ones per item, on the k highest scores; on ties the lower index wins.
 * A bounded heap of the best k seen so far: O(m log k) per item, no per-item allocation.
 */
export function topKArgmax(scores: Float64Array, m: number, k: number): Float64Array {
  const batch = checkKSubsetArgs(scores, m, k);
  const out = new Float64Array(scores.length);
  if (k === 0) return out;
  if (k === m) return out.fill(1);
  const heap = new Int32Array(k);
  for (let b = 0; b < batch; b++) {
    const off = b * m;
    for (let i = 0; i < k; i++) heap[i] = off + i;
    for (let pos = (k >> 1) - 1; pos >= 0; pos--) siftDown(scores, heap, k, pos);
    for (let i = off + k; i < off + m; i++) {
      // Later items have higher indices, so they must beat the weakest kept item strictly.
      if (scores[i] > scores[heap[0]]) {
        heap[0] = i;
        siftDown(scores, heap, k, 0);
      }
    }
    for (let i = 0; i < k; i++) out[heap[i]] = 1;
  }
  return out;
}
