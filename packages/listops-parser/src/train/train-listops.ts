// Training the ListOps model on the shared loop (@sst-tricks/training): steps, evaluations on the
// validation split, atomic checkpoints with the model and data configuration as metadata, the
// metrics log, and exact resumption. Kept thin: everything here is configuration.
import type { TrainingEvent, TrainResult } from '@sst-tricks/training';
import { train } from '@sst-tricks/training';
import type { ListOpsLatent } from '../model/latent.js';
import { ListOpsModel, type ListOpsModelOptions } from '../model/listops-model.js';
import {
  type DataFiles,
  evaluationBatches,
  type GeneratedDataOptions,
  loadSplits,
  trainingBatches,
} from './datasets.js';

export interface TrainListOpsOptions extends Omit<ListOpsModelOptions, 'latent' | 'seed'> {
  latent?: ListOpsLatent;
  /** Generated splits (default) or TSV files. */
  data?: GeneratedDataOptions | DataFiles;
  batchSize?: number;
  /** Adam's learning rate (default 2e-3). */
  learningRate?: number;
  /** Total updates (on resume, the checkpoint's when left out). */
  steps?: number;
  /** Evaluate every this many steps and after the last (default: only after the last). */
  evalEvery?: number;
  checkpointDirectory?: string;
  checkpointEvery?: number;
  resume?: boolean | string;
  /** Seeds the weights and the loop's generators (default 0); the data has its own seed. */
  seed?: number;
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

export interface TrainListOpsResult {
  model: ListOpsModel;
  result: TrainResult;
}

/** What a checkpoint's metadata holds, for `sst eval listops` and `sst parse`. */
export interface ListOpsMetadata {
  model: 'listops-parser';
  latent: ListOpsLatent;
  embedding: number;
  hidden: number;
  width: number;
  rounds: number;
  temperature: number;
  /** Absent in checkpoints written before the option existed (false). */
  bidirectional?: boolean;
  batchSize: number;
  data: GeneratedDataOptions | DataFiles;
}

export async function trainListOps(options: TrainListOpsOptions): Promise<TrainListOpsResult> {
  const seed = options.seed ?? 0;
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`trainListOps: batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
  const data = options.data ?? {};
  const splits = loadSplits(data);
  const model = new ListOpsModel({ ...options, latent: options.latent ?? 'arborescence', seed });
  const o = model.options;
  const metadata: ListOpsMetadata = {
    model: 'listops-parser',
    latent: o.latent,
    embedding: o.embedding,
    hidden: o.hidden,
    width: o.width,
    rounds: o.rounds,
    temperature: o.temperature,
    bidirectional: o.bidirectional,
    batchSize,
    data,
  };
  const valid = evaluationBatches(splits.valid, batchSize);
  const directory = options.checkpointDirectory;
  const result = await train({
    model,
    data: trainingBatches(splits.train, batchSize),
    steps: options.steps,
    seed,
    optimizer: { learningRate: options.learningRate ?? 2e-3 },
    evaluation: {
      every: options.evalEvery ?? options.steps ?? Number.MAX_SAFE_INTEGER,
      batches: () => valid,
    },
    checkpoint:
      directory === undefined
        ? undefined
        : { directory, every: options.checkpointEvery, metadata: metadata as never },
    resume: options.resume,
    onEvent: options.onEvent,
    signal: options.signal,
    workers: options.workers,
  });
  return { model, result };
}
