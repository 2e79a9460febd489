// A multi-layer perceptron on rows: dense layers `<name>.fc1`, `<name>.fc2`, … with an activation
// after each (after the last too unless `activateOutput: false`), then optionally batch norm
// `<name>.bn` over rows. The defaults are the NRI reference's MLP block
//   fc → ELU → fc → ELU → batch norm
// (xavier-normal init, dropout 0), whose variable names (`<name>.fc1.weights`,
// `<name>.bn.runningMean`, …) existing NRI checkpoints use.
import type * as tf from '@tensorflow/tfjs-core';
import { ACTIVATIONS, type Activation, activate } from './activation.js';
import type { ModeOptions } from './batch-norm.js';
import { BatchNorm } from './batch-norm.js';
import { checkInteger, checkOneOf } from './check.js';
import { applyDense } from './dense.js';
import { DENSE_INITS, type DenseInit, type DenseLayer, type ParameterSet } from './parameters.js';

export interface MlpOptions {
  /** Widths [inputs, hidden…, outputs]: at least two entries (one dense layer). */
  sizes: readonly number[];
  /** After every dense layer; default 'elu'. */
  activation?: Activation;
  /** Also after the last dense layer; default true (the NRI block). */
  activateOutput?: boolean;
  /** Batch norm over rows at the end; default true (the NRI block). */
  batchNorm?: boolean;
  /** Default 'xavier-normal'. */
  init?: DenseInit;
}

export class Mlp {
  readonly layers: readonly DenseLayer[];
  readonly bn: BatchNorm | undefined;
  readonly activation: Activation;
  readonly activateOutput: boolean;

  constructor(
    params: ParameterSet,
    readonly name: string,
    options: MlpOptions,
  ) {
    const { sizes } = options;
    if (!Array.isArray(sizes) || sizes.length < 2) {
      throw new RangeError(`${name}: sizes must list at least 2 widths, got ${String(sizes)}`);
    }
    for (let i = 0; i < sizes.length; i++) checkInteger(name, `sizes[${i}]`, sizes[i], 1);
    this.activation = checkOneOf(name, 'activation', options.activation ?? 'elu', ACTIVATIONS);
    const init = checkOneOf(name, 'init', options.init ?? 'xavier-normal', DENSE_INITS);
    this.activateOutput = options.activateOutput ?? true;
    const layers: DenseLayer[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      layers.push(params.dense(`${name}.fc${i + 1}`, sizes[i], sizes[i + 1], init));
    }
    this.layers = layers;
    this.bn =
      (options.batchNorm ?? true)
        ? new BatchNorm(params, `${name}.bn`, sizes[sizes.length - 1])
        : undefined;
  }

  /** x [rows, inputs] → [rows, outputs]; `mode` matters only with batch norm. */
  apply(x: tf.Tensor2D, mode: ModeOptions): tf.Tensor2D {
    return this.applyFromFirstLayer(applyDense(this.layers[0], x), mode);
  }

  /**
   * The rest of `apply` from z = x·W₁ + b₁, the first dense layer's output before its activation:
   * for a caller that computes that product more cheaply than from x's rows (e.g. NRI's edge
   * MLPs, whose input rows repeat node rows: per node first, then routed to the edges).
   */
  applyFromFirstLayer(z: tf.Tensor2D, mode: ModeOptions): tf.Tensor2D {
    const out = this.layers[0].weights.shape[1];
    if (z.rank !== 2 || z.shape[1] !== out) {
      throw new RangeError(`${this.name}: z must be [rows, ${out}], got [${z.shape}]`);
    }
    let h = z;
    this.layers.forEach((layer, i) => {
      if (i > 0) h = applyDense(layer, h);
      if (this.activateOutput || i + 1 < this.layers.length) h = activate(h, this.activation);
    });
    return this.bn === undefined ? h : this.bn.apply(h, mode);
  }
}
