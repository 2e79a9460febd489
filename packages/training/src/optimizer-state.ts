// Saving and restoring a tfjs optimizer exactly. `getWeights()`/`setWeights()` carry the
// iteration count and the per-variable slots (Adam's first and second moments), but:
// - slots are named after tfjs's variable names (creation-order ids), so they are renamed to the
//   checkpoint names on save and back on restore;
// - slots are matched to variables by position, so they are checked against the variable order;
// - Adam's setWeights recomputes β1^t and β2^t as pow(β, t + 1), which differs in the last bits
//   from the running product the uninterrupted optimizer holds, and a resumed run would drift.
//   Every tf.Variable the optimizer owns outside getWeights (Adam's accBeta1/accBeta2, Adamax's
//   too) is therefore saved as an "extra" and assigned back after setWeights.
import * as tf from '@tensorflow/tfjs-core';
import { CheckpointError } from './checkpoint/errors.js';
import type { StoredDtype, StoredTensor } from './checkpoint/format.js';
import { checkMatches } from './checkpoint/restore.js';
import type { NamedTensor } from './gradients.js';
import type { NamedVariable } from './variables.js';

export interface OptimizerState {
  readonly weights: readonly StoredTensor[];
  readonly extras: readonly StoredTensor[];
}

const ITERATIONS = 'iter';

function isVariable(value: unknown): value is tf.Variable {
  const candidate = value as Partial<tf.Variable> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.assign === 'function' &&
    'dataId' in candidate
  );
}

/** The variable whose name prefixes `slot` (longest match wins: 'a/m' beats 'a' for 'a/m/v'). */
function owner(slot: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    if (slot.startsWith(`${name}/`) && (best === undefined || name.length > best.length))
      best = name;
  }
  return best;
}

async function store(name: string, tensor: tf.Tensor): Promise<StoredTensor> {
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
    throw new TypeError(
      `optimizer state '${name}' has dtype ${tensor.dtype}; only float32 and int32 are stored`,
    );
  }
  const data = await tensor.data();
  const values = tensor.dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data);
  return { name, dtype: tensor.dtype as StoredDtype, shape: [...tensor.shape], values };
}

/** The optimizer's complete state, slots named after the checkpoint names of `variables`. */
export async function captureOptimizerState(
  optimizer: tf.Optimizer,
  variables: readonly NamedVariable[],
): Promise<OptimizerState> {
  const checkpointName = new Map(variables.map(({ name, variable }) => [variable.name, name]));
  const named = await optimizer.getWeights();
  const weights: StoredTensor[] = [];
  const covered = new Set<unknown>();
  try {
    for (const { name, tensor } of named) {
      covered.add(tensor);
      if (name === ITERATIONS) {
        weights.push(await store(name, tensor));
        continue;
      }
      const tfName = owner(name, checkpointName.keys());
      if (tfName === undefined) {
        throw new Error(
          `captureOptimizerState: optimizer slot '${name}' belongs to none of the model's variables`,
        );
      }
      weights.push(
        await store(`${checkpointName.get(tfName)}${name.slice(tfName.length)}`, tensor),
      );
    }
  } finally {
    // getWeights builds the iteration count as a fresh tensor; the slots are the optimizer's own.
    for (const { tensor } of named) if (!isVariable(tensor)) tensor.dispose();
  }
  const extras: StoredTensor[] = [];
  for (const [key, value] of Object.entries(optimizer)) {
    if (isVariable(value) && !covered.has(value)) extras.push(await store(key, value));
  }
  return { weights, extras };
}

/**
 * Restores a state from `captureOptimizerState` into a fresh optimizer of the same class, for
 * `variables` in the order the state was captured with. CheckpointError on any mismatch.
 */
export async function restoreOptimizerState(
  optimizer: tf.Optimizer,
  state: OptimizerState,
  variables: readonly NamedVariable[],
  where: string,
): Promise<void> {
  const byName = new Map(variables.map((entry) => [entry.name, entry]));
  const trainable = variables.filter(({ variable }) => variable.trainable).map(({ name }) => name);
  const slotOrder = new Map<string, string[]>();
  const named: NamedTensor[] = [];
  try {
    for (const slot of state.weights) {
      if (slot.name === ITERATIONS) {
        named.push({
          name: slot.name,
          tensor: tf.tensor(slot.values, [...slot.shape], slot.dtype),
        });
        continue;
      }
      const name = owner(slot.name, byName.keys());
      const entry = name === undefined ? undefined : byName.get(name);
      if (name === undefined || entry === undefined) {
        throw new CheckpointError(
          `${where}: optimizer slot '${slot.name}' belongs to none of the model's variables`,
        );
      }
      checkMatches(slot, entry.variable, `${where}: optimizer slot '${slot.name}'`);
      const suffix = slot.name.slice(name.length);
      slotOrder.set(suffix, [...(slotOrder.get(suffix) ?? []), name]);
      named.push({
        name: `${entry.variable.name}${suffix}`,
        tensor: tf.tensor(slot.values, [...slot.shape], slot.dtype),
      });
    }
    for (const [suffix, order] of slotOrder) {
      if (order.join('\n') !== trainable.join('\n')) {
        throw new CheckpointError(
          `${where}: optimizer slots '*${suffix}' follow the variables ${order.join(', ')}, expected ${trainable.join(', ')}`,
        );
      }
    }
    const extras = state.extras.map((extra) => {
      const target = (optimizer as unknown as Record<string, unknown>)[extra.name];
      if (!isVariable(target)) {
        throw new CheckpointError(
          `${where}: the checkpoint has optimizer state '${extra.name}' that ${optimizer.getClassName()} does not`,
        );
      }
      checkMatches(extra, target, `${where}: optimizer state '${extra.name}'`);
      return { target, extra };
    });
    if (named.length > 0) await optimizer.setWeights(named);
    for (const { target, extra } of extras) {
      tf.tidy(() => target.assign(tf.tensor(extra.values, [...extra.shape], extra.dtype)));
    }
  } finally {
    // setWeights wraps each tensor in a variable of its own (sharing the data), so these go.
    tf.dispose(named.map(({ tensor }) => tensor));
  }
}
