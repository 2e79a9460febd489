// The package README's example, run as a test: recover a hidden spanning tree of K_6 from noisy
// observations of its edges by gradient descent on the logits θ through the SST (the relaxed
// sample of SpanningTreeDistribution), then read the tree off θ with Kruskal.
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { SpanningTreeDistribution } from '../src/distributions/index.js';
import { RandomGenerator, sampleGumbel } from '../src/noise/index.js';
import { hardSpanningTree } from '../src/relaxations/index.js';
import { describeEachBackend } from './backends.js';

const N = 6;
const EDGES = (N * (N - 1)) / 2;

describeEachBackend('README example: recover a hidden spanning tree', () => {
  it('learns θ whose Kruskal tree is the hidden tree', () => {
    const before = tf.memory().numTensors;
    const generator = new RandomGenerator(7);

    // A random hidden tree (Kruskal on Gumbel weights) and its edge indicators + N(0, 0.2²) noise.
    const hidden = tf.tidy(() => hardSpanningTree(sampleGumbel([1, EDGES], generator), { n: N }));
    const observed = tf.tidy(() =>
      tf.add(hidden, tf.randomNormal([1, EDGES], 0, 0.2, 'float32', 1)),
    );

    // Fit θ so that E[X_t] (estimated with 8 relaxed samples) matches the observations.
    const theta = tf.tidy(() => tf.variable(tf.zeros([1, EDGES])));
    const optimizer = tf.train.adam(0.1);
    const losses: number[] = [];
    for (let step = 0; step < 150; step++) {
      const loss = optimizer.minimize(() => {
        const logits = tf.broadcastTo(theta, [8, EDGES]);
        const { relaxed } = new SpanningTreeDistribution(logits, { n: N, temperature: 0.5 }).sample(
          generator,
        );
        return tf.sum(tf.squaredDifference(tf.mean(relaxed, 0, true), observed));
      }, true);
      losses.push((loss as tf.Scalar).dataSync()[0]);
      loss?.dispose();
    }

    const learned = hardSpanningTree(theta, { n: N });
    expect(Array.from(learned.dataSync())).toEqual(Array.from(hidden.dataSync()));
    expect(losses[149]).toBeLessThan(losses[0] / 2);

    tf.dispose([hidden, observed, theta, learned]);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
