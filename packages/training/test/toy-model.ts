// A toy model for the loop's tests, the kill test's child process and the benchmark: a small MLP
// regressing y = sin(x₁ + … + x₄) that draws input noise from the model generator every step (so
// an exact resume must restore the generator) and takes batches drawn from the data generator.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import type {
  BatchContext,
  EvalBatches,
  EvalContext,
  StepContext,
  TrainableModel,
} from '../src/index.js';

export const INPUTS = 4;
export const HIDDEN = 16;

/** A training batch: tensors (the loop releases them after the step). */
export interface ToyBatch {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor2D;
}

/** A validation batch: plain arrays (the producer keeps them; evaluate makes its own tensors). */
export interface ToyEvalBatch {
  readonly x: Float32Array;
  readonly y: Float32Array;
}

function sample(generator: RandomGenerator, size: number): ToyEvalBatch {
  const u = generator.uniforms(size * INPUTS);
  const x = new Float32Array(size * INPUTS);
  const y = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let sum = 0;
    for (let j = 0; j < INPUTS; j++) {
      x[i * INPUTS + j] = 2 * u[i * INPUTS + j] - 1;
      sum += x[i * INPUTS + j];
    }
    y[i] = Math.sin(sum);
  }
  return { x, y };
}

/** The batch function: `size` points drawn from the data generator. */
export function toyBatch(context: BatchContext, size = 16): ToyBatch {
  const { x, y } = sample(context.generator, size);
  return { x: tf.tensor2d(x, [size, INPUTS]), y: tf.tensor2d(y, [size, 1]) };
}

/** A fixed validation set (its own seed), as plain arrays. */
export function toyValidation(generator: RandomGenerator, batches = 2, size = 32): ToyEvalBatch[] {
  return Array.from({ length: batches }, () => sample(generator, size));
}

/** Standard normal noise from `generator` (Box–Muller), as a float32 tensor. */
function normal(generator: RandomGenerator, shape: [number, number]): tf.Tensor2D {
  const n = shape[0] * shape[1];
  const u = generator.uniforms(2 * n);
  const z = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = Math.sqrt(-2 * Math.log(1 - u[2 * i])) * Math.cos(2 * Math.PI * u[2 * i + 1]);
  }
  return tf.tensor2d(z, shape);
}

export interface ToyModel extends TrainableModel<ToyBatch, ToyEvalBatch> {
  /** Disposes the variables. */
  dispose(): void;
}

/** A fresh toy model with weights drawn from `generator` (pass the same seed for the same model). */
export function createToyModel(generator: RandomGenerator, noise = 0.05): ToyModel {
  const init = (rows: number, cols: number, scale: number) => {
    const u = generator.uniforms(rows * cols);
    const values = Float32Array.from(u, (v) => (2 * v - 1) * scale);
    return tf.tidy(() => tf.variable(tf.tensor2d(values, [rows, cols])));
  };
  const variables = {
    'hidden/kernel': init(INPUTS, HIDDEN, 0.5),
    'hidden/bias': tf.tidy(() => tf.variable(tf.zeros([1, HIDDEN]))),
    'output/kernel': init(HIDDEN, 1, 0.5),
    'output/bias': tf.tidy(() => tf.variable(tf.zeros([1, 1]))),
  };
  const forward = (x: tf.Tensor2D) =>
    tf.add(
      tf.matMul(
        tf.tanh(tf.add(tf.matMul(x, variables['hidden/kernel']), variables['hidden/bias'])),
        variables['output/kernel'],
      ),
      variables['output/bias'],
    );
  return {
    variables,
    loss(batch: ToyBatch, context: StepContext): tf.Scalar {
      const jitter = tf.mul(normal(context.generator, batch.x.shape as [number, number]), noise);
      return tf.losses.meanSquaredError(batch.y, forward(tf.add(batch.x, jitter) as tf.Tensor2D));
    },
    async evaluate(batches: EvalBatches<ToyEvalBatch>, context: EvalContext) {
      let total = 0;
      let count = 0;
      for await (const batch of batches) {
        const size = batch.y.length;
        const mse = tf.tidy(() =>
          tf.losses.meanSquaredError(
            tf.tensor2d(batch.y, [size, 1]),
            forward(tf.tensor2d(batch.x, [size, INPUTS])),
          ),
        );
        total += (await mse.data())[0] * size;
        count += size;
        mse.dispose();
      }
      // A metric that uses the evaluation generator, to check it is reseeded every evaluation.
      return { mse: total / count, probe: context.generator.nextUniform() };
    },
    dispose() {
      tf.dispose(Object.values(variables));
    },
  };
}
