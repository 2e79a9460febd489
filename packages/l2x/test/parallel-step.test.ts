// A data-parallel step (2 wasm worker threads, each with its own backend) against one tape in
// this process, for every relaxation: the same loss and gradients (to 1e-4 relative) and the
// generator left in the same state (each replica drew exactly its reviews' share of the
// one-process noise: dropout and the selection's Gumbel draws).
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { buildForWorkers } from '@sst-tricks/tooling/build-for-workers';
import { ReplicaPool } from '@sst-tricks/training';
import { relativeError } from '@sst-tricks/training/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  encodeReviews,
  L2xModel,
  RELAXATIONS,
  sliceBatch,
  syntheticReviews,
  trainingBatches,
  Vocabulary,
} from '../src/index.js';

beforeAll(async () => {
  buildForWorkers('@sst-tricks/l2x');
  await selectBackend('wasm');
}, 300_000);

const reviews = syntheticReviews(3, 'train', 60);
const vocabulary = Vocabulary.build(reviews.map((r) => r.tokens));
const set = encodeReviews(reviews, vocabulary, 1, 30);
const batch = trainingBatches(set, 7)({ generator: new RandomGenerator(2) });

describe('sliceBatch', () => {
  it('takes whole rows of reviews', () => {
    const part = sliceBatch(batch, 2, 3);
    expect(part.count).toBe(3);
    expect(part.length).toBe(30);
    expect([...part.ids]).toEqual([...batch.ids.slice(60, 150)]);
    expect([...part.ratings]).toEqual([...batch.ratings.slice(2, 5)]);
    expect(() => sliceBatch(batch, 6, 2)).toThrow(/items \[6, 8\) exceed the batch's 7 items/);
  });
});

describe('data-parallel L2X step on 2 wasm workers', () => {
  for (const relaxation of RELAXATIONS) {
    it(`${relaxation}: loss, gradients and noise as one tape`, async () => {
      const model = new L2xModel({
        vocabulary: vocabulary.size,
        relaxation,
        k: 4,
        temperature: 0.5,
        embedding: 8,
        hidden: 8,
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
        () => model.loss(batch, context(oneGenerator)),
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
        // relativeError's scale floor, 1e-4 of the step's largest gradient entry: a gradient that
        // is zero in exact arithmetic (the word logits' bias — every relaxation is invariant to a
        // common shift of a review's logits) is float cancellation noise in both computations.
        const floor = 1e-4 * Math.max(...oneGrads.map((g) => Math.max(...g.map(Math.abs))));
        step.gradients.forEach((g, i) => {
          expect(g.tensor, trainable[i].name).not.toBeNull();
          const values = g.tensor.dataSync();
          expect(relativeError(values, oneGrads[i], floor), variables[i].name).toBeLessThan(1e-4);
          // Every variable is reached (else equality would be vacuous for it).
          expect(
            values.some((x) => x !== 0),
            variables[i].name,
          ).toBe(true);
        });
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
