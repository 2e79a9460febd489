// What the loop reports while it runs. No package prints: an app subscribes with `onEvent` and
// renders (the CLI draws a bar with `renderProgress`, throttled by the app — the loop emits a
// 'step' event after every step and leaves rate limiting to whoever draws).
import type { Metrics } from './model.js';

export interface StartEvent {
  readonly type: 'start';
  /** Updates already done (0, or the step of the checkpoint resumed from). */
  readonly step: number;
  readonly totalSteps: number;
  /** The manifest resumed from, or null for a fresh run. */
  readonly resumedFrom: string | null;
}

export interface StepEvent {
  readonly type: 'step';
  /** Updates completed, including this one (1 after the first step). */
  readonly step: number;
  readonly totalSteps: number;
  /** The loss of this step's batch, before the update. */
  readonly loss: number;
  /** Over the last ≤ 50 steps, evaluation and checkpoint pauses included. */
  readonly stepsPerSecond: number;
  /** Remaining steps at that rate (Infinity before the rate is known). */
  readonly etaSeconds: number;
  /** Training wall time, summed over resumed runs. */
  readonly elapsedSeconds: number;
}

export interface EvalEvent {
  readonly type: 'eval';
  readonly step: number;
  readonly totalSteps: number;
  readonly metrics: Metrics;
  /** How long the evaluation took. */
  readonly seconds: number;
}

export interface CheckpointEvent {
  readonly type: 'checkpoint';
  readonly step: number;
  readonly totalSteps: number;
  /** The manifest written. */
  readonly path: string;
  readonly seconds: number;
}

export interface DoneEvent {
  readonly type: 'done';
  readonly step: number;
  readonly totalSteps: number;
  /** The last step's loss (null if the run took no step). */
  readonly loss: number | null;
  /** The last evaluation's metrics, or null. */
  readonly metrics: Metrics | null;
  readonly elapsedSeconds: number;
  /** True when `signal` stopped the run before totalSteps. */
  readonly stopped: boolean;
  /** The last checkpoint written (or resumed from), or null. */
  readonly checkpoint: string | null;
}

export type TrainingEvent = StartEvent | StepEvent | EvalEvent | CheckpointEvent | DoneEvent;
