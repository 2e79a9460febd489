// A model's variables under stable names (the training loop's checkpoint keys), with initial
// values drawn from a seeded generator so a seed fixes the initial model. Layers register their
// variables as `<layer name>.<variable>`; the names are part of the checkpoint format.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { checkInteger, checkOneOf } from './check.js';
import { normalValues, uniformValues } from './init.js';

/** How a dense layer starts: NRI's `init_weights` or PyTorch's `nn.Linear` default. */
export type DenseInit = 'xavier-normal' | 'torch-default';
export const DENSE_INITS: readonly DenseInit[] = ['xavier-normal', 'torch-default'];

/** A dense layer's variables: weights [inputs, outputs], bias [outputs]. */
export interface DenseLayer {
  readonly weights: tf.Variable;
  readonly bias: tf.Variable;
}

export class ParameterSet {
  /** name → variable; trainable and non-trainable (batch-norm statistics) alike. */
  readonly variables: Record<string, tf.Variable> = {};

  constructor(readonly generator: RandomGenerator) {}

  add(name: string, initial: tf.Tensor, trainable = true): tf.Variable {
    if (typeof name !== 'string' || name === '') {
      initial.dispose();
      throw new TypeError(`parameter name must be a non-empty string, got ${String(name)}`);
    }
    if (name in this.variables) {
      initial.dispose();
      throw new RangeError(`parameter name must be unique, got ${name}`);
    }
    // No tfjs name: tfjs's registry is global, so two models with equal keys would clash.
    const variable = tf.variable(initial, trainable);
    initial.dispose();
    this.variables[name] = variable;
    return variable;
  }

  /** The trainable variables, in registration order (what an optimizer updates). */
  trainable(): tf.Variable[] {
    return Object.values(this.variables).filter((v) => v.trainable);
  }

  /** A trainable variable of the given shape with U(−bound, bound) entries. */
  uniform(name: string, shape: number[], bound: number): tf.Variable {
    if (!(bound >= 0) || !Number.isFinite(bound)) {
      throw new RangeError(`${name}: bound must be finite and ≥ 0, got ${bound}`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    return this.add(name, tf.tensor(uniformValues(this.generator, size, bound), shape));
  }

  /** A trainable variable of the given shape with N(0, std²) entries. */
  normal(name: string, shape: number[], std: number): tf.Variable {
    if (!(std >= 0) || !Number.isFinite(std)) {
      throw new RangeError(`${name}: std must be finite and ≥ 0, got ${std}`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    return this.add(name, tf.tensor(normalValues(this.generator, size, std), shape));
  }

  /**
   * Weights `<name>.weights` [inputs, outputs] and bias `<name>.bias` [outputs]. 'xavier-normal'
   * is the NRI MLP/encoder init (N(0, 2/(in + out)), bias 0.1); 'torch-default' is nn.Linear's
   * U(±1/√in) for both, which the NRI reference decoder keeps.
   */
  dense(name: string, inputs: number, outputs: number, init: DenseInit): DenseLayer {
    checkInteger(name, 'inputs', inputs, 1);
    checkInteger(name, 'outputs', outputs, 1);
    checkOneOf(name, 'init', init, DENSE_INITS);
    let w: Float32Array;
    let bias: Float32Array;
    if (init === 'xavier-normal') {
      w = normalValues(this.generator, inputs * outputs, Math.sqrt(2 / (inputs + outputs)));
      bias = new Float32Array(outputs).fill(0.1);
    } else {
      // One draw for weights and bias together (the order existing NRI checkpoints were made in).
      const both = uniformValues(this.generator, inputs * outputs + outputs, 1 / Math.sqrt(inputs));
      w = both.slice(0, inputs * outputs);
      bias = both.slice(inputs * outputs);
    }
    return {
      weights: this.add(`${name}.weights`, tf.tensor2d(w, [inputs, outputs])),
      bias: this.add(`${name}.bias`, tf.tensor1d(bias)),
    };
  }
}
