// Baselines (control variates) for the score-function estimator. A baseline b may depend on
// anything but the sample it is subtracted from; then E[(f − b) ∇ log p] = E[f ∇ log p].
import * as tf from '@tensorflow/tfjs-core';
import { checkObject, checkTensor, show } from './validate.js';

/** JSON-serialisable state of a MovingAverageBaseline (store it in checkpoints). */
export interface MovingAverageBaselineState {
  decay: number;
  /** The raw exponential moving average (not bias-corrected). */
  average: number;
  /** Number of updates folded in so far. */
  count: number;
}

function checkDecay(value: unknown): number {
  if (typeof value !== 'number')
    throw new TypeError(`MovingAverageBaseline: decay must be a number, got ${show(value)}`);
  if (!(value >= 0 && value < 1))
    throw new RangeError(`MovingAverageBaseline: decay must be in [0, 1), got ${show(value)}`);
  return value;
}

function meanOf(losses: tf.Tensor | ArrayLike<number> | number): number {
  let values: ArrayLike<number>;
  if (typeof losses === 'number') values = [losses];
  else if (losses instanceof tf.Tensor) values = losses.dataSync();
  else if (losses !== null && typeof losses === 'object' && typeof losses.length === 'number')
    values = losses;
  else
    throw new TypeError(
      `MovingAverageBaseline.update: losses must be a number, an array or a tf.Tensor, got ${show(losses)}`,
    );
  if (values.length === 0)
    throw new RangeError('MovingAverageBaseline.update: losses must not be empty, got 0 values');
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]))
      throw new RangeError(
        `MovingAverageBaseline.update: losses[${i}] must be finite, got ${values[i]}`,
      );
    sum += values[i];
  }
  return sum / values.length;
}

/**
 * An exponential moving average of past losses, bias-corrected like Adam's moments
 * (value = average / (1 − decay^count)), so early values are not pulled towards 0.
 * Read `value` BEFORE calling `update` with the current losses: a baseline built from the very
 * samples it is subtracted from would bias the gradient.
 */
export class MovingAverageBaseline {
  #decay: number;
  #average = 0;
  #count = 0;

  constructor(options: { decay?: number } = {}) {
    checkObject('MovingAverageBaseline', 'options', options);
    this.#decay = checkDecay(options.decay === undefined ? 0.9 : options.decay);
  }

  get decay(): number {
    return this.#decay;
  }

  /** The current baseline: 0 before the first update. */
  get value(): number {
    return this.#count === 0 ? 0 : this.#average / (1 - this.#decay ** this.#count);
  }

  /** Folds the mean of `losses` into the average; returns the new value. */
  update(losses: tf.Tensor | ArrayLike<number> | number): number {
    const mean = meanOf(losses);
    this.#average = this.#decay * this.#average + (1 - this.#decay) * mean;
    this.#count++;
    return this.value;
  }

  getState(): MovingAverageBaselineState {
    return { decay: this.#decay, average: this.#average, count: this.#count };
  }

  setState(state: MovingAverageBaselineState): void {
    const s = checkObject('MovingAverageBaseline.setState', 'state', state);
    const decay = checkDecay(s.decay);
    if (typeof s.average !== 'number' || !Number.isFinite(s.average))
      throw new RangeError(
        `MovingAverageBaseline.setState: state.average must be a finite number, got ${show(s.average)}`,
      );
    if (typeof s.count !== 'number' || !Number.isInteger(s.count) || s.count < 0)
      throw new RangeError(
        `MovingAverageBaseline.setState: state.count must be an integer ≥ 0, got ${show(s.count)}`,
      );
    this.#decay = decay;
    this.#average = s.average;
    this.#count = s.count;
  }
}

/**
 * Leave-one-out baselines over S samples per item: for losses [S, batch],
 * b[s, i] = (Σ_{s'≠s} f[s', i]) / (S − 1). S ≥ 2.
 */
export function leaveOneOutBaseline(losses: tf.Tensor): tf.Tensor {
  const f = checkTensor('leaveOneOutBaseline', 'losses', losses, [2]);
  const samples = f.shape[0];
  if (samples < 2)
    throw new RangeError(
      `leaveOneOutBaseline: needs at least 2 samples (losses.shape[0]), got ${samples}`,
    );
  return tf.tidy(() => tf.div(tf.sub(tf.sum(f, 0, true), f), samples - 1));
}
