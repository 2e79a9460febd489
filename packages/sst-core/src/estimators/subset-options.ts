// Shared option checks for the two L2X-style subset relaxations.
import type * as tf from '@tensorflow/tfjs-core';
import { readFloat64 } from '../relaxations/operands.js';
import { checkTemperature } from '../relaxations/options.js';
import { checkInteger, checkObject, checkTensor, show } from './validate.js';

export interface SubsetRelaxationOptions {
  /** Subset size, 1 ≤ k ≤ m. */
  k: number;
  /** Softmax temperature t > 0. */
  temperature: number;
}

export function checkSubsetArgs(
  op: string,
  logits: unknown,
  options: unknown,
  generator: unknown,
): { logits: tf.Tensor; k: number; temperature: number } {
  const x = checkTensor(op, 'logits', logits, [2]);
  const m = x.shape[1] as number;
  readFloat64(op, 'logits', x, m); // rejects NaN/±∞ with its [item][entry]
  const o = checkObject(op, 'options', options);
  const k = checkInteger(op, 'k', o.k, 1, m);
  const temperature = checkTemperature(op, o.temperature);
  if (
    typeof generator !== 'object' ||
    generator === null ||
    typeof (generator as { uniforms?: unknown }).uniforms !== 'function'
  )
    throw new TypeError(`${op}: generator must be a RandomGenerator, got ${show(generator)}`);
  return { logits: x, k, temperature };
}

/** float32's smallest normal number: the floor for 1 − α before its log (as in Xie & Ermon). */
export const FLOAT32_TINY = 1.1754944e-38;
