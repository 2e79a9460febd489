// Graph-layout batches for training and validation, generated on the fly from the seeded
// generator (about 10 µs a sample, far below a training step) instead of read from a file.
//   Training batch i = samples [i·B, (i+1)·B) of the 'train' stream: a function of the step alone,
//   so a resumed run sees exactly the batches the uninterrupted run would have seen (nothing to
//   checkpoint), and no sample repeats within 2^40 samples.
//   Validation = the first `batches`·B samples of the 'valid' stream (disjoint from 'train' by
//   construction), generated once and turned into tensors one batch at a time per evaluation.
import type { SampleBatch } from '../data/index.js';
import { generateGraphLayout } from '../data/index.js';
import type { NriEvalBatch } from '../model/index.js';
import { nriBatch } from '../model/index.js';

export interface LayoutShape {
  nodes: number;
  frames: number;
}

/** A generated batch → the model's tensors plus the true edges (for metrics). */
export function nriEvalBatch(samples: SampleBatch): NriEvalBatch {
  return {
    ...nriBatch(samples.trajectories, {
      count: samples.count,
      frames: samples.frames,
      nodes: samples.nodes,
      features: samples.features,
    }),
    edges: samples.edges,
  };
}

/** The training loop's batch function: batch `step` of the seed's 'train' stream. */
export function trainingBatches(
  seed: number,
  batchSize: number,
  shape: LayoutShape,
): (context: { step: number }) => NriEvalBatch {
  return ({ step }) =>
    nriEvalBatch(generateGraphLayout(seed, 'train', step * batchSize, batchSize, shape));
}

/**
 * The loop's `evaluation.batches`: a fresh iterable per evaluation over a fixed validation set.
 * Each batch's tensors are freed when the consumer asks for the next one (or stops), since the
 * loop does not release evaluation batches.
 */
export function validationBatches(
  seed: number,
  batches: number,
  batchSize: number,
  shape: LayoutShape,
): () => Iterable<NriEvalBatch> {
  const samples = Array.from({ length: batches }, (_, i) =>
    generateGraphLayout(seed, 'valid', i * batchSize, batchSize, shape),
  );
  return function* () {
    for (const sample of samples) {
      const batch = nriEvalBatch(sample);
      try {
        yield batch;
      } finally {
        batch.encoderInput.dispose();
        batch.frames.dispose();
      }
    }
  };
}
