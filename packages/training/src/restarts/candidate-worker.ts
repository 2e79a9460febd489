// The worker-thread side of parallel restart candidates: a worker script (CandidateWorker.url)
// calls `serveRestartCandidate` with a function that trains one candidate. It gets the run (seed,
// steps, directory), the caller's data, and hooks that forward the loop's events to the parent and
// stop the run when the parent asks (Ctrl-C, or another candidate crashed).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { type BackendName, selectBackend } from '@sst-tricks/sst-core';
import type { TrainingEvent } from '../events.js';
import type { TrainResult } from '../train.js';
import type { CandidateWorkerData, FromCandidate, ToCandidate } from './messages.js';
import type { RestartRun } from './plan.js';

export interface CandidateHooks {
  /** Pass as the loop's onEvent: forwards each event to the parent. */
  readonly onEvent: (event: TrainingEvent) => void;
  /** Pass as the loop's signal: aborted when the parent stops the candidates. */
  readonly signal: AbortSignal;
}

/** Trains one candidate (checkpointing to run.directory, evaluating at its last step). */
export type CandidateTrainer<Data> = (
  data: Data,
  run: RestartRun,
  hooks: CandidateHooks,
) => Promise<TrainResult>;

/** Runs `trainer` for the candidate this worker was started for, then reports its result. */
export function serveRestartCandidate<Data>(trainer: CandidateTrainer<Data>): void {
  const port = parentPort;
  if (isMainThread || port === null) {
    throw new Error(
      'serveRestartCandidate: must run in a worker thread started by trainWithRestarts (options.worker)',
    );
  }
  const { data, run, backend } = workerData as CandidateWorkerData;
  const controller = new AbortController();
  port.on('message', (message: ToCandidate) => {
    if (message?.type === 'abort') controller.abort();
  });
  const send = (message: FromCandidate) => port.postMessage(message);
  (async () => {
    await selectBackend(backend as BackendName);
    const result = await trainer(data as Data, run, {
      onEvent: (event) => send({ type: 'event', event }),
      signal: controller.signal,
    });
    // Plain data only: a result with extra fields (or a model) cannot cross the thread boundary.
    send({ type: 'done', result: { ...result, evaluations: [...result.evaluations] } });
  })().catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    send({ type: 'error', name: e.name, message: e.message });
  });
}
