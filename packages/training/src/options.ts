// train()'s options and their validation. Everything is checked before the first step, so a typo
// fails in milliseconds rather than after an hour of training.
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { checkInteger, checkKeys, checkObject, checkPositive, checkString, show } from './check.js';
import { type DataStream, type TrainingData, toDataStream } from './data.js';
import type { TrainingEvent } from './events.js';
import { checkJson, type JsonValue } from './json.js';
import type { EvalBatches, TrainableModel } from './model.js';
import { type AdamOptions, isOptimizer, resolveAdamOptions } from './optimizer.js';

export interface EvaluationOptions<EvalBatch> {
  /** Evaluate every this many steps, and after the last step. */
  readonly every: number;
  /** A fresh pass over the validation batches; called once per evaluation. */
  readonly batches: () => EvalBatches<EvalBatch>;
  /** Seed of the generator each evaluation gets (default: the run's seed). */
  readonly seed?: number;
}

export interface CheckpointOptions {
  /** Where `step-<step>.json` / `.bin` go (created if needed). */
  readonly directory: string;
  /** Also checkpoint every this many steps (default: only at the end, or when stopped). */
  readonly every?: number;
  /** How many of the newest checkpoints to keep (default 2). */
  readonly keep?: number;
  /** Stored verbatim in every manifest: e.g. the model configuration, for `sst eval`. */
  readonly metadata?: JsonValue;
}

export interface LogOptions {
  /** The JSONL file (created, or truncated to the resumed step). */
  readonly file: string;
  /** Log the loss every this many steps (default 1); evaluations are always logged. */
  readonly every?: number;
}

export interface TrainOptions<Batch, EvalBatch = Batch> {
  readonly model: TrainableModel<Batch, EvalBatch>;
  readonly data: TrainingData<Batch>;
  /** Total updates, counted from the start of the run (not from the resumed step). */
  readonly steps?: number;
  /** Seeds the model's and the data's generators (default 0). */
  readonly seed?: number;
  /** Adam hyperparameters (the default: Adam, learning rate 1e-3), or any tfjs optimizer. */
  readonly optimizer?: AdamOptions | tf.Optimizer;
  /** Clip the gradients' global L2 norm to this (default: no clipping). */
  readonly clipGradientNorm?: number;
  readonly evaluation?: EvaluationOptions<EvalBatch>;
  readonly checkpoint?: CheckpointOptions;
  /**
   * `true`: continue from the newest checkpoint in `checkpoint.directory` if there is one (else
   * start fresh); a path (manifest or directory): continue from that checkpoint, which must exist.
   */
  readonly resume?: boolean | string;
  /** The metrics log (default `<checkpoint.directory>/metrics.jsonl` when checkpointing; `false`: none). */
  readonly log?: string | LogOptions | false;
  /** Called synchronously with every event; an exception thrown here ends the run. */
  readonly onEvent?: (event: TrainingEvent) => void;
  /** Stops the run after the current step (a checkpoint is written first when checkpointing). */
  readonly signal?: AbortSignal;
  /**
   * Data-parallel training: split each batch across this many worker threads (needs
   * `model.parallel`; parallel/README in the package README). Default 1: in-process, as before. On
   * resume, the checkpoint's count when left out; a different count is refused.
   */
  readonly workers?: number;
  /**
   * Sliced (micro-batch) gradients: compute each step's gradient over this many slices of the
   * batch (needs `model.slicing`; the sliced-gradients section of the package README). Exact,
   * bounds the tape's memory to one slice. Default 1: one tape. On resume, the checkpoint's count
   * when left out; a different count is refused.
   */
  readonly microBatches?: number;
}

/** The options after validation, before a checkpoint fills in what was left out. */
export interface ResolvedOptions<Batch, EvalBatch> {
  readonly model: TrainableModel<Batch, EvalBatch>;
  readonly stream: ReturnType<typeof toDataStream<Batch>> & DataStream<Batch>;
  readonly steps: number | undefined;
  readonly seed: number | undefined;
  readonly optimizer: tf.Optimizer | Required<AdamOptions> | undefined;
  readonly clipGradientNorm: number | undefined;
  readonly evaluation: {
    readonly every: number;
    readonly batches: () => EvalBatches<EvalBatch>;
    readonly seed: number | undefined;
  } | null;
  readonly checkpoint: {
    readonly directory: string;
    readonly every: number | null;
    readonly keep: number;
    readonly metadata: JsonValue;
  } | null;
  readonly resume: string | true | null;
  readonly log: { readonly file: string; readonly every: number } | null;
  readonly onEvent: (event: TrainingEvent) => void;
  readonly signal: AbortSignal | undefined;
  readonly workers: number | undefined;
  readonly microBatches: number | undefined;
}

const KEYS = [
  'model',
  'data',
  'steps',
  'seed',
  'optimizer',
  'clipGradientNorm',
  'evaluation',
  'checkpoint',
  'resume',
  'log',
  'onEvent',
  'signal',
  'workers',
  'microBatches',
] as const;

const W = 'train';

function checkSeed(name: string, value: unknown): number {
  checkInteger(W, name, value, Number.MIN_SAFE_INTEGER);
  return value as number;
}

export function resolveOptions<Batch, EvalBatch>(
  input: TrainOptions<Batch, EvalBatch>,
): ResolvedOptions<Batch, EvalBatch> {
  const options = checkObject(W, 'options', input);
  checkKeys(W, 'options', options, KEYS);
  const model = checkObject(W, 'options.model', options.model) as unknown as TrainableModel<
    Batch,
    EvalBatch
  >;
  if (typeof model.loss !== 'function') {
    throw new TypeError(`${W}: options.model.loss must be a function, got ${show(model.loss)}`);
  }
  const stream = toDataStream(options.data as TrainingData<Batch>);
  const steps =
    options.steps === undefined ? undefined : checkInteger(W, 'options.steps', options.steps, 1);
  const seed = options.seed === undefined ? undefined : checkSeed('options.seed', options.seed);

  let optimizer: ResolvedOptions<Batch, EvalBatch>['optimizer'];
  if (options.optimizer !== undefined) {
    optimizer = isOptimizer(options.optimizer)
      ? options.optimizer
      : resolveAdamOptions(options.optimizer);
  }
  const clipGradientNorm =
    options.clipGradientNorm === undefined
      ? undefined
      : checkPositive(W, 'options.clipGradientNorm', options.clipGradientNorm);

  let evaluation: ResolvedOptions<Batch, EvalBatch>['evaluation'] = null;
  if (options.evaluation !== undefined) {
    const e = checkObject(W, 'options.evaluation', options.evaluation);
    checkKeys(W, 'options.evaluation', e, ['every', 'batches', 'seed']);
    if (typeof e.batches !== 'function') {
      throw new TypeError(
        `${W}: options.evaluation.batches must be a function returning the validation batches, got ${show(e.batches)}`,
      );
    }
    if (typeof model.evaluate !== 'function') {
      throw new TypeError(
        `${W}: options.evaluation is set but options.model.evaluate is ${show(model.evaluate)}`,
      );
    }
    evaluation = {
      every: checkInteger(W, 'options.evaluation.every', e.every, 1),
      batches: e.batches as () => EvalBatches<EvalBatch>,
      seed: e.seed === undefined ? undefined : checkSeed('options.evaluation.seed', e.seed),
    };
  }

  let checkpoint: ResolvedOptions<Batch, EvalBatch>['checkpoint'] = null;
  if (options.checkpoint !== undefined) {
    const c = checkObject(W, 'options.checkpoint', options.checkpoint);
    checkKeys(W, 'options.checkpoint', c, ['directory', 'every', 'keep', 'metadata']);
    checkpoint = {
      directory: checkString(W, 'options.checkpoint.directory', c.directory),
      every: c.every === undefined ? null : checkInteger(W, 'options.checkpoint.every', c.every, 1),
      keep: c.keep === undefined ? 2 : checkInteger(W, 'options.checkpoint.keep', c.keep, 1),
      metadata:
        c.metadata === undefined
          ? null
          : checkJson(`${W}: options.checkpoint.metadata`, c.metadata),
    };
  }

  let resume: string | true | null = null;
  if (options.resume !== undefined && options.resume !== false) {
    if (options.resume === true) {
      if (checkpoint === null) {
        throw new TypeError(
          `${W}: options.resume is true but options.checkpoint.directory is not set`,
        );
      }
      resume = true;
    } else if (typeof options.resume === 'string') {
      resume = checkString(W, 'options.resume', options.resume);
    } else {
      throw new TypeError(
        `${W}: options.resume must be a boolean or a checkpoint path, got ${show(options.resume)}`,
      );
    }
  }

  let log: ResolvedOptions<Batch, EvalBatch>['log'] = null;
  if (typeof options.log === 'string') {
    log = { file: checkString(W, 'options.log', options.log), every: 1 };
  } else if (options.log === undefined) {
    if (checkpoint !== null) log = { file: join(checkpoint.directory, 'metrics.jsonl'), every: 1 };
  } else if (options.log !== false) {
    const l = checkObject(W, 'options.log', options.log);
    checkKeys(W, 'options.log', l, ['file', 'every']);
    log = {
      file: checkString(W, 'options.log.file', l.file),
      every: l.every === undefined ? 1 : checkInteger(W, 'options.log.every', l.every, 1),
    };
  }

  if (options.onEvent !== undefined && typeof options.onEvent !== 'function') {
    throw new TypeError(`${W}: options.onEvent must be a function, got ${show(options.onEvent)}`);
  }
  const signal = options.signal as AbortSignal | undefined;
  if (signal !== undefined && typeof signal?.aborted !== 'boolean') {
    throw new TypeError(`${W}: options.signal must be an AbortSignal, got ${show(signal)}`);
  }
  const workers =
    options.workers === undefined
      ? undefined
      : checkInteger(W, 'options.workers', options.workers, 1);
  if (workers !== undefined && workers > 1 && model.parallel === undefined) {
    throw new TypeError(
      `${W}: options.workers is ${workers} but options.model.parallel is undefined (the model has no replica factory)`,
    );
  }
  const microBatches =
    options.microBatches === undefined
      ? undefined
      : checkInteger(W, 'options.microBatches', options.microBatches, 1);
  if (microBatches !== undefined && microBatches > 1) {
    if (model.slicing === undefined) {
      throw new TypeError(
        `${W}: options.microBatches is ${microBatches} but options.model.slicing is undefined (the model does not split its loss into head and tail)`,
      );
    }
    if (model.lossAndGradients !== undefined) {
      throw new TypeError(
        `${W}: options.microBatches is ${microBatches} but options.model computes its own lossAndGradients; use one of them`,
      );
    }
  }
  return {
    model,
    stream,
    steps,
    seed,
    optimizer,
    clipGradientNorm,
    evaluation,
    checkpoint,
    resume,
    log,
    onEvent: (options.onEvent as ((event: TrainingEvent) => void) | undefined) ?? (() => {}),
    signal,
    workers,
    microBatches,
  };
}
