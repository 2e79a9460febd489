// The messages between the main thread's ReplicaPool and its workers (replica-worker.ts).
import type { RandomGeneratorState } from '@sst-tricks/sst-core';
import type { ReplicaFactory } from '../model.js';
import type { VariableLayout } from './shared-variables.js';

export interface ReplicaWorkerData {
  readonly factory: ReplicaFactory;
  /** The tfjs backend to select in the worker (the main thread's). */
  readonly backend: string;
  readonly replica: number;
  readonly replicas: number;
  readonly layout: VariableLayout;
  readonly variables: SharedArrayBuffer;
  /** This replica's gradients (layout.gradientSize float32). */
  readonly gradients: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly slots: SharedArrayBuffer;
  readonly capacity: number;
  readonly timeoutMs: number;
}

export interface StepRequest {
  readonly type: 'step';
  readonly step: number;
  readonly totalSteps: number;
  readonly generator: RandomGeneratorState;
  readonly batch: unknown;
  readonly start: number;
  readonly count: number;
  readonly total: number;
}

export type WorkerRequest = StepRequest | { readonly type: 'close' };

export type WorkerReply =
  | { readonly type: 'ready' }
  | {
      readonly type: 'done';
      readonly loss: number;
      readonly generator: RandomGeneratorState;
      /** Per trainable slot (layout order): whether the loss reached that variable. */
      readonly reached: readonly boolean[];
      /** Replica 0 only: the non-trainable variables' values after the step (layout order). */
      readonly statistics: ReadonlyArray<Float32Array | Int32Array> | null;
      readonly timings: ReplicaTimings;
    }
  | {
      readonly type: 'error';
      readonly message: string;
      readonly stack: string | undefined;
      /** True when this replica only stopped because another one failed (the abort flag). */
      readonly aborted: boolean;
    };

/** Where a replica's step went, in milliseconds (ReplicaPool.profile sums them). */
export interface ReplicaTimings {
  /** Shared variables → the replica's variables. */
  readonly read: number;
  /** The shard's forward and backward under one tape, barrier waits included. */
  readonly compute: number;
  /** Of which blocked at cross-replica sums, waiting for the other replicas. */
  readonly wait: number;
  /** Cross-replica sums (barriers) this step. */
  readonly sums: number;
  /** Gradients → the shared gradient buffer, statistics and loss read back. */
  readonly write: number;
}
