// Reviews → fixed-length id rows for one aspect, and the training loop's batches over them.
// Training batch = `batchSize` reviews drawn uniformly with replacement by the loop's data
// generator (checkpointed, so a resumed run draws the same batches); evaluation = the whole set
// in order, `batchSize` at a time.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import type { Review, Span } from '../data/review.js';
import type { Vocabulary } from '../data/vocabulary.js';
import type { L2xEvalBatch } from '../model/l2x-model.js';

export interface EncodedReviews {
  readonly ids: Int32Array;
  readonly ratings: Float32Array;
  readonly spans: readonly (readonly Span[])[] | undefined;
  readonly count: number;
  readonly length: number;
}

export function encodeReviews(
  reviews: readonly Review[],
  vocabulary: Vocabulary,
  aspect: number,
  length: number,
): EncodedReviews {
  const annotated = reviews.length > 0 && reviews.every((r) => r.spans !== undefined);
  return {
    ids: vocabulary.encode(
      reviews.map((r) => r.tokens),
      length,
    ),
    ratings: Float32Array.from(reviews, (r) => r.ratings[aspect]),
    spans: annotated
      ? reviews.map((r) => (r.spans as readonly (readonly Span[])[])[aspect])
      : undefined,
    count: reviews.length,
    length,
  };
}

function rows(set: EncodedReviews, indices: readonly number[]): L2xEvalBatch {
  const L = set.length;
  const ids = new Int32Array(indices.length * L);
  indices.forEach((r, i) => {
    ids.set(set.ids.subarray(r * L, (r + 1) * L), i * L);
  });
  return {
    ids,
    ratings: Float32Array.from(indices, (r) => set.ratings[r]),
    spans:
      set.spans === undefined
        ? undefined
        : indices.map((r) => (set.spans as readonly (readonly Span[])[])[r]),
    count: indices.length,
    length: L,
  };
}

export function trainingBatches(set: EncodedReviews, batchSize: number) {
  if (set.count === 0) throw new RangeError('the training set is empty');
  return ({ generator }: { generator: RandomGenerator }): L2xEvalBatch => {
    const u = generator.uniforms(batchSize);
    return rows(
      set,
      Array.from(u, (x) => Math.floor(x * set.count)),
    );
  };
}

export function evaluationBatches(
  set: EncodedReviews,
  batchSize: number,
): () => Iterable<L2xEvalBatch> {
  return function* () {
    for (let start = 0; start < set.count; start += batchSize) {
      const end = Math.min(set.count, start + batchSize);
      yield rows(
        set,
        Array.from({ length: end - start }, (_, i) => start + i),
      );
    }
  };
}
