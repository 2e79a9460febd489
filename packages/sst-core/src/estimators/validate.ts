// Option checks for the estimators: TypeError for a wrong kind, RangeError for a bad value; the
// message starts with the public function's name and names the option and the value
// (DESIGN.md §5; the same format as the relaxation ops).
import * as tf from '@tensorflow/tfjs-core';
import { show } from '../relaxations/options.js';

export { checkInteger, show } from '../relaxations/options.js';

export function checkTensor(
  op: string,
  name: string,
  value: unknown,
  ranks: readonly number[],
): tf.Tensor {
  if (!(value instanceof tf.Tensor))
    throw new TypeError(`${op}: ${name} must be a tf.Tensor, got ${show(value)}`);
  if (!ranks.includes(value.rank))
    throw new RangeError(`${op}: ${name} must have rank ${ranks.join(' or ')}, got ${show(value)}`);
  if (value.dtype !== 'float32')
    throw new TypeError(
      `${op}: ${name} must have dtype float32, got ${JSON.stringify(value.dtype)}`,
    );
  return value;
}

export function checkObject(op: string, name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(`${op}: ${name} must be an object, got ${show(value)}`);
  return value as Record<string, unknown>;
}
