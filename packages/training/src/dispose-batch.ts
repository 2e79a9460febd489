// Frees the tensors a batch holds once its step is done. tf.dispose would also walk typed arrays
// element by element (it treats any object as a container), which is slow for batches that carry
// raw data, so this walks only arrays and plain objects.
import type * as tf from '@tensorflow/tfjs-core';

function isTensor(value: object): value is tf.Tensor {
  return (
    typeof (value as { dispose?: unknown }).dispose === 'function' &&
    'dataId' in value &&
    'shape' in value
  );
}

/** Disposes every tensor reachable from `batch` through arrays and plain objects. */
export function disposeBatchTensors(batch: unknown, seen = new Set<object>()): void {
  if (typeof batch !== 'object' || batch === null || seen.has(batch)) return;
  seen.add(batch);
  if (isTensor(batch)) {
    // A variable in a batch is the model's, not the batch's.
    if (typeof (batch as { assign?: unknown }).assign !== 'function') batch.dispose();
    return;
  }
  if (Array.isArray(batch)) {
    for (const item of batch) disposeBatchTensors(item, seen);
    return;
  }
  const proto = Object.getPrototypeOf(batch);
  if (proto !== Object.prototype && proto !== null) return;
  for (const value of Object.values(batch)) disposeBatchTensors(value, seen);
}
