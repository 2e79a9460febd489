// Putting a checkpoint's model variables back, after checking that they match the model exactly
// (same names, shapes and dtypes): a checkpoint of another configuration fails loudly instead of
// broadcasting or silently leaving some variables at their initial values.
import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../variables.js';
import { collectVariables } from '../variables.js';
import { CheckpointError } from './errors.js';
import type { CheckpointTensors, StoredTensor } from './format.js';

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** CheckpointError unless `stored` can be assigned to `variable`. */
export function checkMatches(stored: StoredTensor, variable: tf.Variable, what: string): void {
  const same =
    stored.shape.length === variable.shape.length &&
    stored.shape.every((d, i) => d === variable.shape[i]);
  if (!same) {
    throw new CheckpointError(
      `${what} has shape ${shapeText(stored.shape)} in the checkpoint but ${shapeText(variable.shape)} in the model`,
    );
  }
  if (stored.dtype !== variable.dtype) {
    throw new CheckpointError(
      `${what} is ${stored.dtype} in the checkpoint but ${variable.dtype} in the model`,
    );
  }
}

/** Names in one list and not the other, for error messages. */
function difference(a: Iterable<string>, b: Set<string>): string[] {
  return [...a].filter((name) => !b.has(name));
}

/** Checks the checkpoint against `variables` and assigns every stored value. */
export function assignVariables(
  variables: readonly NamedVariable[],
  checkpoint: Pick<CheckpointTensors, 'variables'>,
  where: string,
): void {
  const stored = new Map(checkpoint.variables.map((entry) => [entry.name, entry]));
  const names = new Set(variables.map((entry) => entry.name));
  const missing = difference(names, new Set(stored.keys()));
  const unexpected = difference(stored.keys(), names);
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [
      missing.length > 0 ? `missing from the checkpoint: ${missing.join(', ')}` : '',
      unexpected.length > 0 ? `not in the model: ${unexpected.join(', ')}` : '',
    ].filter(Boolean);
    throw new CheckpointError(
      `${where}: the checkpoint's variables do not match the model (${parts.join('; ')})`,
    );
  }
  for (const { name, variable } of variables) {
    const entry = stored.get(name) as StoredTensor;
    checkMatches(entry, variable, `${where}: variable '${name}'`);
  }
  // Assign only after every check passed, so a mismatch leaves the model untouched.
  for (const { name, variable } of variables) {
    const entry = stored.get(name) as StoredTensor;
    tf.tidy(() => variable.assign(tf.tensor(entry.values, [...entry.shape], entry.dtype)));
  }
}

/**
 * Loads a checkpoint's weights into a model's named variables (for evaluation or export; `train`
 * with `resume` restores everything else too). Throws CheckpointError on any mismatch.
 */
export function restoreVariables(
  variables: Readonly<Record<string, tf.Variable>>,
  checkpoint: Pick<CheckpointTensors, 'variables'>,
): void {
  assignVariables(collectVariables(variables), checkpoint, 'restoreVariables');
}
