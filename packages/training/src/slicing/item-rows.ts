// A per-item tensor's rows for a range of items. The head of a sliced loss hands the tail tensors
// whose axis 0 holds the items, possibly in `lead` blocks (NRI's edge weights [E·B, K] are edge-
// major: E blocks of B rows); a slice takes the same items out of every block.
import * as tf from '@tensorflow/tfjs-core';

/** Rows of items [start, start + count) of `x` ([lead · total, …]) → [lead · count, …]. */
export function sliceItemRows(
  x: tf.Tensor,
  lead: number,
  total: number,
  start: number,
  count: number,
): tf.Tensor {
  const rest = x.size / (lead * total);
  return tf.tidy(() =>
    tf.reshape(tf.slice(tf.reshape(x, [lead, total, rest]), [0, start, 0], [lead, count, rest]), [
      lead * count,
      ...x.shape.slice(1),
    ]),
  );
}

/** sliceItemRows' inverse for the slices' parts (in item order) → `shape` ([lead · total, …]). */
export function joinItemRows(
  parts: readonly tf.Tensor[],
  lead: number,
  shape: number[],
): tf.Tensor {
  return tf.tidy(() =>
    tf.reshape(
      tf.concat(
        parts.map((part) => tf.reshape(part, [lead, part.shape[0] / lead, -1])),
        1,
      ),
      shape,
    ),
  );
}
