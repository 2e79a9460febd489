// Training NRI on graph-layout trajectories: build the model, the generated data and the validation
// set, and hand them to the shared loop (@sst-tricks/training), which does the steps, evaluations,
// checkpoints, log and resumption. Kept thin on purpose: everything here is configuration.
import type { RunIdentity, TrainingEvent, TrainResult } from '@sst-tricks/training';
import { latestCheckpoint, train } from '@sst-tricks/training';
import type { NriLatent } from '../model/index.js';
import { NriModel } from '../model/index.js';
import { trainingBatches, validationBatches } from './batches.js';
import type { CandidateEvent, RestartOptions } from './restarts.js';
import { checkRestartOptions, readRestartSelection, trainWithNriRestarts } from './restarts.js';

export interface TrainNriOptions {
  /** Nodes per graph (default 10, the paper's). */
  nodes?: number;
  /** Frames per trajectory (default 10). */
  frames?: number;
  /** Every MLP width (paper 256). */
  hidden: number;
  latent: NriLatent;
  temperature: number;
  /** Decode the hard sample with the relaxed sample's gradient (default false). */
  straightThrough?: boolean;
  /** Teacher forcing every this many frames (default frames − 1: one chain from frame 0). */
  predictionSteps?: number;
  /** The decoder's message MLPs start equal (default false; NriModelOptions.tiedInit). */
  tiedInit?: boolean;
  /** The encoder starts at the prior (default false; NriModelOptions.startAtPrior). */
  startAtPrior?: boolean;
  /** "No edge" sends no messages (default false; NriModelOptions.skipFirst). */
  skipFirst?: boolean;
  /** Run the decoder over this many batch slices per step (default 1; bounds memory, exact). */
  decoderSlices?: number;
  /** Adam's learning rate (default 1e-3). */
  learningRate?: number;
  batchSize: number;
  /** Total updates (on resume, the checkpoint's when left out). */
  steps?: number;
  /** Evaluate every this many steps and after the last (default: only after the last). */
  evalEvery?: number;
  /** Validation batches of `batchSize` (default 4). */
  evalBatches?: number;
  /** Checkpoints (and metrics.jsonl) go here; none when left out. */
  checkpointDirectory?: string;
  /** A checkpoint every this many steps (besides the end); default only at the end. */
  checkpointEvery?: number;
  /** As train(): true = the newest checkpoint in the directory if any; a path = that one. */
  resume?: boolean | string;
  /** Seeds the weights, the loop's generators, and the train/valid data streams (default 0). */
  seed?: number;
  /** The loop's events; with restartConcurrency > 1, `run` says which candidate sent one. */
  onEvent?: (event: TrainingEvent, run?: RunIdentity) => void;
  signal?: AbortSignal;
  /**
   * Random restarts (restarts.ts): train `candidates` initialisations for `steps` steps each and
   * continue the one with the best validation ELBO. Needs `checkpointDirectory`.
   */
  restarts?: RestartOptions;
  /**
   * Data-parallel worker threads per step (default 1: in-process). ≥ 2 splits each batch across
   * that many workers, each with its own backend (train()'s `workers`); the results match one
   * process to float rounding, a resume must use the same count.
   */
  workers?: number;
  /** Called as each restart candidate starts and ends. */
  onCandidate?: (event: CandidateEvent) => void;
  /**
   * Restart candidates training at once, each in its own worker thread with its own backend
   * (default 1: one after the other). The results are the same either way.
   */
  restartConcurrency?: number;
}

export interface TrainNriResult {
  model: NriModel;
  result: TrainResult;
}

export async function trainNri(options: TrainNriOptions): Promise<TrainNriResult> {
  if (options.restarts !== undefined) {
    checkRestartOptions(options.restarts);
    if (options.restarts.candidates > 1) {
      return trainWithNriRestarts(options, options.restarts, trainOnce);
    }
  }
  const directory = options.checkpointDirectory;
  if (
    directory !== undefined &&
    readRestartSelection(directory) !== null &&
    latestCheckpoint(directory) === null
  ) {
    throw new RangeError(
      `trainNri: ${directory} holds an unfinished restart selection; resume it with restarts`,
    );
  }
  return trainOnce(options);
}

/** One training run (no restarts). */
async function trainOnce(options: TrainNriOptions): Promise<TrainNriResult> {
  const seed = options.seed ?? 0;
  const shape = { nodes: options.nodes ?? 10, frames: options.frames ?? 10 };
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`trainNri: batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
  if (
    options.workers !== undefined &&
    options.workers > 1 &&
    options.decoderSlices !== undefined &&
    options.decoderSlices > 1
  ) {
    throw new RangeError(
      `trainNri: workers ${options.workers} with decoderSlices ${options.decoderSlices} is not supported (each worker already holds 1/workers of the batch in its own wasm heap); use one of them`,
    );
  }
  const evalBatches = options.evalBatches ?? 4;
  if (!Number.isInteger(evalBatches) || evalBatches < 1) {
    throw new RangeError(`trainNri: evalBatches must be an integer ≥ 1, got ${evalBatches}`);
  }
  const model = new NriModel({
    ...shape,
    hidden: options.hidden,
    latent: options.latent,
    temperature: options.temperature,
    straightThrough: options.straightThrough ?? false,
    predictionSteps: options.predictionSteps,
    tiedInit: options.tiedInit,
    startAtPrior: options.startAtPrior,
    skipFirst: options.skipFirst,
    decoderSlices: options.decoderSlices,
    seed,
  });
  // Stored in every checkpoint so `sst eval --checkpoint` can rebuild the model.
  const metadata = {
    model: 'nri',
    data: 'graph-layout',
    ...shape,
    hidden: options.hidden,
    latent: options.latent,
    temperature: options.temperature,
    straightThrough: model.options.straightThrough,
    predictionSteps: model.options.predictionSteps,
    tiedInit: model.options.tiedInit,
    startAtPrior: model.options.startAtPrior,
    skipFirst: model.options.skipFirst,
    decoderSlices: model.options.decoderSlices,
    batchSize,
  };
  const steps = options.steps;
  const directory = options.checkpointDirectory;
  const result = await train({
    model,
    data: trainingBatches(seed, batchSize, shape),
    steps,
    seed,
    optimizer: { learningRate: options.learningRate ?? 1e-3 },
    evaluation: {
      // "Only after the last step" when evalEvery is left out (steps unknown on a bare resume).
      every: options.evalEvery ?? steps ?? Number.MAX_SAFE_INTEGER,
      batches: validationBatches(seed, evalBatches, batchSize, shape),
    },
    checkpoint:
      directory === undefined
        ? undefined
        : {
            directory,
            every: options.checkpointEvery,
            metadata,
          },
    resume: options.resume,
    onEvent: options.onEvent,
    signal: options.signal,
    workers: options.workers,
  });
  return { model, result };
}
