// The NRI MLP block: fc → ELU → fc → ELU → batch norm over rows (the reference's MLP with
// its default dropout 0: dropout is not implemented here).
//
// Batch norm, as PyTorch's BatchNorm1d that the reference uses: in training the rows are
// normalised by the batch's own mean and biased variance (ε = 1e-5), then scaled by γ and shifted
// by β (trainable, start 1 and 0); each training call also moves the running mean and the
// running (unbiased) variance, kept as NON-trainable variables, by momentum 0.1. In evaluation
// the running statistics normalise instead, so a prediction does not depend on the rest of its
// batch. The training loop calls loss() once per step, so that is one update per step, as in
// PyTorch; pass `updateStatistics: false` for extra training-mode passes (e.g. re-running the
// encoder on batch slices, PERF-NOTES 4) so that each step still counts once.
import * as tf from '@tensorflow/tfjs-core';
import type { DenseLayer } from './dense.js';
import { applyDense } from './dense.js';
import type { ParameterSet } from './parameters.js';

export interface ModeOptions {
  /** Batch statistics (true) or running averages (false). */
  training: boolean;
  /** Move the running statistics (training mode only); default true. */
  updateStatistics?: boolean;
  /**
   * Data-parallel training: normalise over the WHOLE batch, all replicas together (the shared
   * batch-norm contract). Without it the statistics are this call's rows' own.
   */
  crossReplica?: CrossReplica;
}

export interface CrossReplica {
  /** Sums x over all replicas of this step (every replica gets the same result). Differentiable:
   *  its gradient is the cross-replica sum of the upstream gradients. */
  sum(x: tf.Tensor): tf.Tensor;
  /** Rows of the whole batch, all replicas together. */
  totalRows: number;
}

export interface MlpOptions {
  inputs: number;
  hidden: number;
  outputs: number;
}

const EPSILON = 1e-5;
const MOMENTUM = 0.1;

export class Mlp {
  readonly fc1: DenseLayer;
  readonly fc2: DenseLayer;
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly runningMean: tf.Variable;
  readonly runningVariance: tf.Variable;

  constructor(params: ParameterSet, name: string, options: MlpOptions) {
    const { inputs, hidden, outputs } = options;
    for (const [key, value] of Object.entries(options)) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${name}: ${key} must be an integer ≥ 1, got ${value}`);
      }
    }
    this.fc1 = params.dense(`${name}.fc1`, inputs, hidden, 'xavier-normal');
    this.fc2 = params.dense(`${name}.fc2`, hidden, outputs, 'xavier-normal');
    this.gamma = params.add(`${name}.bn.gamma`, tf.ones([outputs]));
    this.beta = params.add(`${name}.bn.beta`, tf.zeros([outputs]));
    this.runningMean = params.add(`${name}.bn.runningMean`, tf.zeros([outputs]), false);
    this.runningVariance = params.add(`${name}.bn.runningVariance`, tf.ones([outputs]), false);
  }

  apply(x: tf.Tensor2D, mode: ModeOptions): tf.Tensor2D {
    const h = tf.elu(applyDense(this.fc2, tf.elu(applyDense(this.fc1, x)) as tf.Tensor2D));
    return this.batchNorm(h as tf.Tensor2D, mode);
  }

  private batchNorm(h: tf.Tensor2D, mode: ModeOptions): tf.Tensor2D {
    const rows = h.shape[0];
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    const cross = mode.crossReplica;
    if (mode.training && cross !== undefined) {
      const ones = tf.fill([1, rows], 1 / cross.totalRows) as tf.Tensor2D;
      mean = cross.sum(tf.matMul(ones, h));
      variance = cross.sum(tf.matMul(ones, tf.square(tf.sub(h, mean)) as tf.Tensor2D));
      if (mode.updateStatistics !== false) this.update(mean, variance, cross.totalRows);
    } else if (mode.training) {
      // Means over rows as ones[1, rows]·h: a plain matMul, no non-innermost reduction.
      const ones = tf.fill([1, rows], 1 / rows) as tf.Tensor2D;
      mean = tf.matMul(ones, h);
      variance = tf.matMul(ones, tf.square(tf.sub(h, mean)) as tf.Tensor2D);
      if (mode.updateStatistics !== false) this.update(mean, variance, rows);
    } else {
      mean = this.runningMean;
      variance = this.runningVariance;
    }
    const scale = tf.mul(this.gamma, tf.rsqrt(tf.add(variance, EPSILON)));
    return tf.add(tf.mul(tf.sub(h, mean), scale), this.beta) as tf.Tensor2D;
  }

  private update(mean: tf.Tensor, variance: tf.Tensor, rows: number): void {
    const unbiased = rows > 1 ? rows / (rows - 1) : 1;
    tf.tidy(() => {
      const m = tf.reshape(mean, this.runningMean.shape);
      const v = tf.reshape(tf.mul(variance, unbiased), this.runningVariance.shape);
      this.runningMean.assign(tf.add(tf.mul(this.runningMean, 1 - MOMENTUM), tf.mul(m, MOMENTUM)));
      this.runningVariance.assign(
        tf.add(tf.mul(this.runningVariance, 1 - MOMENTUM), tf.mul(v, MOMENTUM)),
      );
    });
  }
}
