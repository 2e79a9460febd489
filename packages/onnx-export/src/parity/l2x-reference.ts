// The tfjs side of L2X parity: the model's own explainer forward in evaluation mode
// (`L2xModel.logits`, no dropout), padding masked, as flat [batch, n] / [batch, n − 1] arrays.
import type { L2xModel } from '@sst-tricks/l2x';
import { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';

export interface L2xLogits {
  /** [batch, n] */
  word: Float32Array;
  /** [batch, n − 1]; correlated-top-k models only. */
  pair?: Float32Array;
}

/** Word (and pair) logits of `model` for token ids [batch, length] (row-major). */
export function l2xExplainerLogits(
  model: L2xModel,
  ids: Int32Array,
  batch: number,
  length: number,
): L2xLogits {
  const batchInput = { ids, ratings: new Float32Array(batch), count: batch, length };
  // Evaluation mode draws no noise; the generator is only there to satisfy the signature.
  // `logits` leaves its intermediates to the caller's tidy.
  const logits = tf.tidy(() => {
    const { word, pair } = model.logits(batchInput, false, new RandomGenerator(0));
    return pair === undefined ? { word } : { word, pair };
  }) as { word: tf.Tensor; pair?: tf.Tensor };
  try {
    const word = Float32Array.from(logits.word.dataSync() as Float32Array);
    return logits.pair === undefined
      ? { word }
      : { word, pair: Float32Array.from(logits.pair.dataSync() as Float32Array) };
  } finally {
    tf.dispose([logits.word, logits.pair]);
  }
}
