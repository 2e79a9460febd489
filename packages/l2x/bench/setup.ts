// The CPU configuration the benchmarks measure: `sst train l2x`'s defaults (synthetic reviews of
// seed 0, aroma, 100 tokens a review, widths 32, k 10, temperature 0.5, batch 32, Adam 1e-3),
// with training batches drawn as the loop draws them.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { aspectIndex } from '../src/data/aspects.js';
import { syntheticReviews } from '../src/data/synthetic/generate.js';
import { Vocabulary } from '../src/data/vocabulary.js';
import type { L2xBatch } from '../src/model/batch.js';
import { L2xModel } from '../src/model/l2x-model.js';
import type { Relaxation } from '../src/model/selection.js';
import { encodeReviews, trainingBatches } from '../src/train/encoded.js';

export const BATCH = 32;
export const K = 10;
export const LEARNING_RATE = 1e-3;

const reviews = syntheticReviews(0, 'train', 1000);
const vocabulary = Vocabulary.build(reviews.map((r) => r.tokens));

export function cpuModel(relaxation: Relaxation): L2xModel {
  return new L2xModel({
    vocabulary: vocabulary.size,
    relaxation,
    k: K,
    temperature: 0.5,
    embedding: 32,
    hidden: 32,
    seed: 1,
  });
}

/** `count` training batches of the CPU configuration's data (fixed: every side sees the same). */
export function cpuBatches(count: number): L2xBatch[] {
  const set = encodeReviews(reviews, vocabulary, aspectIndex('aroma'), 100);
  const next = trainingBatches(set, BATCH);
  const generator = new RandomGenerator(5);
  return Array.from({ length: count }, () => next({ generator }));
}
