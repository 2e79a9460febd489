// Random restarts for any model on the loop. Some initialisations get stuck (NRI locks onto the
// complement of the true graph in one seed in three) and by a few hundred steps such a run has a
// clearly worse validation metric. So: train `candidates` seeds (base, base + 1, …) for `steps`
// steps each, keep the one with the best value of a named validation metric, and continue it to
// the full step count. With `restarts.accept`, the first candidate that is good enough is kept
// and the later ones are not trained: a seed that trains costs nothing extra.
//
// Layout of the run directory D:
//   D/restarts.json     the plan and, once every candidate is done, their metrics and the choice
//                       (selection.ts)
//   D/restart-<i>/      candidate i's checkpoints and metrics log (resumable like any run)
//   D/                  the continued run: it starts from the winner's last checkpoint, with the
//                       winner's metrics log copied in, so D's log covers every step
// A resume finishes what was interrupted: an unfinished candidate continues from its last
// checkpoint, a finished one is not retrained (its run resumes at its last step and stops), a
// made choice is kept. Each candidate is an independent run, so they may also train at the same
// time, each in its own worker thread (`concurrency`, candidate-pool.ts), with the same results.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { latestCheckpoint } from '../checkpoint/store.js';
import type { TrainingEvent } from '../events.js';
import type { TrainResult } from '../train.js';
import { type CandidateWorker, runCandidatesInWorkers } from './candidate-pool.js';
import type { RestartEvent, RunIdentity } from './events.js';
import {
  accepted,
  beats,
  checkRestartMetric,
  checkRestartPlan,
  type RestartMetric,
  type RestartPlan,
  type RestartRun,
} from './plan.js';
import {
  type CandidateRecord,
  candidateDirectory,
  readRestartSelection,
  writeRestartSelection,
} from './selection.js';

export interface TrainWithRestartsOptions<R extends { readonly result: TrainResult }> {
  /** The run directory D (created if needed). */
  readonly directory: string;
  /** Candidate i trains with seed baseSeed + i (default 0). */
  readonly baseSeed?: number;
  readonly restarts: RestartPlan;
  /** The metric of the candidates' last evaluation that picks the winner. */
  readonly metric: RestartMetric;
  /** The run's total steps (must exceed restarts.steps); on resume, the selection's when left out. */
  readonly steps?: number;
  /** Continue what D holds (default false: D must not hold a run yet). */
  readonly resume?: boolean;
  /**
   * Trains one run in this thread, with its seed, steps, directory and resume. It must evaluate
   * at its last step (the candidates are compared by that evaluation) and checkpoint to
   * `run.directory`. Used for every candidate when `concurrency` is 1, and for the continued run.
   */
  readonly train: (run: RestartRun) => Promise<R>;
  /** Called with a candidate's result once its metric is read (e.g. to dispose its model). */
  readonly release?: (result: R) => void;
  /**
   * Candidates training at once (default 1). Above 1 each candidate runs in its own worker
   * thread (see `worker`); the results are those of the sequential run.
   */
  readonly concurrency?: number;
  /** How to train a candidate in a worker thread; required when concurrency > 1. */
  readonly worker?: CandidateWorker;
  /**
   * The result to return when `signal` stopped a candidate running in a worker (its model
   * lives in the worker): e.g. rebuild the model from the candidate's last checkpoint.
   */
  readonly stopped?: (run: RestartRun, result: TrainResult) => Promise<R> | R;
  /** Stops the runs after their current step (each writes a checkpoint first). */
  readonly signal?: AbortSignal;
  readonly onRestart?: (event: RestartEvent) => void;
  /** Training events of candidates running in workers (in-thread runs report through `train`). */
  readonly onWorkerEvent?: (event: TrainingEvent, run: RunIdentity) => void;
  /** Names the caller in error messages (default 'trainWithRestarts'). */
  readonly name?: string;
}

/** Trains the candidates (or finishes them), chooses by the metric, continues the winner. */
export async function trainWithRestarts<R extends { readonly result: TrainResult }>(
  options: TrainWithRestartsOptions<R>,
): Promise<R> {
  const where = options.name ?? 'trainWithRestarts';
  checkRestartPlan(where, options.restarts);
  checkRestartMetric(where, options.metric);
  const { directory, metric } = options;
  if (typeof directory !== 'string' || directory === '') {
    throw new RangeError(`${where}: restarts need a checkpointDirectory`);
  }
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`${where}: concurrency must be an integer ≥ 1, got ${concurrency}`);
  }
  if (concurrency > 1 && (options.worker === undefined || options.stopped === undefined)) {
    throw new TypeError(
      `${where}: concurrency ${concurrency} needs options.worker and options.stopped`,
    );
  }
  if (options.steps !== undefined && options.steps <= options.restarts.steps) {
    throw new RangeError(
      `${where}: steps must exceed restarts.steps (${options.restarts.steps}), got ${options.steps}`,
    );
  }
  const baseSeed = options.baseSeed ?? 0;
  let selection = readRestartSelection(directory, metric.name, where);
  const started =
    selection !== null ||
    existsSync(candidateDirectory(directory, 0)) ||
    latestCheckpoint(directory) !== null;
  if (started && options.resume !== true) {
    throw new RangeError(
      `${where}: ${directory} already holds a run; resume it (resume: true) or use a new directory`,
    );
  }
  if (selection !== null && selection.baseSeed !== baseSeed) {
    throw new RangeError(
      `${where}: seed ${baseSeed} differs from the restart selection's base seed ${selection.baseSeed} in ${directory}`,
    );
  }
  if (selection === null) {
    mkdirSync(directory, { recursive: true });
    selection = {
      baseSeed,
      restarts: {
        candidates: options.restarts.candidates,
        steps: options.restarts.steps,
        ...(options.restarts.accept === undefined ? {} : { accept: options.restarts.accept }),
      },
      totalSteps: options.steps ?? null,
      candidates: [],
      chosen: null,
    };
    writeRestartSelection(directory, selection);
  }
  const plan = selection.restarts;
  if (selection.chosen === null) {
    const runs = Array.from({ length: plan.candidates }, (_, index) => ({
      index,
      seed: baseSeed + index,
      steps: plan.steps,
      directory: candidateDirectory(directory, index),
      resume: true as const,
    }));
    const score = (run: RestartRun, result: TrainResult): CandidateRecord => {
      const value = lastMetric(where, run, result, metric.name);
      options.onRestart?.({
        type: 'candidate-end',
        index: run.index as number,
        seed: run.seed,
        metric: metric.name,
        value,
      });
      return { seed: run.seed, [metric.name]: value } as CandidateRecord;
    };
    const announce = (run: RestartRun) =>
      options.onRestart?.({
        type: 'candidate-start',
        index: run.index as number,
        seed: run.seed,
        candidates: plan.candidates,
      });
    const tried: CandidateRecord[] = [];
    if (concurrency === 1) {
      for (const run of runs) {
        announce(run);
        const outcome = await options.train(run);
        // Aborted (Ctrl-C): the candidate has its checkpoint; a resume continues the selection.
        if (outcome.result.stopped) return outcome;
        options.release?.(outcome);
        const record = score(run, outcome.result);
        tried.push(record);
        if (accepted(metric, plan, record[metric.name])) break;
      }
    } else {
      const results = await runCandidatesInWorkers({
        runs,
        concurrency,
        worker: options.worker as CandidateWorker,
        signal: options.signal,
        where,
        onStart: announce,
        onEvent: options.onWorkerEvent,
        onEnd: (run, result) => {
          if (!result.stopped) tried[run.index as number] = score(run, result);
        },
      });
      const stopped = results.findIndex((result) => result?.stopped === true);
      if (stopped >= 0) {
        const rebuild = options.stopped as NonNullable<typeof options.stopped>;
        return rebuild(runs[stopped], results[stopped] as TrainResult);
      }
    }
    // The first good-enough candidate (the sequential loop stopped there), else the best.
    const first = tried.findIndex((c) => accepted(metric, plan, c[metric.name]));
    const kept = first >= 0 ? tried.slice(0, first + 1) : tried;
    const best = kept.reduce((a, b) => (beats(metric, b[metric.name], a[metric.name]) ? b : a));
    const chosen = first >= 0 ? kept[first] : best;
    selection = { ...selection, candidates: kept, chosen: chosen.seed };
    writeRestartSelection(directory, selection);
  }
  const chosen = selection.chosen as number;
  const value = selection.candidates.find((c) => c.seed === chosen)?.[metric.name] ?? Number.NaN;
  options.onRestart?.({ type: 'chosen', seed: chosen, metric: metric.name, value });
  // The continued run: from D's own checkpoint if it has one, else from the winner's last.
  let resume: true | string = true;
  if (latestCheckpoint(directory) === null) {
    if (options.steps === undefined) {
      throw new RangeError(`${where}: steps is required to continue the chosen restart candidate`);
    }
    const winnerDir = candidateDirectory(directory, chosen - baseSeed);
    const winner = latestCheckpoint(winnerDir);
    if (winner === null) throw new RangeError(`${where}: no checkpoint in ${winnerDir}`);
    copyFileSync(join(winnerDir, 'metrics.jsonl'), join(directory, 'metrics.jsonl'));
    resume = winner;
  }
  return options.train({ index: null, seed: chosen, steps: options.steps, directory, resume });
}

/** The selection metric of the candidate's last evaluation, which must be at its last step. */
function lastMetric(where: string, run: RestartRun, result: TrainResult, name: string): number {
  const last = result.evaluations.at(-1);
  const label = `restart candidate ${run.index} (seed ${run.seed}, ${run.directory})`;
  if (last === undefined || last.step !== result.step) {
    throw new RangeError(
      `${where}: ${label} has no evaluation at its last step ${result.step}; the candidates are compared by it (configure the run's evaluation)`,
    );
  }
  const value = last.metrics[name];
  if (typeof value !== 'number') {
    throw new RangeError(
      `${where}: the evaluation of ${label} reports no metric ${JSON.stringify(name)} (it reports ${Object.keys(last.metrics).join(', ') || 'nothing'})`,
    );
  }
  return value;
}
