// Restart candidates trained at the same time, each in its own worker thread (wasm runs one
// thread per backend, so on a 2-core machine two candidates use both cores). Each candidate is
// an independent run with its own seed and directory, so its result is what it would have been
// in sequence. The pool starts the runs in index order, `concurrency` at a time, forwards their
// events, and on Ctrl-C asks every running candidate to stop (each writes a checkpoint). A
// candidate that fails stops the others the same way, and the pool then rejects with an error
// naming it: every other candidate's checkpoints are intact, and a resume retries.
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type { TrainingEvent } from '../events.js';
import type { TrainResult } from '../train.js';
import type { RunIdentity } from './events.js';
import type { CandidateWorkerData, FromCandidate, ToCandidate } from './messages.js';
import type { RestartRun } from './plan.js';

/** How a worker thread trains a candidate. */
export interface CandidateWorker {
  /** A module that calls `serveRestartCandidate(trainer)` (candidate-worker.ts). */
  readonly url: URL;
  /** Structured-cloneable data passed to the trainer with every run (e.g. the model options). */
  readonly data?: unknown;
  /** Node options of the worker (default: this process's, `process.execArgv`). */
  readonly execArgv?: readonly string[];
}

/** A candidate's worker failed; the other candidates were stopped with their checkpoints. */
export class RestartCandidateError extends Error {
  override readonly name = 'RestartCandidateError';
  constructor(
    message: string,
    /** The failed candidate's index and seed. */
    readonly index: number,
    readonly seed: number,
  ) {
    super(message);
  }
}

interface PoolOptions {
  readonly runs: readonly RestartRun[];
  readonly concurrency: number;
  readonly worker: CandidateWorker;
  readonly signal: AbortSignal | undefined;
  readonly where: string;
  readonly onStart: (run: RestartRun) => void;
  readonly onEnd: (run: RestartRun, result: TrainResult) => void;
  readonly onEvent: ((event: TrainingEvent, run: RunIdentity) => void) | undefined;
}

/**
 * Every run's result, by index. Once stopped (signal, or a failure) no new run starts; if then no
 * started run reports `stopped`, the first unstarted one is started already stopped, so the
 * caller always gets a real stopped result (its checkpoint at the step it reached).
 */
export async function runCandidatesInWorkers(
  options: PoolOptions,
): Promise<(TrainResult | undefined)[]> {
  const { runs, worker, where } = options;
  const backend = tf.getBackend();
  const results: (TrainResult | undefined)[] = runs.map(() => undefined);
  const live = new Set<Worker>();
  let next = 0;
  // In an object: TypeScript would narrow a plain `let` to null across the awaits below.
  const state: { failure: RestartCandidateError | null } = { failure: null };
  const stopping = () => options.signal?.aborted === true || state.failure !== null;
  const stopAll = () => {
    for (const w of live) w.postMessage({ type: 'abort' } satisfies ToCandidate);
  };
  options.signal?.addEventListener('abort', stopAll);

  const runOne = (run: RestartRun, stopNow: boolean): Promise<void> =>
    new Promise((resolve) => {
      options.onStart(run);
      const label = `restart candidate ${run.index} (seed ${run.seed}, ${run.directory})`;
      const workerData: CandidateWorkerData = { data: worker.data, run, backend };
      const thread = new Worker(worker.url, {
        workerData,
        execArgv: [...(worker.execArgv ?? process.execArgv)],
      });
      live.add(thread);
      if (stopNow) thread.postMessage({ type: 'abort' } satisfies ToCandidate);
      let settled = false;
      const fail = (message: string) => {
        if (state.failure === null) {
          state.failure = new RestartCandidateError(
            `${where}: ${label} failed: ${message}; the other candidates were stopped with their checkpoints intact (resume to continue)`,
            run.index as number,
            run.seed,
          );
          stopAll();
        }
      };
      const finish = () => {
        if (settled) return;
        settled = true;
        live.delete(thread);
        void thread.terminate();
        resolve();
      };
      thread.on('message', (message: FromCandidate) => {
        if (message.type === 'event') {
          options.onEvent?.(message.event, { index: run.index, seed: run.seed });
        } else if (message.type === 'done') {
          results[run.index as number] = message.result;
          try {
            options.onEnd(run, message.result);
          } catch (error) {
            fail((error as Error).message);
          }
          finish();
        } else {
          fail(`${message.name}: ${message.message}`);
          finish();
        }
      });
      thread.on('error', (error) => {
        fail(`${error.name}: ${error.message}`);
        finish();
      });
      thread.on('exit', (code) => {
        if (!settled) fail(`its worker exited with code ${code} before reporting a result`);
        finish();
      });
    });

  const lane = async (): Promise<void> => {
    while (next < runs.length && !stopping()) await runOne(runs[next++], false);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, runs.length) }, lane));
    if (state.failure !== null) throw state.failure;
    const unfinished = results.some((r) => r === undefined || r.stopped);
    if (unfinished && !results.some((r) => r?.stopped === true) && next < runs.length) {
      await runOne(runs[next], true);
      if (state.failure !== null) throw state.failure;
    }
    return results;
  } finally {
    options.signal?.removeEventListener('abort', stopAll);
  }
}
