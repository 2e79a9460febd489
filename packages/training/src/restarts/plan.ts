// What a restart selection is asked to do: how many candidates, how long each trains, and the
// validation metric that picks the winner. Checked before anything is trained.

/** How many seeds to try and how long each trains before the choice. */
export interface RestartPlan {
  /** Seeds to try: baseSeed, baseSeed + 1, … (1 = no restarts). */
  readonly candidates: number;
  /** Steps each candidate trains before the choice (counted in the run's total). */
  readonly steps: number;
  /**
   * Good enough: the first candidate whose metric reaches this value (≥ for 'higher', ≤ for
   * 'lower') is kept and the later ones are not trained. Without it every candidate trains and
   * the best is kept. With candidates training at once, all of them train and the choice is the
   * same (the first that reaches it, else the best).
   */
  readonly accept?: number;
}

/** The validation metric the candidates are compared by (a key of the evaluation's metrics). */
export interface RestartMetric {
  readonly name: string;
  /** 'higher' (e.g. an ELBO or an accuracy) or 'lower' (e.g. a loss) is better. */
  readonly better: 'higher' | 'lower';
}

export function checkRestartPlan(where: string, restarts: RestartPlan): void {
  const { candidates, steps } = restarts ?? ({} as RestartPlan);
  if (!Number.isInteger(candidates) || candidates < 1) {
    throw new RangeError(`${where}: restarts.candidates must be an integer ≥ 1, got ${candidates}`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`${where}: restarts.steps must be an integer ≥ 1, got ${steps}`);
  }
  const { accept } = restarts;
  if (accept !== undefined && !(typeof accept === 'number' && Number.isFinite(accept))) {
    throw new RangeError(
      `${where}: restarts.accept must be a finite number when given, got ${typeof accept === 'number' ? accept : JSON.stringify(accept)}`,
    );
  }
}

export function checkRestartMetric(where: string, metric: RestartMetric): void {
  if (typeof metric?.name !== 'string' || metric.name === '' || metric.name === 'seed') {
    throw new TypeError(
      `${where}: metric.name must be a non-empty string other than "seed", got ${JSON.stringify(metric?.name)}`,
    );
  }
  if (metric.better !== 'higher' && metric.better !== 'lower') {
    throw new TypeError(
      `${where}: metric.better must be 'higher' or 'lower', got ${JSON.stringify(metric.better)}`,
    );
  }
}

/** True when `value` reaches the plan's `accept` under `metric` (false without one). */
export function accepted(metric: RestartMetric, plan: RestartPlan, value: number): boolean {
  if (plan.accept === undefined) return false;
  return metric.better === 'higher' ? value >= plan.accept : value <= plan.accept;
}

/** True when `a` beats `b` under `metric` (a tie keeps the earlier candidate). */
export function beats(metric: RestartMetric, a: number, b: number): boolean {
  return metric.better === 'higher' ? a > b : a < b;
}

/** One run the selection asks for: a candidate, or the continuation of the winner. */
export interface RestartRun {
  /** The candidate's index, or null for the continued run. */
  readonly index: number | null;
  readonly seed: number;
  /** A candidate: the plan's steps; the continued run: the run's total (undefined: the checkpoint's). */
  readonly steps: number | undefined;
  /** Where the run's checkpoints and metrics log go. */
  readonly directory: string;
  /** Always resumable: true = the newest checkpoint in `directory` if any; a path = that one. */
  readonly resume: true | string;
}
