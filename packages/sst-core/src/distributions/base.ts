// The logic every structured distribution shares: logits θ (one or two tensors) and validated
// options held at construction; sample() draws the noise, forms U = θ + G, reads U once into
// float64 and runs both the hard solver and the relaxation on it; straight-through and the KL
// to the zero-location prior are built on top. Subclasses only name the structure and the noise.
import * as tf from '@tensorflow/tfjs-core';
import { sampleGumbel } from '../noise/gumbel.js';
import { sampleLogistic } from '../noise/logistic.js';
import { RandomGenerator } from '../noise/random-generator.js';
import type { OperandLayout } from '../relaxations/operands.js';
import { show } from '../relaxations/options.js';
import { straightThrough } from '../relaxations/straight-through.js';
import type { Structure } from '../relaxations/structure.js';
import { checkOperands, hardOf, readOperands, relaxedOf } from '../relaxations/structure.js';
import type { NoiseKind } from './kl.js';
import { klPerItem } from './kl.js';

/** One draw: utilities U = θ + G, the hard SMT sample, the SST relaxation and straight-through. */
export interface StructuredSample<T = tf.Tensor> {
  /** U = θ + G (differentiable in θ); score-function estimators and KL terms need it. */
  utilities: T;
  /** argmax over the structure of ⟨U, x⟩: float32 0/1, no gradient. */
  hard: T;
  /** X_t(U): differentiable in θ through the solver's exact VJP. */
  relaxed: T;
  /** Forward equal to `hard`, gradient equal to that of `relaxed`. */
  straightThrough: T;
}

/** How a subclass names its tensors in error messages. */
export interface TensorNames {
  logits: readonly string[];
  utilities: readonly string[];
}

export abstract class StructuredDistribution<O, T> {
  protected readonly logitTensors: readonly tf.Tensor[];
  protected readonly resolved: O;
  private readonly layouts: OperandLayout[];

  protected constructor(
    /** Class name, for error messages. */
    protected readonly name: string,
    private readonly structure: Structure<O>,
    private readonly noise: NoiseKind,
    private readonly names: TensorNames,
    logits: readonly tf.Tensor[],
    options: unknown,
  ) {
    this.resolved = structure.resolve(name, options, true);
    this.layouts = checkOperands(name, structure, this.resolved, logits, names.logits);
    this.logitTensors = logits;
  }

  /** Wraps per-operand tensors as the subclass's sample type. */
  protected abstract wrap(tensors: tf.Tensor[]): T;

  /** Batch size (the logits' first dimension). */
  get batchSize(): number {
    return this.layouts[0].batch;
  }

  /**
   * Draws G (Gumbel; logistic for binary variables) from `generator` — size(θ) uniforms per
   * logits tensor, in order — and returns U = θ + G with its hard, relaxed and straight-through
   * samples. The same generator state gives identical tensors on the same backend.
   */
  sample(generator: RandomGenerator): StructuredSample<T> {
    const op = `${this.name}.sample`;
    if (!(generator instanceof RandomGenerator)) {
      throw new TypeError(`${op}: generator must be a RandomGenerator, got ${show(generator)}`);
    }
    const draw = this.noise === 'logistic' ? sampleLogistic : sampleGumbel;
    const parts = tf.tidy(() => {
      const utilities = this.logitTensors.map((theta, i) =>
        tf.add(theta, draw(this.layouts[i].shape, generator)),
      );
      const operands = this.readUtilities(op, utilities);
      const hard = hardOf(op, this.structure, this.resolved, operands);
      const relaxed = relaxedOf(op, this.structure, this.resolved, operands);
      const through = hard.map((h, i) => straightThrough(h, relaxed[i]));
      return { utilities, hard, relaxed, through };
    });
    return {
      utilities: this.wrap(parts.utilities),
      hard: this.wrap(parts.hard),
      relaxed: this.wrap(parts.relaxed),
      straightThrough: this.wrap(parts.through),
    };
  }

  /**
   * KL of the utilities' distribution (noise located at θ) to the same noise at location 0,
   * per batch item [batch]: Σ (θ + e^{−θ} − 1) over the entries for Gumbel noise (DESIGN §3.6;
   * an upper bound on the KL of the structures), Σ (θ coth(θ/2) − 2) for logistic noise. Entries
   * the solvers ignore (an arborescence's diagonal, column 0 and padding) are left out.
   */
  klToGumbelPrior(): tf.Tensor {
    const op = `${this.name}.klToGumbelPrior`;
    const operands = readOperands(op, this.names.logits, this.logitTensors, this.layouts);
    const mask = this.structure.entryMask?.(this.resolved, this.batchSize);
    return klPerItem(
      this.noise,
      operands,
      operands.map((_, i) => (i === 0 ? mask : undefined)),
    );
  }

  /**
   * Reads U into float64. Non-finite U can only come from non-finite logits (the noise is always
   * finite), so the error then names the logits entry — read only on this failure path.
   */
  private readUtilities(op: string, utilities: tf.Tensor[]) {
    try {
      return readOperands(op, this.names.utilities, utilities, this.layouts);
    } catch (error) {
      if (error instanceof RangeError) {
        readOperands(op, this.names.logits, this.logitTensors, this.layouts);
      }
      throw error;
    }
  }
}
