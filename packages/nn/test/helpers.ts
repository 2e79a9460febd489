// Shared assertions for the layer tests.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Same shape and |a − b| ≤ tol·(1 + |b|) element-wise. */
export function expectClose(a: tf.Tensor, b: tf.Tensor, tol = 1e-5): void {
  expect(a.shape).toEqual(b.shape);
  const x = a.dataSync();
  const y = b.dataSync();
  for (let i = 0; i < x.length; i++) {
    if (!(Math.abs(x[i] - y[i]) <= tol * (1 + Math.abs(y[i])))) {
      expect.fail(`element ${i}: ${x[i]} vs ${y[i]} (tol ${tol})`);
    }
  }
}

/** Runs `fn` in a tidy scope and checks it leaves no tensor behind once its result is disposed
 *  (a layer must not keep or create tensors outside the caller's scope). */
export function expectNoLeak(fn: () => tf.TensorContainer): void {
  const before = tf.memory().numTensors;
  tf.dispose(tf.tidy(fn));
  expect(tf.memory().numTensors).toBe(before);
}

/** Deterministic N(0, 1) tensor. */
export function randn(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}
