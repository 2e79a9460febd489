// A training batch across the thread boundary: tensors cannot be posted, so they travel as
// { dtype, shape, values } and are rebuilt on the replica's own backend. Arrays and plain objects
// are walked (as disposeBatchTensors does); everything else is posted as is (structured clone).
import * as tf from '@tensorflow/tfjs-core';

const TENSOR = '__sstTensor';

interface EncodedTensor {
  [TENSOR]: true;
  dtype: tf.DataType;
  shape: number[];
  values: tf.TypedArray | string[];
}

function isTensor(value: object): value is tf.Tensor {
  return (
    typeof (value as { dataSync?: unknown }).dataSync === 'function' &&
    'dataId' in value &&
    'shape' in value
  );
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The batch with every tensor replaced by its values (read synchronously). */
export function encodeBatch(batch: unknown): unknown {
  if (typeof batch !== 'object' || batch === null) return batch;
  if (isTensor(batch)) {
    return {
      [TENSOR]: true,
      dtype: batch.dtype,
      shape: [...batch.shape],
      values: batch.dataSync() as tf.TypedArray,
    } satisfies EncodedTensor;
  }
  if (Array.isArray(batch)) return batch.map(encodeBatch);
  if (!isPlain(batch)) return batch;
  return Object.fromEntries(Object.entries(batch).map(([k, v]) => [k, encodeBatch(v)]));
}

/** encodeBatch's inverse, on the current backend (the caller disposes the tensors). */
export function decodeBatch(encoded: unknown): unknown {
  if (typeof encoded !== 'object' || encoded === null) return encoded;
  if (Array.isArray(encoded)) return encoded.map(decodeBatch);
  if (!isPlain(encoded)) return encoded;
  const record = encoded as Record<string, unknown>;
  if (record[TENSOR] === true) {
    const t = record as unknown as EncodedTensor;
    return tf.tensor(t.values as tf.TypedArray, t.shape, t.dtype);
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decodeBatch(v)]));
}
