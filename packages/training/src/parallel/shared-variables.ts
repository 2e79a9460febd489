// The model's variables in one SharedArrayBuffer, written by the main thread before each step and
// read by every replica; and each replica's gradients in a buffer of its own, read back by the
// main thread. Offsets follow the main thread's variable order (the checkpoint's).
import * as tf from '@tensorflow/tfjs-core';

export interface VariableSlot {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly trainable: boolean;
  /** In elements (4 bytes each), into the variables buffer. */
  readonly offset: number;
  /** Into a gradient buffer (trainable variables only; −1 otherwise). */
  readonly gradientOffset: number;
  readonly size: number;
}

export interface VariableLayout {
  readonly slots: readonly VariableSlot[];
  readonly size: number;
  readonly gradientSize: number;
}

export function variableLayout(
  variables: readonly { name: string; variable: tf.Variable }[],
): VariableLayout {
  let offset = 0;
  let gradientOffset = 0;
  const slots = variables.map(({ name, variable }) => {
    const slot: VariableSlot = {
      name,
      shape: [...variable.shape],
      dtype: variable.dtype as 'float32' | 'int32',
      trainable: variable.trainable,
      offset,
      gradientOffset: variable.trainable ? gradientOffset : -1,
      size: variable.size,
    };
    offset += variable.size;
    if (variable.trainable) gradientOffset += variable.size;
    return slot;
  });
  return { slots, size: offset, gradientSize: gradientOffset };
}

function view(buffer: SharedArrayBuffer, slot: VariableSlot): Float32Array | Int32Array {
  return slot.dtype === 'int32'
    ? new Int32Array(buffer, slot.offset * 4, slot.size)
    : new Float32Array(buffer, slot.offset * 4, slot.size);
}

/** Copies the variables' current values into the shared buffer. */
export function writeVariables(
  buffer: SharedArrayBuffer,
  layout: VariableLayout,
  variables: readonly tf.Variable[],
): void {
  layout.slots.forEach((slot, i) => {
    view(buffer, slot).set(variables[i].dataSync() as Float32Array | Int32Array);
  });
}

/** Assigns the shared buffer's values to `variables` (same order as the layout). */
export function readVariables(
  buffer: SharedArrayBuffer,
  layout: VariableLayout,
  variables: readonly tf.Variable[],
  only?: (slot: VariableSlot) => boolean,
): void {
  layout.slots.forEach((slot, i) => {
    if (only !== undefined && !only(slot)) return;
    tf.tidy(() => {
      variables[i].assign(tf.tensor(view(buffer, slot).slice(), [...slot.shape], slot.dtype));
    });
  });
}
