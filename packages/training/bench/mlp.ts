// The benchmark's models: MLP regressions of a chosen width and batch, with input noise drawn from
// the model generator each step (as the tests' toy model), in two sizes: a tiny one where the
// loop's fixed per-step cost shows most, and one closer to a real model's step.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import type { BatchContext, StepContext, TrainableModel } from '../src/index.js';

export interface MlpSize {
  readonly label: string;
  readonly inputs: number;
  readonly hidden: number;
  readonly batch: number;
}

export interface MlpBatch {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor2D;
}

export function mlpBatch(size: MlpSize, context: BatchContext): MlpBatch {
  const u = context.generator.uniforms(size.batch * size.inputs);
  const x = Float32Array.from(u, (v) => 2 * v - 1);
  const y = new Float32Array(size.batch);
  for (let i = 0; i < size.batch; i++) {
    let sum = 0;
    for (let j = 0; j < size.inputs; j++) sum += x[i * size.inputs + j];
    y[i] = Math.sin(sum);
  }
  return { x: tf.tensor2d(x, [size.batch, size.inputs]), y: tf.tensor2d(y, [size.batch, 1]) };
}

export function createMlp(
  size: MlpSize,
  generator: RandomGenerator,
): TrainableModel<MlpBatch> & { dispose(): void } {
  const init = (rows: number, cols: number) => {
    const values = Float32Array.from(
      generator.uniforms(rows * cols),
      (v) => (2 * v - 1) / Math.sqrt(rows),
    );
    return tf.tidy(() => tf.variable(tf.tensor2d(values, [rows, cols])));
  };
  const zeros = (cols: number) => tf.tidy(() => tf.variable(tf.zeros([1, cols])));
  const variables = {
    'layer1/kernel': init(size.inputs, size.hidden),
    'layer1/bias': zeros(size.hidden),
    'layer2/kernel': init(size.hidden, size.hidden),
    'layer2/bias': zeros(size.hidden),
    'output/kernel': init(size.hidden, 1),
    'output/bias': zeros(1),
  };
  return {
    variables,
    loss(batch: MlpBatch, context: StepContext) {
      const n = size.batch * size.inputs;
      const u = context.generator.uniforms(n);
      const noise = tf.tensor2d(
        Float32Array.from(u, (v) => 0.1 * (v - 0.5)),
        [size.batch, size.inputs],
      );
      let h = tf.relu(
        tf.add(
          tf.matMul(tf.add(batch.x, noise), variables['layer1/kernel']),
          variables['layer1/bias'],
        ),
      );
      h = tf.relu(tf.add(tf.matMul(h, variables['layer2/kernel']), variables['layer2/bias']));
      const out = tf.add(tf.matMul(h, variables['output/kernel']), variables['output/bias']);
      return tf.losses.meanSquaredError(batch.y, out);
    },
    dispose: () => tf.dispose(Object.values(variables)),
  };
}
