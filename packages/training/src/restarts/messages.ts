// The messages between trainWithRestarts and a candidate's worker thread.
import type { TrainingEvent } from '../events.js';
import type { TrainResult } from '../train.js';
import type { RestartRun } from './plan.js';

/** The worker's `workerData`. */
export interface CandidateWorkerData {
  /** CandidateWorker.data, as given. */
  readonly data: unknown;
  readonly run: RestartRun;
  /** The parent's tfjs backend, so the worker computes what the sequential run would. */
  readonly backend: string;
}

/** Parent → worker. */
export type ToCandidate = { readonly type: 'abort' };

/** Worker → parent. */
export type FromCandidate =
  | { readonly type: 'event'; readonly event: TrainingEvent }
  | { readonly type: 'done'; readonly result: TrainResult }
  | { readonly type: 'error'; readonly name: string; readonly message: string };
