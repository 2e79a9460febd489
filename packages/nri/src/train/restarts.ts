// Random restarts chosen by validation ELBO: NRI's use of the model-agnostic restarts in
// @sst-tricks/training (trainWithRestarts; its README has the directory layout, the plan file
// restarts.json and the resume rules). Some initialisations lock onto far-apart pairs instead of
// the true graph (package README, "What mattered"); by a few hundred steps such a run has a
// clearly worse validation ELBO (≈ −2350 against −1430…−1870 at step 500 in our runs), and the
// ELBO needs no labels. So: train `candidates` seeds (base, base + 1, …: weights, noise and data
// streams) for `steps` steps each, keep the one with the best ELBO and continue it to the full
// step count. Each candidate is scored on its own seed's validation set; the gap this is for
// (≈ 500 nats per node) is far above the differences between validation sets.
//
// This module does not import train-nri.ts (which imports it): it is generic over the options
// and result it passes through, and trainNri hands it the function that trains one run.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  RestartPlan,
  RestartRun,
  RunIdentity,
  RestartSelection as Selection,
  TrainingEvent,
  TrainResult,
} from '@sst-tricks/training';
import {
  checkRestartPlan,
  readRestartSelection as readSelection,
  trainWithRestarts,
} from '@sst-tricks/training';

export type RestartOptions = RestartPlan;

export type CandidateEvent =
  | { type: 'candidate-start'; index: number; seed: number; candidates: number }
  | { type: 'candidate-end'; index: number; seed: number; elbo: number }
  | { type: 'chosen'; seed: number; elbo: number };

/** What D/restarts.json holds (training's RestartSelection with the metric `elbo`). */
export interface RestartSelection {
  baseSeed: number;
  restarts: RestartOptions;
  /** The run's total steps as first given (null if none). */
  totalSteps: number | null;
  /** One entry per finished candidate, in order (candidate i has seed baseSeed + i). */
  candidates: { seed: number; elbo: number }[];
  /** The kept seed, once every candidate has finished. */
  chosen: number | null;
}

export { RESTARTS_FILE } from '@sst-tricks/training';

const METRIC = { name: 'elbo', better: 'higher' } as const;

/** D/restarts.json, checked; null when there is none. */
export function readRestartSelection(directory: string): RestartSelection | null {
  return readSelection(directory, METRIC.name, 'trainNri') as Selection as RestartSelection | null;
}

export function checkRestartOptions(restarts: RestartOptions): void {
  checkRestartPlan('trainNri', restarts);
}

/** The options trainWithNriRestarts reads (a subset of TrainNriOptions). */
export interface RestartableOptions {
  steps?: number;
  evalEvery?: number;
  checkpointDirectory?: string;
  resume?: boolean | string;
  seed?: number;
  onEvent?: (event: TrainingEvent, run?: RunIdentity) => void;
  signal?: AbortSignal;
  onCandidate?: (event: CandidateEvent) => void;
  /** Candidates training at once, each in its own worker thread (default 1). */
  restartConcurrency?: number;
}

/** The worker script that trains one candidate with trainNri (same extension as this file). */
const WORKER_URL = new URL(
  `./restart-worker${extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
);

/** What the worker gets: the options without their functions, signal and restarts. */
function workerData<O extends RestartableOptions>(options: O): unknown {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'function' || key === 'signal' || key === 'restarts') continue;
    data[key] = value;
  }
  return data;
}

/** A candidate's options: its seed, the plan's steps, its directory; evaluated at its last step. */
export function candidateOptions<O extends RestartableOptions>(options: O, run: RestartRun): O {
  const steps = run.steps as number;
  return {
    ...options,
    seed: run.seed,
    steps,
    evalEvery: Math.min(options.evalEvery ?? steps, steps),
    checkpointDirectory: run.directory,
    resume: true,
  };
}

export async function trainWithNriRestarts<
  O extends RestartableOptions,
  R extends { model: { dispose(): void }; result: TrainResult },
>(options: O, restarts: RestartOptions, trainOnce: (options: O) => Promise<R>): Promise<R> {
  return trainWithRestarts<R>({
    name: 'trainNri',
    directory: options.checkpointDirectory as string,
    baseSeed: options.seed ?? 0,
    restarts,
    metric: METRIC,
    steps: options.steps,
    resume: options.resume === true,
    concurrency: options.restartConcurrency,
    worker: { url: WORKER_URL, data: workerData(options) },
    signal: options.signal,
    train: (run) =>
      run.index === null
        ? trainOnce({ ...options, seed: run.seed, resume: run.resume })
        : trainOnce(candidateOptions(options, run)),
    release: (outcome) => outcome.model.dispose(),
    // A candidate stopped in a worker: its model from its last checkpoint (no step is taken).
    stopped: async (run, result) => {
      const restored = await trainOnce({
        ...candidateOptions(options, run),
        onEvent: undefined,
        signal: AbortSignal.abort(),
      });
      return { ...restored, result };
    },
    onWorkerEvent: (event, run) => options.onEvent?.(event, run),
    onRestart: (event) => {
      if (options.onCandidate === undefined) return;
      if (event.type === 'candidate-start') options.onCandidate(event);
      else if (event.type === 'candidate-end')
        options.onCandidate({
          type: 'candidate-end',
          index: event.index,
          seed: event.seed,
          elbo: event.value,
        });
      else options.onCandidate({ type: 'chosen', seed: event.seed, elbo: event.value });
    },
  });
}
