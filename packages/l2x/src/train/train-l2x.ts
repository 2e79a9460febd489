// Training L2X on the shared loop: vocabulary from the training reviews, the model, random
// training batches, evaluation (test MSE and subset precision) on the annotated test reviews,
// checkpoints with everything `sst eval l2x` / `sst explain` need to rebuild the model.
import type { TrainingEvent, TrainResult } from '@sst-tricks/training';
import { train } from '@sst-tricks/training';
import { aspectIndex } from '../data/aspects.js';
import type { ReviewData } from '../data/data-dir.js';
import { Vocabulary } from '../data/vocabulary.js';
import { L2xModel } from '../model/l2x-model.js';
import type { Relaxation } from '../model/selection.js';
import { encodeReviews, evaluationBatches, trainingBatches } from './encoded.js';

export interface TrainL2xOptions {
  data: ReviewData;
  aspect: string;
  relaxation: Relaxation;
  k: number;
  temperature?: number;
  /** Reviews are truncated/padded to this many tokens (default 100). */
  maxLength?: number;
  embedding?: number;
  hidden?: number;
  embeddings?: (vocabulary: Vocabulary, dim: number) => Float32Array;
  batchSize?: number;
  learningRate?: number;
  steps?: number;
  evalEvery?: number;
  checkpointDirectory?: string;
  checkpointEvery?: number;
  resume?: boolean | string;
  seed?: number;
  /** Extra JSON stored in the checkpoint (e.g. where the data came from). */
  dataSource?: Record<string, string | number>;
  /**
   * Data-parallel worker threads per step (default 1: in-process; on resume, the checkpoint's).
   * ≥ 2 splits each batch across that many workers, each with its own backend (train()'s
   * `workers`); the results match one process to float rounding, and a resume must use the
   * same count.
   */
  workers?: number;
  onEvent?: (event: TrainingEvent) => void;
  signal?: AbortSignal;
}

export interface TrainL2xResult {
  model: L2xModel;
  vocabulary: Vocabulary;
  result: TrainResult;
}

export async function trainL2x(options: TrainL2xOptions): Promise<TrainL2xResult> {
  const aspect = aspectIndex(options.aspect);
  const seed = options.seed ?? 0;
  const length = options.maxLength ?? 100;
  const batchSize = options.batchSize ?? 32;
  const vocabulary = Vocabulary.build(options.data.train.map((r) => r.tokens));
  const embedding = options.embedding ?? 32;
  const model = new L2xModel({
    vocabulary: vocabulary.size,
    relaxation: options.relaxation,
    k: options.k,
    temperature: options.temperature ?? 0.5,
    embedding,
    hidden: options.hidden,
    embeddings: options.embeddings?.(vocabulary, embedding),
    seed,
  });
  const trainSet = encodeReviews(options.data.train, vocabulary, aspect, length);
  const testSet = encodeReviews(options.data.test, vocabulary, aspect, length);
  const metadata = {
    model: 'l2x',
    aspect: options.aspect,
    relaxation: options.relaxation,
    k: options.k,
    temperature: model.options.temperature,
    embedding,
    hidden: model.options.hidden,
    maxLength: length,
    batchSize,
    vocabulary: [...vocabulary.words],
    data: options.dataSource ?? {},
  };
  const steps = options.steps;
  const directory = options.checkpointDirectory;
  const result = await train({
    model,
    data: trainingBatches(trainSet, batchSize),
    steps,
    seed,
    optimizer: { learningRate: options.learningRate ?? 1e-3 },
    evaluation: {
      every: options.evalEvery ?? steps ?? Number.MAX_SAFE_INTEGER,
      batches: evaluationBatches(testSet, 256),
    },
    checkpoint:
      directory === undefined ? undefined : { directory, every: options.checkpointEvery, metadata },
    resume: options.resume,
    onEvent: options.onEvent,
    signal: options.signal,
    workers: options.workers,
  });
  return { model, vocabulary, result };
}
