// One review as every part of the package sees it: tokens, the five aspect ratings in [0, 1]
// and, for annotated reviews, the [start, end) token spans of each aspect's sentences.
export type Span = readonly [start: number, end: number];

export interface Review {
  readonly tokens: readonly string[];
  /** Five ratings in [0, 1], in ASPECTS order. */
  readonly ratings: readonly number[];
  /** Per aspect (ASPECTS order), the token spans about it; only annotated reviews have them. */
  readonly spans?: readonly (readonly Span[])[];
}

/** Is token `i` inside one of `spans`? */
export function inSpans(spans: readonly Span[], i: number): boolean {
  for (const [start, end] of spans) if (i >= start && i < end) return true;
  return false;
}
