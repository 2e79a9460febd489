// NriModel.evaluate: finite metrics, precision/recall in [0, 1], no tensor leaks, no change to
// the model (batch norm on running averages), the same numbers for the same generator seed.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { evaluateNri, type NriEvalBatch, NriModel, validationBatches } from '../src/index.js';

const shape = { nodes: 5, frames: 4 };

function snapshot(model: NriModel): Record<string, Float32Array> {
  return Object.fromEntries(
    Object.entries(model.variables).map(([name, v]) => [name, v.dataSync() as Float32Array]),
  );
}

describeEachBackend('NriModel.evaluate', () => {
  for (const latent of ['spanning-tree', 'top-k', 'independent'] as const) {
    it(`${latent}: finite ELBO terms, precision/recall in [0, 1], no leaks, model unchanged`, async () => {
      const model = new NriModel({ ...shape, hidden: 16, latent, temperature: 0.5, seed: 3 });
      const batches = validationBatches(11, 3, 8, shape);
      const before = snapshot(model);
      const tensors = tf.memory().numTensors;
      const metrics = await model.evaluate(batches(), { generator: new RandomGenerator(5) });
      expect(tf.memory().numTensors).toBe(tensors);
      expect(Object.keys(metrics).sort()).toEqual(['elbo', 'kl', 'nll', 'precision', 'recall']);
      for (const value of Object.values(metrics)) expect(Number.isFinite(value)).toBe(true);
      expect(metrics.elbo).toBeCloseTo(-(metrics.nll + metrics.kl), 3);
      for (const key of ['precision', 'recall'] as const) {
        expect(metrics[key]).toBeGreaterThanOrEqual(0);
        expect(metrics[key]).toBeLessThanOrEqual(1);
      }
      if (latent === 'spanning-tree') {
        // A tree against a tree: n − 1 predicted and n − 1 true edges, so precision = recall.
        expect(metrics.precision).toBeCloseTo(metrics.recall, 10);
      }
      expect(snapshot(model)).toEqual(before);
      const again = await model.evaluate(batches(), { generator: new RandomGenerator(5) });
      expect(again).toEqual(metrics);
    });
  }

  /**
   * Evaluates a stand-in independent-latent model on n = 3, truth {0,1} and {1,2}, whose hard
   * sample puts directed edge e in type 0 when typeZero[e] = 1. Directed order: (0,1) (0,2) (1,0)
   * (1,2) (2,0) (2,1). NLL 2 and KL 1.
   */
  async function evaluateIndependent(typeZero: number[]) {
    const hard = tf.tensor2d(
      typeZero.flatMap((z) => [z, 1 - z]),
      [6, 2],
    );
    const fake = {
      options: { nodes: 3, latent: 'independent' },
      forward: () => ({ nll: tf.scalar(2), kl: tf.scalar(1), sample: { hard: tf.clone(hard) } }),
    } as unknown as NriModel;
    const batch = { count: 1, edges: [1, 0, 1] } as unknown as NriEvalBatch;
    try {
      return await evaluateNri(fake, [batch], new RandomGenerator(1));
    } finally {
      hard.dispose();
    }
  }

  it('independent: reads whichever edge type matches the true graph better as "edge"', async () => {
    // Exactly the true pairs (both directions) in type 0.
    const metrics = await evaluateIndependent([1, 0, 1, 1, 0, 1]);
    expect(metrics).toMatchObject({ precision: 1, recall: 1, elbo: -3 });
  });

  it('independent: a reading that predicts no pair does not win on its vacuous precision', async () => {
    // Every directed edge in type 1: reading type 0 predicts nothing (precision 1 by convention,
    // recall 0); reading type 1 predicts every pair (precision 2/3, recall 1) and must be chosen.
    const metrics = await evaluateIndependent([0, 0, 0, 0, 0, 0]);
    expect(metrics.recall).toBe(1);
    expect(metrics.precision).toBeCloseTo(2 / 3, 12);
  });

  it('rejects edges of the wrong size and an empty validation set', async () => {
    const model = new NriModel({
      ...shape,
      hidden: 16,
      latent: 'spanning-tree',
      temperature: 0.5,
      seed: 3,
    });
    await expect(model.evaluate([], { generator: new RandomGenerator(1) })).rejects.toThrow(
      /no validation batches/,
    );
    const tensors = tf.memory().numTensors;
    // The consumer stopping early must still free the batch it holds (the generator's finally).
    const bad = (function* () {
      for (const b of validationBatches(11, 1, 2, shape)())
        yield { ...b, edges: new Uint8Array(3) };
    })();
    await expect(model.evaluate(bad, { generator: new RandomGenerator(1) })).rejects.toThrow(
      /edges must have count·n\(n−1\)\/2 = 20 entries, got 3/,
    );
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
