// Option checks shared by every op and distribution. Each throws a TypeError (wrong kind) or a
// RangeError (bad value) whose message starts with the public function's name and names the option
// and the offending value, so a failure deep inside a model still says which call was wrong.

import * as tf from '@tensorflow/tfjs-core';

/** A short, readable rendering of a bad value for an error message. */
export function show(value: unknown): string {
  if (value instanceof tf.Tensor) return `a ${value.dtype} tensor of shape [${value.shape}]`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `a ${typeof value}`;
}

/** The options argument itself: a plain object (absent only where every option has a default). */
export function checkOptionsObject(
  op: string,
  options: unknown,
  required: boolean,
): Record<string, unknown> {
  if (options === undefined && !required) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${op}: options must be an object, got ${show(options)}`);
  }
  return options as Record<string, unknown>;
}

/** The temperature of a relaxation: a finite number > 0 (required: there is no safe default). */
export function checkTemperature(op: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${op}: temperature must be a number, got ${show(value)}`);
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${op}: temperature must be finite and > 0, got ${show(value)}`);
  }
  return value;
}

/** An integer option in [min, max]. */
export function checkInteger(
  op: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`${op}: ${name} must be an integer, got ${show(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`${op}: ${name} must be in ${min}..${max}, got ${value}`);
  }
  return value;
}

/** An optional number option > 0 (Infinity allowed when `allowInfinity`); `fallback` if absent. */
export function checkPositive(
  op: string,
  name: string,
  value: unknown,
  fallback: number,
  allowInfinity: boolean,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') {
    throw new TypeError(`${op}: ${name} must be a number, got ${show(value)}`);
  }
  const finiteOk = allowInfinity ? !Number.isNaN(value) : Number.isFinite(value);
  if (!finiteOk || value <= 0) {
    const what = allowInfinity ? '> 0 (Infinity for none)' : 'finite and > 0';
    throw new RangeError(`${op}: ${name} must be ${what}, got ${show(value)}`);
  }
  return value;
}

/** An optional string option from a fixed list; `fallback` if absent. */
export function checkChoice<T extends string>(
  op: string,
  name: string,
  value: unknown,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') {
    throw new TypeError(`${op}: ${name} must be a string, got ${show(value)}`);
  }
  if (!(choices as readonly string[]).includes(value)) {
    const accepted = choices.map((c) => JSON.stringify(c)).join(', ');
    throw new RangeError(`${op}: ${name} must be one of ${accepted}, got ${show(value)}`);
  }
  return value as T;
}

/**
 * Runs a float64 solver call and prefixes any error it throws with the op's name, keeping the
 * error's class (TypeError / RangeError), so solver messages read like the op's own.
 */
export function withOpName<T>(op: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError)
      throw new RangeError(`${op}: ${error.message}`, { cause: error });
    if (error instanceof TypeError)
      throw new TypeError(`${op}: ${error.message}`, { cause: error });
    throw error;
  }
}
