// Batch norm over rows, as PyTorch's BatchNorm1d: in training the rows are normalised by the
// batch's own mean and biased variance (ε = 1e-5), then scaled by γ and shifted by β (trainable,
// start 1 and 0); each training call also moves the running mean and the running (unbiased)
// variance, kept as NON-trainable variables, by momentum 0.1. In evaluation the running
// statistics normalise instead, so a prediction does not depend on the rest of its batch.
// A training loop that calls the model once per step updates once per step, as PyTorch; pass
// `updateStatistics: false` for extra training-mode passes (e.g. re-running an encoder on batch
// slices) so that each step still counts once.
//
// Data-parallel replicas (`crossReplica`, the project's shared contract): the statistics are those
// of the whole batch across replicas, mean = sum(fill([1, rows], 1/totalRows)·h) and likewise the
// variance, and the running variance uses totalRows/(totalRows − 1). Without it the single-process
// path below is unchanged (bit-identical to the NRI checkpoints made before this package).
import * as tf from '@tensorflow/tfjs-core';
import { checkInteger } from './check.js';
import type { ParameterSet } from './parameters.js';

/** Batch norm across data-parallel replicas (see the file comment). */
export interface CrossReplica {
  /** Sums x over all replicas of this step (every replica gets the same result). Differentiable:
   *  its gradient is the cross-replica sum of the upstream gradients. */
  sum(x: tf.Tensor): tf.Tensor;
  /** Rows of the whole batch, all replicas together. */
  totalRows: number;
}

export interface ModeOptions {
  /** Batch statistics (true) or running averages (false). */
  training: boolean;
  /** Move the running statistics (training mode only); default true. */
  updateStatistics?: boolean;
  /** Training mode only: statistics over the whole batch of all replicas. */
  crossReplica?: CrossReplica;
}

const EPSILON = 1e-5;
const MOMENTUM = 0.1;

export class BatchNorm {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly runningMean: tf.Variable;
  readonly runningVariance: tf.Variable;

  /** Variables `<name>.gamma`, `.beta`, `.runningMean`, `.runningVariance`, each [features]. */
  constructor(
    params: ParameterSet,
    readonly name: string,
    readonly features: number,
  ) {
    checkInteger(name, 'features', features, 1);
    this.gamma = params.add(`${name}.gamma`, tf.ones([features]));
    this.beta = params.add(`${name}.beta`, tf.zeros([features]));
    this.runningMean = params.add(`${name}.runningMean`, tf.zeros([features]), false);
    this.runningVariance = params.add(`${name}.runningVariance`, tf.ones([features]), false);
  }

  /** h [rows, features] → normalised rows. */
  apply(h: tf.Tensor2D, mode: ModeOptions): tf.Tensor2D {
    if (h.rank !== 2 || h.shape[1] !== this.features) {
      throw new RangeError(
        `${this.name}: input must be [rows, ${this.features}], got [${h.shape}]`,
      );
    }
    const rows = h.shape[0];
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (mode.training) {
      const cross = mode.crossReplica;
      if (cross === undefined) {
        // Means over rows as ones[1, rows]·h: a plain matMul, no non-innermost reduction.
        const ones = tf.fill([1, rows], 1 / rows) as tf.Tensor2D;
        mean = tf.matMul(ones, h);
        variance = tf.matMul(ones, tf.square(tf.sub(h, mean)) as tf.Tensor2D);
        if (mode.updateStatistics !== false) this.update(mean, variance, rows);
      } else {
        const total = this.checkCrossReplica(cross, rows);
        const ones = tf.fill([1, rows], 1 / total) as tf.Tensor2D;
        mean = cross.sum(tf.matMul(ones, h));
        variance = cross.sum(tf.matMul(ones, tf.square(tf.sub(h, mean)) as tf.Tensor2D));
        if (mode.updateStatistics !== false) this.update(mean, variance, total);
      }
    } else {
      mean = this.runningMean;
      variance = this.runningVariance;
    }
    const scale = tf.mul(this.gamma, tf.rsqrt(tf.add(variance, EPSILON)));
    return tf.add(tf.mul(tf.sub(h, mean), scale), this.beta) as tf.Tensor2D;
  }

  private checkCrossReplica(cross: CrossReplica, rows: number): number {
    if (typeof cross.sum !== 'function') {
      throw new TypeError(
        `${this.name}: crossReplica.sum must be a function, got ${typeof cross.sum}`,
      );
    }
    return checkInteger(this.name, 'crossReplica.totalRows', cross.totalRows, Math.max(rows, 1));
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
