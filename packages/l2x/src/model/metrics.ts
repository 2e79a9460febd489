// Subset precision (the paper's metric): the share of selected words that lie inside the
// annotated sentences of the rated aspect, pooled over the reviews (selected-and-inside over
// selected). Positions past a review's last token count as selected-outside.
import { inSpans, type Span } from '../data/review.js';

export interface PrecisionCounts {
  inside: number;
  selected: number;
}

/** `selection` [reviews, m] 0/1 (row-major), `spans[r]` the aspect's spans of review r. */
export function subsetPrecisionCounts(
  selection: ArrayLike<number>,
  m: number,
  spans: readonly (readonly Span[])[],
): PrecisionCounts {
  if (selection.length !== spans.length * m) {
    throw new RangeError(
      `selection must hold reviews·m = ${spans.length * m} entries, got ${selection.length}`,
    );
  }
  let inside = 0;
  let selected = 0;
  spans.forEach((s, r) => {
    for (let i = 0; i < m; i++) {
      if (selection[r * m + i] < 0.5) continue;
      selected++;
      if (inSpans(s, i)) inside++;
    }
  });
  return { inside, selected };
}
