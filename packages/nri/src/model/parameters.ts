// The model's variables under stable names (the training loop's checkpoint keys), with the
// reference's initialisations drawn from a seeded generator so a seed fixes the initial model.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { fillStandardNormal } from '../data/normal.js';

/** How a dense layer starts: NRI's `init_weights` or PyTorch's `nn.Linear` default. */
export type DenseInit = 'xavier-normal' | 'torch-default';

export class ParameterSet {
  /** name → variable; trainable and non-trainable (batch-norm statistics) alike. */
  readonly variables: Record<string, tf.Variable> = {};

  constructor(readonly generator: RandomGenerator) {}

  add(name: string, initial: tf.Tensor, trainable = true): tf.Variable {
    if (name in this.variables) throw new RangeError(`parameter name must be unique, got ${name}`);
    // No tfjs name: tfjs's registry is global, so two models with equal keys would clash.
    const variable = tf.variable(initial, trainable);
    initial.dispose();
    this.variables[name] = variable;
    return variable;
  }

  /**
   * Weights [inputs, outputs] and bias [outputs]. 'xavier-normal' is the NRI MLP/encoder init
   * (N(0, 2/(in + out)), bias 0.1); 'torch-default' is nn.Linear's U(±1/√in) for both, which the
   * reference decoder keeps.
   */
  dense(name: string, inputs: number, outputs: number, init: DenseInit) {
    const w = new Float32Array(inputs * outputs);
    let bias: Float32Array;
    if (init === 'xavier-normal') {
      const normal = new Float64Array(w.length + (w.length % 2));
      fillStandardNormal(this.generator, normal, 0, normal.length);
      const std = Math.sqrt(2 / (inputs + outputs));
      for (let i = 0; i < w.length; i++) w[i] = std * normal[i];
      bias = new Float32Array(outputs).fill(0.1);
    } else {
      const bound = 1 / Math.sqrt(inputs);
      const u = this.generator.uniforms(w.length + outputs);
      for (let i = 0; i < w.length; i++) w[i] = bound * (2 * u[i] - 1);
      bias = Float32Array.from({ length: outputs }, (_, i) => bound * (2 * u[w.length + i] - 1));
    }
    return {
      weights: this.add(`${name}.weights`, tf.tensor2d(w, [inputs, outputs])),
      bias: this.add(`${name}.bias`, tf.tensor1d(bias)),
    };
  }
}
