// Seeded synthetic BeerAdvocate-like reviews (the real data is research-only and not downloadable
// here). A review: filler sentences, then 1–2 sentences per aspect (appearance, aroma, palate and
// taste in either order, overall last), filler between with small probability. Ratings are
// correlated across aspects through a latent overall quality q ~ N(0.7, 0.15²): aspect a aims at
// t_a = q + N(0, 0.1²) (correlation ≈ 0.7 between aspects, about what the real data shows), its
// sentences express values near t_a, and its RATING is computed from its sentences alone: the
// mean of their values rounded to a tenth (the real ratings' grid). An explainer that picks
// generally positive words anywhere is therefore right often, but not as often as one that reads
// the aspect's own sentences. Annotations are the exact [start, end) token spans of each aspect's
// sentences (the final "." included).
import { fillStandardNormal, RandomGenerator } from '@sst-tricks/sst-core';
import { ASPECT_COUNT, ASPECTS } from '../aspects.js';
import type { Review, Span } from '../review.js';
import { aspectSentence, fillerSentence, type Sentence } from './sentences.js';

export type SyntheticSplit = 'train' | 'heldout' | 'test';
const SPLIT_OFFSET: Record<SyntheticSplit, number> = { train: 0, heldout: 1e9, test: 2e9 };
/** |seed| limit so that seed + the split offsets stay safe integers. */
export const MAX_SYNTHETIC_SEED = 2 ** 52;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round10 = (x: number) => Math.round(x * 10) / 10;

/** One review from `g` (annotated: every review has its aspect spans). */
export function syntheticReview(g: RandomGenerator): Review {
  const z = new Float64Array(ASPECT_COUNT + 1);
  fillStandardNormal(g, z, 0, z.length);
  const quality = 0.7 + 0.15 * z[0];
  const targets = ASPECTS.map((_, a) => clamp01(quality + 0.1 * z[a + 1]));
  const order = g.nextUniform() < 0.5 ? [0, 1, 2, 3, 4] : [0, 1, 3, 2, 4];
  const parts: { sentence: Sentence; aspect: number | null }[] = [];
  const leading = Math.floor(g.nextUniform() * 3);
  for (let i = 0; i < leading; i++) parts.push({ sentence: fillerSentence(g), aspect: null });
  for (const a of order) {
    const count = g.nextUniform() < 0.6 ? 1 : 2;
    for (let i = 0; i < count; i++) {
      parts.push({ sentence: aspectSentence(g, ASPECTS[a], targets[a]), aspect: a });
    }
    if (a !== 4 && g.nextUniform() < 0.15)
      parts.push({ sentence: fillerSentence(g), aspect: null });
  }
  const tokens: string[] = [];
  const spans: Span[][] = Array.from({ length: ASPECT_COUNT }, () => []);
  const values: number[][] = Array.from({ length: ASPECT_COUNT }, () => []);
  for (const { sentence, aspect } of parts) {
    const start = tokens.length;
    tokens.push(...sentence.tokens);
    if (aspect === null) continue;
    const previous = spans[aspect][spans[aspect].length - 1];
    // Adjacent sentences about one aspect form one span, as in the real annotations.
    if (previous !== undefined && previous[1] === start)
      spans[aspect][spans[aspect].length - 1] = [previous[0], tokens.length];
    else spans[aspect].push([start, tokens.length]);
    values[aspect].push(sentence.value as number);
  }
  const ratings = values.map((v) => round10(v.reduce((s, x) => s + x, 0) / v.length));
  return { tokens, ratings, spans };
}

/** Reviews [0, count) of the seed's `split` (splits are disjoint streams; same seed → same reviews). */
export function syntheticReviews(seed: number, split: SyntheticSplit, count: number): Review[] {
  if (!Number.isSafeInteger(seed) || Math.abs(seed) > MAX_SYNTHETIC_SEED) {
    throw new RangeError(`seed must be an integer with |seed| ≤ 2^52, got ${seed}`);
  }
  if (!(split in SPLIT_OFFSET)) {
    throw new RangeError(`split must be train, heldout or test, got ${JSON.stringify(split)}`);
  }
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be an integer ≥ 0, got ${count}`);
  }
  const g = new RandomGenerator(seed + SPLIT_OFFSET[split]);
  return Array.from({ length: count }, () => syntheticReview(g));
}
