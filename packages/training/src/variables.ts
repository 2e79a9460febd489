// The model's variables as an ordered list of (checkpoint name, tf.Variable). The order matters:
// tfjs optimizers keep their per-variable state by position, so a resumed run must present the
// variables in the order the checkpoint was written with.
import type * as tf from '@tensorflow/tfjs-core';
import { show } from './check.js';

export interface NamedVariable {
  readonly name: string;
  readonly variable: tf.Variable;
}

function isVariable(value: unknown): value is tf.Variable {
  const candidate = value as Partial<tf.Variable> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.assign === 'function' &&
    typeof candidate.dispose === 'function' &&
    Array.isArray(candidate.shape)
  );
}

/**
 * The model's variables, validated: at least one trainable, names non-empty, no variable under
 * two names. `order` (a checkpoint's names) sorts them when given and covers the same names.
 */
export function collectVariables(
  variables: unknown,
  order?: readonly string[],
): readonly NamedVariable[] {
  const where = 'train';
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw new TypeError(
      `${where}: model.variables must be an object mapping names to tf.Variables, got ${show(variables)}`,
    );
  }
  const list: NamedVariable[] = [];
  const seen = new Map<tf.Variable, string>();
  for (const [name, variable] of Object.entries(variables)) {
    if (!isVariable(variable)) {
      throw new TypeError(
        `${where}: model.variables['${name}'] must be a tf.Variable, got ${show(variable)}`,
      );
    }
    if (name === '') throw new RangeError(`${where}: model.variables has an empty name`);
    const other = seen.get(variable);
    if (other !== undefined) {
      throw new RangeError(
        `${where}: model.variables lists one variable twice, as '${other}' and '${name}'`,
      );
    }
    if (variable.isDisposed) {
      throw new RangeError(`${where}: model.variables['${name}'] is disposed`);
    }
    seen.set(variable, name);
    list.push({ name, variable });
  }
  if (!list.some((entry) => entry.variable.trainable)) {
    throw new RangeError(`${where}: model.variables must hold at least one trainable variable`);
  }
  if (order === undefined) return list;
  const rank = new Map(order.map((name, index) => [name, index]));
  return [...list].sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0));
}
