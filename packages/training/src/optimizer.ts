// The optimizer a run uses: Adam built from plain options (so a checkpoint can record and rebuild
// it), or any tf.Optimizer the app passes.
import * as tf from '@tensorflow/tfjs-core';
import { checkKeys, checkNumber, checkObject, checkPositive, show } from './check.js';
import type { JsonValue } from './json.js';

export interface AdamOptions {
  /** Default 1e-3. */
  readonly learningRate?: number;
  /** Default 0.9. */
  readonly beta1?: number;
  /** Default 0.999. */
  readonly beta2?: number;
  /**
   * Default 1e-8 (PyTorch's). tfjs would otherwise take the backend's epsilon (1e-7 on cpu/wasm,
   * 1e-4 on webgl), so the same run would train differently on different backends.
   */
  readonly epsilon?: number;
}

/** How a checkpoint describes the optimizer. */
export interface OptimizerRecord {
  /** tfjs's class name ('Adam', 'SGD', …). */
  readonly className: string;
  /** `getConfig()` of the optimizer. */
  readonly config: JsonValue;
  /** True when the loop built it from AdamOptions, so a resume can rebuild it alone. */
  readonly builtIn: boolean;
}

const ADAM_KEYS = ['learningRate', 'beta1', 'beta2', 'epsilon'] as const;

/** True for a tfjs optimizer (duck-typed like tfjs's own `instanceof Optimizer`). */
export function isOptimizer(value: unknown): value is tf.Optimizer {
  const candidate = value as Partial<tf.Optimizer> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.applyGradients === 'function' &&
    typeof candidate.computeGradients === 'function'
  );
}

/** Validated Adam hyperparameters with the defaults filled in. */
export function resolveAdamOptions(value: unknown): Required<AdamOptions> {
  const where = 'train';
  const options = checkObject(where, 'options.optimizer', value);
  checkKeys(where, 'options.optimizer', options, ADAM_KEYS);
  const learningRate =
    options.learningRate === undefined
      ? 1e-3
      : checkPositive(where, 'options.optimizer.learningRate', options.learningRate);
  const beta1 = options.beta1 === undefined ? 0.9 : checkBeta('beta1', options.beta1);
  const beta2 = options.beta2 === undefined ? 0.999 : checkBeta('beta2', options.beta2);
  const epsilon =
    options.epsilon === undefined
      ? 1e-8
      : checkPositive(where, 'options.optimizer.epsilon', options.epsilon);
  return { learningRate, beta1, beta2, epsilon };
}

function checkBeta(name: string, value: unknown): number {
  checkNumber('train', `options.optimizer.${name}`, value);
  if (!((value as number) >= 0 && (value as number) < 1)) {
    throw new RangeError(`train: options.optimizer.${name} must be in [0, 1), got ${show(value)}`);
  }
  return value as number;
}

export function createAdam(options: Required<AdamOptions>): tf.Optimizer {
  return tf.train.adam(options.learningRate, options.beta1, options.beta2, options.epsilon);
}

export function describeOptimizer(optimizer: tf.Optimizer, builtIn: boolean): OptimizerRecord {
  let config: JsonValue = null;
  try {
    config = JSON.parse(JSON.stringify(optimizer.getConfig() ?? null)) as JsonValue;
  } catch {
    // Custom optimizers need not implement getConfig; the class name still guards a resume.
  }
  return { className: optimizer.getClassName(), config, builtIn };
}
