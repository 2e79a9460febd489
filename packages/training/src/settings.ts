// The settings a run trains with. On resume, what the options leave out comes from the
// checkpoint's record (steps, seed, Adam's hyperparameters, clipping), so `resume: true` alone
// continues the same run; what they do give wins, except a different seed, which would silently
// make a different run and is refused.
import type * as tf from '@tensorflow/tfjs-core';
import { CheckpointError } from './checkpoint/errors.js';
import type { CheckpointManifest, RecordedOptions } from './checkpoint/format.js';
import {
  type AdamOptions,
  createAdam,
  describeOptimizer,
  resolveAdamOptions,
} from './optimizer.js';
import type { ResolvedOptions } from './options.js';

export interface RunSettings {
  readonly steps: number;
  readonly seed: number;
  readonly optimizer: tf.Optimizer;
  /** True when the loop built the optimizer (and so disposes it). */
  readonly ownsOptimizer: boolean;
  readonly clipGradientNorm: number | null;
  readonly evaluationSeed: number;
  /** Data-parallel worker threads (1: in-process). */
  readonly workers: number;
  /** Slices per step for sliced gradients (1: one tape). */
  readonly microBatches: number;
  readonly record: RecordedOptions;
}

/** The options settle() reads. */
export type SettleInput = Pick<
  ResolvedOptions<unknown, unknown>,
  | 'steps'
  | 'seed'
  | 'optimizer'
  | 'clipGradientNorm'
  | 'evaluation'
  | 'checkpoint'
  | 'log'
  | 'workers'
  | 'microBatches'
>;

export function settle(
  options: SettleInput,
  manifest: CheckpointManifest | null,
  where: string,
): RunSettings {
  const recorded = manifest?.options ?? null;
  const steps = options.steps ?? recorded?.steps;
  if (steps === undefined) {
    throw new TypeError(
      'train: options.steps is required (there is no checkpoint to take it from)',
    );
  }
  if (manifest !== null && steps < manifest.step) {
    throw new RangeError(
      `train: options.steps must be ≥ the checkpoint's step ${manifest.step} to resume, got ${steps}`,
    );
  }
  if (recorded !== null && options.seed !== undefined && options.seed !== recorded.seed) {
    throw new RangeError(
      `train: options.seed ${options.seed} differs from the seed ${recorded.seed} of the run being resumed`,
    );
  }
  const seed = options.seed ?? recorded?.seed ?? 0;
  // The worker count changes the float rounding (batch-norm sums, gradient sums), so a resume with
  // another count would not continue the same run bit for bit: refused, as a different seed is.
  const recordedWorkers = recorded === null ? undefined : (recorded.workers ?? 1);
  if (
    recordedWorkers !== undefined &&
    options.workers !== undefined &&
    options.workers !== recordedWorkers
  ) {
    throw new RangeError(
      `train: options.workers ${options.workers} differs from the ${recordedWorkers} worker(s) of the run being resumed (the count changes float rounding; resume with workers: ${recordedWorkers})`,
    );
  }
  const workers = options.workers ?? recordedWorkers ?? 1;
  // The slice count changes the gradient sums' rounding too: the same rule.
  const recordedSlices = recorded === null ? undefined : (recorded.microBatches ?? 1);
  if (
    recordedSlices !== undefined &&
    options.microBatches !== undefined &&
    options.microBatches !== recordedSlices
  ) {
    throw new RangeError(
      `train: options.microBatches ${options.microBatches} differs from the ${recordedSlices} micro-batch(es) of the run being resumed (the count changes float rounding; resume with microBatches: ${recordedSlices})`,
    );
  }
  const microBatches = options.microBatches ?? recordedSlices ?? 1;

  let optimizer: tf.Optimizer;
  let builtIn: boolean;
  if (options.optimizer !== undefined && !isAdamOptions(options.optimizer)) {
    optimizer = options.optimizer;
    builtIn = false;
  } else {
    builtIn = true;
    let adam = options.optimizer as Required<AdamOptions> | undefined;
    if (adam === undefined && recorded !== null) {
      if (!recorded.optimizer.builtIn) {
        throw new TypeError(
          `train: the run being resumed used its own ${recorded.optimizer.className} optimizer; pass options.optimizer again`,
        );
      }
      adam = resolveAdamOptions(recorded.optimizer.config);
    }
    optimizer = createAdam(adam ?? resolveAdamOptions({}));
  }
  if (recorded !== null && optimizer.getClassName() !== recorded.optimizer.className) {
    const className = optimizer.getClassName();
    if (builtIn) optimizer.dispose();
    throw new CheckpointError(
      `${where}: the checkpoint holds ${recorded.optimizer.className} state but the optimizer is ${className}`,
    );
  }
  const clipGradientNorm =
    options.clipGradientNorm ?? (recorded === null ? null : recorded.clipGradientNorm);
  const evaluationSeed = options.evaluation?.seed ?? seed;
  return {
    steps,
    seed,
    optimizer,
    ownsOptimizer: builtIn,
    clipGradientNorm,
    evaluationSeed,
    workers,
    microBatches,
    record: {
      steps,
      seed,
      optimizer: describeOptimizer(optimizer, builtIn),
      clipGradientNorm,
      evaluationEvery: options.evaluation?.every ?? null,
      evaluationSeed: options.evaluation === null ? null : evaluationSeed,
      checkpointEvery: options.checkpoint?.every ?? null,
      logEvery: options.log?.every ?? null,
      // Only data-parallel runs record it, so in-process checkpoints stay exactly as they were.
      ...(workers > 1 ? { workers } : {}),
      ...(microBatches > 1 ? { microBatches } : {}),
    },
  };
}

function isAdamOptions(
  value: tf.Optimizer | Required<AdamOptions>,
): value is Required<AdamOptions> {
  return typeof (value as Partial<tf.Optimizer>).applyGradients !== 'function';
}
