// What a restart selection reports besides each run's own training events.

export type RestartEvent =
  | {
      readonly type: 'candidate-start';
      readonly index: number;
      readonly seed: number;
      readonly candidates: number;
    }
  | {
      readonly type: 'candidate-end';
      readonly index: number;
      readonly seed: number;
      /** The selection metric's name and the candidate's value of it. */
      readonly metric: string;
      readonly value: number;
    }
  | {
      readonly type: 'chosen';
      readonly seed: number;
      readonly metric: string;
      readonly value: number;
    };

/** Which run a training event came from: a candidate (its index) or the continued run (null). */
export interface RunIdentity {
  readonly index: number | null;
  readonly seed: number;
}
