// Sliced (micro-batch) gradients for any model with a head/tail loss split: the same loss and
// gradients as one tape over the whole batch, the same noise, batch-norm statistics of the whole
// batch moved once; through train({ microBatches }): the same training run, exact resumption,
// the count recorded and checked; errors.
import { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  readCheckpoint,
  type SlicedLoss,
  type StepContext,
  slicedLossAndGradients,
  train,
} from '../src/index.js';
import { describeEachBackend } from './backends.js';
import { snapshot, temporaryDirectories } from './helpers.js';
import {
  createSlicedToyModel,
  type SlicedToyBatch,
  type SlicedToyModel,
  slicedToyBatch,
} from './sliced-toy-model.js';

/** ‖a − b‖ / ‖b‖. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff / norm);
}

function context(generator: RandomGenerator): StepContext {
  return { step: 0, totalSteps: 1, generator, training: true };
}

const split = (model: SlicedToyModel) => {
  const entries = Object.entries(model.variables);
  return {
    trainable: entries.filter(([, v]) => v.trainable).map(([, v]) => v),
    statistics: entries.filter(([, v]) => !v.trainable).map(([, v]) => v),
  };
};

describeEachBackend('slicedLossAndGradients', () => {
  for (const withHead of [true, false]) {
    for (const slices of [1, 2, 3, 7, 9]) {
      it(`${withHead ? 'head + tail' : 'tail only'}, ${slices} slices of 7: the one-tape loss, gradients, noise and statistics`, () => {
        const plain = createSlicedToyModel(new RandomGenerator(5), { withHead });
        const sliced = createSlicedToyModel(new RandomGenerator(5), { withHead });
        const batch = slicedToyBatch({ generator: new RandomGenerator(8) });
        const g1 = new RandomGenerator(11);
        const g2 = new RandomGenerator(11);
        const reference = tf.variableGrads(
          () => plain.loss(batch, context(g1)) as tf.Scalar,
          split(plain).trainable,
        );
        const tensors = tf.memory().numTensors;
        const got = slicedLossAndGradients(
          sliced.slicing,
          batch,
          context(g2),
          split(sliced).trainable,
          { slices, statistics: split(sliced).statistics },
        );
        const names = Object.keys(plain.variables).filter((k) => plain.variables[k].trainable);
        const reached = names.filter((k) => reference.grads[plain.variables[k].name] !== undefined);
        // Only the loss and one gradient per reached variable stay alive.
        expect(tf.memory().numTensors).toBe(tensors + 1 + reached.length);
        expect(Object.keys(got.grads)).toHaveLength(reached.length);
        expect(g2.getState()).toEqual(g1.getState());
        const loss = reference.value.dataSync()[0];
        expect(Math.abs(got.value.dataSync()[0] - loss) / Math.abs(loss)).toBeLessThan(1e-5);
        for (const key of reached) {
          const want = reference.grads[plain.variables[key].name].dataSync();
          const have = got.grads[sliced.variables[key].name]?.dataSync();
          expect(have, key).toBeDefined();
          expect(relativeError(have as Float32Array, want), key).toBeLessThan(1e-5);
        }
        // The running statistics moved once, by the whole batch's statistics: bit for bit.
        for (const key of ['head/runningMean', 'head/runningVariance']) {
          expect(Array.from(sliced.variables[key].dataSync()), key).toEqual(
            Array.from(plain.variables[key].dataSync()),
          );
        }
        tf.dispose([reference.value, got.value, batch.x, batch.y]);
        tf.dispose([...Object.values(reference.grads), ...Object.values(got.grads)]);
        plain.dispose();
        sliced.dispose();
      });
    }
  }

  it('refuses a tail that draws noise outside its slice generator, and bad head outputs', () => {
    const model = createSlicedToyModel(new RandomGenerator(5));
    const batch = slicedToyBatch({ generator: new RandomGenerator(8) });
    const { trainable, statistics } = split(model);
    const run = (slicing: SlicedLoss<SlicedToyBatch>) => () =>
      slicedLossAndGradients(slicing, batch, context(new RandomGenerator(1)), trainable, {
        slices: 2,
        statistics,
      });
    const tensors = tf.memory().numTensors;
    const drifting: SlicedLoss<SlicedToyBatch> = {
      ...model.slicing,
      tail: (b, outputs, slice, ctx) => {
        ctx.generator.uniforms(slice.count); // not through slice.generator: slices differ
        return model.slicing.tail(b, outputs, slice, ctx);
      },
    };
    expect(run(drifting)).toThrow(/left the generator in different states/);
    const wrongRows: SlicedLoss<SlicedToyBatch> = {
      ...model.slicing,
      head: () => ({ outputs: [{ tensor: tf.zeros([6, 2]) }] }),
    };
    expect(run(wrongRows)).toThrow(
      /outputs\[0\] must have lead · items = 7 rows, got shape \[6,2\]/,
    );
    const badLead: SlicedLoss<SlicedToyBatch> = {
      ...model.slicing,
      head: () => ({ outputs: [{ tensor: tf.zeros([7, 2]), lead: 0 }] }),
    };
    expect(run(badLead)).toThrow(/outputs\[0\]\.lead must be a positive integer, got 0/);
    const vector: SlicedLoss<SlicedToyBatch> = {
      ...model.slicing,
      tail: () => tf.zeros([2]),
    };
    expect(run(vector)).toThrow(
      /slicing\.tail must return a scalar \(rank-0\) tensor, got shape \[2\]/,
    );
    expect(run({ ...model.slicing, items: () => 0 })).toThrow(
      /slicing\.items\(batch\) must be a positive integer, got 0/,
    );
    // The failed steps left nothing allocated but what tfjs's tape held when the tail threw.
    expect(tf.memory().numTensors).toBeLessThanOrEqual(tensors + 40);
    tf.dispose([batch.x, batch.y]);
    model.dispose();
  });
});

describeEachBackend('train({ microBatches })', () => {
  const directory = temporaryDirectories();
  const runSliced = async (options: {
    steps: number;
    microBatches?: number;
    dir?: string;
    resume?: boolean;
    losses?: number[];
  }) => {
    const model = createSlicedToyModel(new RandomGenerator(5));
    try {
      return await train<SlicedToyBatch>({
        model,
        data: (ctx) => slicedToyBatch(ctx, 9),
        steps: options.steps,
        seed: 4,
        optimizer: { learningRate: 0.01 },
        microBatches: options.microBatches,
        resume: options.resume,
        checkpoint: options.dir === undefined ? undefined : { directory: options.dir, every: 5 },
        onEvent: (event) => {
          if (event.type === 'step') options.losses?.push(event.loss);
        },
      });
    } finally {
      model.dispose();
    }
  };

  it('trains like one tape (losses to 1e-5 over 20 steps) and keeps the tensor count flat', async () => {
    const whole: number[] = [];
    const sliced: number[] = [];
    await runSliced({ steps: 20, losses: whole });
    const before = tf.memory().numTensors;
    await runSliced({ steps: 20, microBatches: 4, losses: sliced });
    expect(tf.memory().numTensors).toBe(before);
    expect(sliced).toHaveLength(20);
    for (let i = 0; i < 20; i++) {
      expect(Math.abs(sliced[i] - whole[i]) / whole[i], `step ${i + 1}`).toBeLessThan(1e-5);
    }
    expect(whole.at(-1)).toBeLessThan(whole[0]);
  });

  it('resumes exactly, records the count and refuses another one', async () => {
    const straight = directory();
    await runSliced({ steps: 20, microBatches: 3, dir: straight });
    const parts = directory();
    await runSliced({ steps: 10, microBatches: 3, dir: parts });
    expect(readCheckpoint(parts).manifest.options.microBatches).toBe(3);
    await expect(
      runSliced({ steps: 20, microBatches: 2, dir: parts, resume: true }),
    ).rejects.toThrow(
      /options\.microBatches 2 differs from the 3 micro-batch\(es\) of the run being resumed/,
    );
    // Left out on resume: the checkpoint's count.
    await runSliced({ steps: 20, dir: parts, resume: true });
    expect(snapshot(parts)).toEqual(snapshot(straight));
    // One-tape runs record nothing (their checkpoints are as before).
    const plain = directory();
    await runSliced({ steps: 5, microBatches: 1, dir: plain });
    expect('microBatches' in readCheckpoint(plain).manifest.options).toBe(false);
  });

  it('refuses microBatches it cannot honour', async () => {
    const model = createSlicedToyModel(new RandomGenerator(5));
    const base = { model, data: slicedToyBatch, steps: 1 };
    await expect(train({ ...base, microBatches: 0 })).rejects.toThrow(
      /options\.microBatches must be a positive integer, got 0/,
    );
    await expect(train({ ...base, microBatches: 1.5 })).rejects.toThrow(/options\.microBatches/);
    const { slicing: _, ...unsliced } = model;
    await expect(train({ ...base, model: unsliced, microBatches: 2 })).rejects.toThrow(
      /options\.microBatches is 2 but options\.model\.slicing is undefined/,
    );
    const own = {
      ...model,
      lossAndGradients: () => ({ value: tf.scalar(0), grads: {} }),
    };
    await expect(train({ ...base, model: own, microBatches: 2 })).rejects.toThrow(
      /computes its own lossAndGradients; use one of them/,
    );
    const parallel = {
      ...model,
      parallel: { factory: { module: 'x', exportName: 'y', config: null }, items: () => 7 },
    };
    await expect(train({ ...base, model: parallel, microBatches: 2, workers: 2 })).rejects.toThrow(
      /workers 2 with microBatches 2 is not supported/,
    );
    model.dispose();
  });
});
