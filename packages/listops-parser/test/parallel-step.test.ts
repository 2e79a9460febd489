// A data-parallel step (2 wasm worker threads, each with its own backend) against one tape in
// this process, for every latent: the same loss and gradients (to 1e-4 relative) and the
// generator left in the same state (each replica drew exactly its items' share of the
// one-process noise). The batch mixes lengths, so the shards' items are padded to the whole
// batch's length as in one process.
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { buildForWorkers } from '@sst-tricks/tooling/build-for-workers';
import { ReplicaPool } from '@sst-tricks/training';
import { relativeError } from '@sst-tricks/training/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBatch, generateListOps, LATENTS, ListOpsModel, sliceBatch } from '../src/index.js';

beforeAll(async () => {
  buildForWorkers('@sst-tricks/listops-parser');
  await selectBackend('wasm');
}, 300_000);

const examples = generateListOps(7, { seed: 5, maxDepth: 2, maxLength: 14, sm: false });
const batch = encodeBatch(examples);

describe('sliceBatch', () => {
  it('keeps the padded length and takes the items out of the time-major rows', () => {
    const part = sliceBatch(batch, 2, 3);
    expect(part.steps).toBe(batch.steps);
    expect(part.size).toBe(3);
    for (let t = 0; t < batch.steps; t++)
      for (let i = 0; i < 3; i++) expect(part.ids[t * 3 + i]).toBe(batch.ids[t * 7 + 2 + i]);
    expect([...part.lengths]).toEqual([...batch.lengths.slice(2, 5)]);
    expect([...part.heads]).toEqual([...batch.heads.slice(2 * batch.steps, 5 * batch.steps)]);
    expect(() => sliceBatch(batch, 5, 3)).toThrow(/items \[5, 8\) exceed the batch's 7 items/);
  });
});

describe('data-parallel ListOps step on 2 wasm workers', () => {
  it('the batch mixes lengths (the test would not exercise padding otherwise)', () => {
    expect(new Set(batch.lengths).size).toBeGreaterThan(1);
  });
  for (const latent of LATENTS) {
    it(`${latent}: loss, gradients and noise as one tape`, async () => {
      const model = new ListOpsModel({
        latent,
        embedding: 8,
        hidden: 8,
        width: 8,
        rounds: 2,
        temperature: 0.5,
        seed: 4,
      });
      const variables = Object.entries(model.variables).map(([name, variable]) => ({
        name,
        variable,
      }));
      const trainable = variables.map((v) => v.variable);
      const context = (generator: RandomGenerator) =>
        ({ step: 0, totalSteps: 1, generator, training: true }) as const;

      // The oracle: one tape over the whole batch in this process.
      const oneGenerator = new RandomGenerator(9);
      const { value, grads } = tf.variableGrads(
        () => model.loss(batch, context(oneGenerator)) as tf.Scalar,
        trainable,
      );
      const oneLoss = value.dataSync()[0];
      const oneGrads = trainable.map((v) => grads[v.name].dataSync().slice());
      tf.dispose([value, ...Object.values(grads)]);

      const pool = await ReplicaPool.start({
        replicas: 2,
        parallel: model.parallel as never,
        variables,
      });
      try {
        const generator = new RandomGenerator(9);
        const tensorsBefore = tf.memory().numTensors;
        const step = await pool.step(batch, context(generator), trainable, null);
        const loss = step.loss.dataSync()[0];
        expect(Math.abs(loss - oneLoss) / Math.abs(oneLoss)).toBeLessThan(1e-4);
        let reached = 0;
        step.gradients.forEach((g, i) => {
          expect(g.tensor, trainable[i].name).not.toBeNull();
          const values = g.tensor.dataSync();
          expect(relativeError(values, oneGrads[i]), g.name).toBeLessThan(1e-4);
          if (values.some((x) => x !== 0)) reached++;
        });
        // Most variables get a gradient (else equality would be vacuous); padding rows of the
        // embeddings stay zero.
        expect(reached).toBeGreaterThan(trainable.length / 2);
        expect(generator.getState()).toEqual(oneGenerator.getState());
        tf.dispose([step.loss, ...step.gradients.map((g) => g.tensor)]);
        expect(tf.memory().numTensors).toBe(tensorsBefore);
      } finally {
        await pool.close();
        model.dispose();
      }
    }, 120_000);
  }
});
