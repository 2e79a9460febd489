// A data-parallel step (2 and 3 worker threads, each with its own wasm backend) against one tape
// in this process: the same loss and gradients (to 1e-4 relative), batch norm's running
// statistics over the whole batch, and the generator left in the same state (each replica drew
// exactly its items' share of the one-process noise).
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { ReplicaPool } from '@sst-tricks/training';
import { relativeError } from '@sst-tricks/training/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateGraphLayout, type NriLatent, NriModel, nriBatch } from '../src/index.js';
import { buildForWorkers } from './parallel/build.js';

const shape = { nodes: 5, frames: 6 };

function collect(model: NriModel) {
  return Object.entries(model.variables).map(([name, variable]) => ({ name, variable }));
}

beforeAll(async () => {
  buildForWorkers();
  await selectBackend('wasm');
}, 300_000);

describe('data-parallel step on wasm workers', () => {
  const cases: Array<[NriLatent, number, number]> = [
    ['spanning-tree', 2, 7],
    ['top-k', 2, 6],
    ['independent', 2, 7],
    ['spanning-tree', 3, 8],
  ];
  for (const [latent, workers, items] of cases) {
    it(`${latent}, ${workers} workers, ${items} items: loss, gradients, statistics and noise as one tape`, async () => {
      const model = new NriModel({
        ...shape,
        hidden: 16,
        latent,
        temperature: 0.5,
        predictionSteps: 2,
        seed: 4,
      });
      const sample = generateGraphLayout(1, 'train', 0, items, shape);
      const batch = nriBatch(sample.trajectories, { count: items, ...shape, features: 2 });
      const variables = collect(model);
      const trainable = variables.map((v) => v.variable).filter((v) => v.trainable);
      const statistics = variables.filter((v) => !v.variable.trainable);
      const before = statistics.map((s) => s.variable.dataSync().slice());

      // The oracle: one tape over the whole batch in this process.
      const oneGenerator = new RandomGenerator(9);
      const { value, grads } = tf.variableGrads(
        () => model.loss(batch, { generator: oneGenerator }),
        trainable,
      );
      const oneLoss = value.dataSync()[0];
      const oneGrads = trainable.map((v) => grads[v.name].dataSync().slice());
      const oneStats = statistics.map((s) => s.variable.dataSync().slice());
      tf.dispose([value, ...Object.values(grads)]);
      statistics.forEach((s, i) => {
        s.variable.assign(tf.tensor(before[i], s.variable.shape));
      });

      const pool = await ReplicaPool.start({
        replicas: workers,
        parallel: model.parallel as never,
        variables,
      });
      try {
        const generator = new RandomGenerator(9);
        const tensorsBefore = tf.memory().numTensors;
        const step = await pool.step(
          batch,
          { step: 0, totalSteps: 1, generator, training: true },
          trainable,
          null,
        );
        const loss = step.loss.dataSync()[0];
        expect(Math.abs(loss - oneLoss) / Math.abs(oneLoss)).toBeLessThan(1e-4);
        step.gradients.forEach((g, i) => {
          expect(g.tensor, trainable[i].name).not.toBeNull();
          expect(relativeError(g.tensor.dataSync(), oneGrads[i]), g.name).toBeLessThan(1e-4);
        });
        statistics.forEach((s, i) => {
          expect(relativeError(s.variable.dataSync(), oneStats[i]), s.name).toBeLessThan(1e-5);
          // and they did move (the test would pass vacuously otherwise)
          expect(relativeError(s.variable.dataSync(), before[i]), s.name).toBeGreaterThan(1e-4);
        });
        expect(generator.getState()).toEqual(oneGenerator.getState());
        tf.dispose([step.loss, ...step.gradients.map((g) => g.tensor)]);
        expect(tf.memory().numTensors).toBe(tensorsBefore);
      } finally {
        await pool.close();
        tf.dispose([batch.encoderInput, batch.frames]);
        model.dispose();
      }
    }, 120_000);
  }
});
