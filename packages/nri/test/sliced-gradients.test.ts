// The decoder run over batch slices (decoderSlices > 1, through training's generic sliced
// gradients) gives the loss and gradients of the one-tape `loss`, draws the same noise and moves
// batch norm's running statistics once; and it changes no bit against NRI's own implementation
// from before the switch (test/oracle), step after step of training.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import { type TrainableModel, train } from '@sst-tricks/training';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  generateGraphLayout,
  type NriBatch,
  NriModel,
  nriBatch,
  sliceRanges,
  trainingBatches,
  trainNri,
} from '../src/index.js';
import { legacySlicedLossAndGradients } from './oracle/legacy-sliced-gradients.js';

const shape = { nodes: 5, frames: 4 };
const B = 7;

function values(model: NriModel): Record<string, Float32Array> {
  return Object.fromEntries(
    Object.entries(model.variables).map(([name, v]) => [name, v.dataSync() as Float32Array]),
  );
}

/** max |a − b| / max(|b|, 1e-3) over all entries. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-3));
  }
  return worst;
}

describe('sliceRanges', () => {
  it('covers every item once in nearly equal consecutive parts', () => {
    expect(sliceRanges(7, 3)).toEqual([
      [0, 2],
      [2, 2],
      [4, 3],
    ]);
    expect(sliceRanges(2, 4)).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});

describeEachBackend('decoderSlices', () => {
  const settings = [
    ['spanning-tree', 3, false],
    ['top-k', 2, true],
    ['independent', 4, false],
  ] as const;
  for (const [latent, slices, straightThrough] of settings) {
    it(`${latent}, ${slices} slices${straightThrough ? ', straight-through' : ''}: same loss, gradients, noise and batch-norm update`, () => {
      const options = { ...shape, hidden: 8, latent, temperature: 0.7, seed: 4, straightThrough };
      const plain = new NriModel(options);
      const sliced = new NriModel({ ...options, decoderSlices: slices });
      expect(plain.lossAndGradients).toBeUndefined();
      const sample = generateGraphLayout(2, 'train', 0, B, shape);
      const batch = nriBatch(sample.trajectories, { count: B, ...shape, features: 2 });
      const trainable = (m: NriModel) => Object.values(m.variables).filter((v) => v.trainable);

      const g1 = new RandomGenerator(9);
      const reference = tf.variableGrads(
        () => plain.loss(batch, { generator: g1 }),
        trainable(plain),
      );
      const g2 = new RandomGenerator(9);
      const tensors = tf.memory().numTensors;
      const got = sliced.lossAndGradients?.(batch, { generator: g2 }, trainable(sliced));
      if (got === undefined) throw new Error('lossAndGradients missing');
      // Only the returned loss and one gradient per trainable variable stay alive.
      expect(tf.memory().numTensors).toBe(tensors + 1 + trainable(sliced).length);

      expect(g2.getState()).toEqual(g1.getState());
      const loss = reference.value.dataSync()[0];
      expect(Math.abs(got.value.dataSync()[0] - loss) / Math.abs(loss)).toBeLessThan(1e-5);
      const names = Object.keys(plain.variables).filter((k) => plain.variables[k].trainable);
      for (const key of names) {
        const want = reference.grads[plain.variables[key].name].dataSync();
        const have = got.grads[sliced.variables[key].name]?.dataSync();
        expect(have, key).toBeDefined();
        expect(relativeError(have as Float32Array, want), key).toBeLessThan(1e-4);
      }
      // Batch norm's running statistics moved once, as by one `loss` call.
      const after = values(plain);
      const afterSliced = values(sliced);
      for (const key of Object.keys(after).filter((k) => k.includes('running'))) {
        expect(relativeError(afterSliced[key], after[key]), key).toBeLessThan(1e-5);
      }
      tf.dispose([reference.value, got.value, ...Object.values(reference.grads)]);
      tf.dispose(Object.values(got.grads));
      tf.dispose([batch.encoderInput, batch.frames]);
      plain.dispose();
      sliced.dispose();
    });
  }
});

describeEachBackend('decoderSlices against the implementation before the switch', () => {
  const latents = ['spanning-tree', 'top-k', 'independent'] as const;
  for (const latent of latents) {
    it(`${latent}: 6 training steps with 3 slices, bit-identical losses and weights`, async () => {
      const options = { ...shape, hidden: 8, latent, temperature: 0.5, seed: 3, tiedInit: true };
      const run = async (legacy: boolean) => {
        const nri = new NriModel({ ...options, decoderSlices: 3 });
        const model: TrainableModel<NriBatch> = {
          variables: nri.variables,
          loss: (batch, context) => nri.loss(batch, context),
          lossAndGradients: legacy
            ? (batch, context, trainable) =>
                legacySlicedLossAndGradients(nri, batch, context.generator, 3, trainable)
            : nri.lossAndGradients,
        };
        const losses: number[] = [];
        await train({
          model,
          data: trainingBatches(5, B, shape),
          steps: 6,
          seed: 5,
          optimizer: { learningRate: 5e-3 },
          onEvent: (event) => {
            if (event.type === 'step') losses.push(event.loss);
          },
        });
        const weights = values(nri);
        nri.dispose();
        return { losses, weights };
      };
      const before = await run(true);
      const after = await run(false);
      expect(after.losses).toHaveLength(6);
      expect(after.losses).toEqual(before.losses);
      for (const [name, v] of Object.entries(before.weights)) {
        expect(Buffer.from(after.weights[name].buffer).equals(Buffer.from(v.buffer)), name).toBe(
          true,
        );
      }
    }, 120_000);
  }
});

describeEachBackend('trainNri with decoderSlices: checkpoints and resume', () => {
  it('2N steps == N + resume + N, bit for bit (losses, evaluations, weights)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'nri-sliced-'));
    try {
      const options = {
        ...shape,
        hidden: 8,
        latent: 'spanning-tree' as const,
        temperature: 0.5,
        batchSize: B,
        evalBatches: 1,
        evalEvery: 2,
        checkpointEvery: 2,
        decoderSlices: 2,
        seed: 2,
      };
      const whole = await trainNri({ ...options, steps: 8, checkpointDirectory: join(root, 'a') });
      const dir = join(root, 'b');
      (await trainNri({ ...options, steps: 4, checkpointDirectory: dir })).model.dispose();
      const resumed = await trainNri({
        ...options,
        steps: 8,
        checkpointDirectory: dir,
        resume: true,
      });
      expect(resumed.result.loss).toBe(whole.result.loss);
      expect(resumed.result.evaluations).toEqual(whole.result.evaluations);
      const a = values(whole.model);
      const b = values(resumed.model);
      for (const name of Object.keys(a)) {
        expect(Buffer.from(b[name].buffer).equals(Buffer.from(a[name].buffer)), name).toBe(true);
      }
      whole.model.dispose();
      resumed.model.dispose();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
