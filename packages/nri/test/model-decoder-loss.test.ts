// Decoder rollout, loss terms against float64 hand computations, metrics, and the full loss's
// gradient through the spanning-tree SST.
import { applyDense, ParameterSet } from '@sst-tricks/nn';
import { RandomGenerator, SpanningTreeDistribution } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  Decoder,
  edgePrecisionRecall,
  gaussianNll,
  klPerNode,
  NriModel,
  nriBatch,
  Relations,
  rolloutPlan,
  undirectedFromDirected,
} from '../src/index.js';

// As sst-core's test/backends.ts: each case once per backend; SST_TEST_BACKENDS narrows.

const n = 5;
const t = 4;
const b = 3;

function trajectories(seed: number): Float32Array {
  const g = new RandomGenerator(seed);
  return Float32Array.from(g.uniforms(b * t * n * 2), (u) => 2 * u - 1);
}

describe('rolloutPlan', () => {
  it('stops every chain at frame T − 1 (no discarded chain)', () => {
    expect(rolloutPlan(10, 9)).toEqual({ starts: [0], active: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
    expect(rolloutPlan(10, 1)).toEqual({ starts: [0, 1, 2, 3, 4, 5, 6, 7, 8], active: [9] });
    expect(rolloutPlan(10, 4)).toEqual({ starts: [0, 4, 8], active: [3, 2, 2, 2] });
    expect(() => rolloutPlan(10, 0)).toThrow(/predictionSteps must be an integer ≥ 1, got 0/);
  });
});

describeEachBackend('decoder', () => {
  it('with an empty graph is the output MLP residual update, and rolls out to T − 1 frames', () => {
    const relations = new Relations(n);
    const decoder = new Decoder(new ParameterSet(new RandomGenerator(2)), relations, {
      features: 2,
      edgeTypes: 2,
      skipFirst: true,
      messageHidden: 16,
      messageOutput: 16,
      hidden: 16,
    });
    const batch = nriBatch(trajectories(5), { count: b, frames: t, nodes: n, features: 2 });
    const empty = tf.concat(
      [tf.ones([n * (n - 1) * b, 1]), tf.zeros([n * (n - 1) * b, 1])],
      1,
    ) as tf.Tensor2D;
    const x = tf.reshape(tf.slice(batch.frames, [0, 0, 0], [1, -1, -1]), [n * b, 2]) as tf.Tensor2D;
    const h = tf.relu(
      applyDense(decoder.out1, tf.concat([x, tf.zeros([n * b, 16])], 1) as tf.Tensor2D),
    ) as tf.Tensor2D;
    const want = tf.add(
      x,
      applyDense(decoder.out3, tf.relu(applyDense(decoder.out2, h)) as tf.Tensor2D),
    );
    const got = decoder.step(x, empty);
    const gv = got.dataSync();
    const wv = want.dataSync();
    for (let i = 0; i < gv.length; i++) expect(gv[i]).toBeCloseTo(wv[i], 5);

    const full = decoder.rollout(batch.frames, empty, t - 1);
    expect(full.predictions.length).toBe(t - 1);
    expect(full.predictions[0].shape).toEqual([n * b, 2]);
    // One chain from frame 0: its first prediction is the single step above.
    const pv = full.predictions[0].dataSync();
    for (let i = 0; i < pv.length; i++) expect(pv[i]).toBeCloseTo(gv[i], 5);
    // One-step teacher forcing: 3 chains side by side, targets = frames 1..3.
    const one = decoder.rollout(batch.frames, empty, 1);
    expect(one.predictions.length).toBe(1);
    expect(one.predictions[0].shape).toEqual([n * 3 * b, 2]);
    const frames = batch.frames.arraySync();
    const target = one.targets[0].arraySync();
    // rows (node, chain, item); chain c targets frame c + 1
    for (let i = 0; i < n; i++)
      for (let c = 0; c < 3; c++)
        for (let item = 0; item < b; item++)
          expect(target[(i * 3 + c) * b + item]).toEqual(frames[c + 1][i * b + item]);
    relations.dispose();
  });
});

describeEachBackend('decoder message MLPs', () => {
  const options = { features: 2, edgeTypes: 2, messageHidden: 16, messageOutput: 16, hidden: 16 };
  const setup = (tiedInit: boolean) => {
    const relations = new Relations(n);
    const decoder = new Decoder(new ParameterSet(new RandomGenerator(2)), relations, {
      ...options,
      tiedInit,
    });
    const batch = nriBatch(trajectories(5), { count: b, frames: t, nodes: n, features: 2 });
    const x = tf.reshape(tf.slice(batch.frames, [0, 0, 0], [1, -1, -1]), [n * b, 2]) as tf.Tensor2D;
    const rows = n * (n - 1) * b;
    const g = new RandomGenerator(9);
    const z = tf.tensor2d(Float32Array.from(g.uniforms(rows)), [rows, 1]);
    const mixed = tf.concat([tf.sub(1, z), z], 1) as tf.Tensor2D;
    const allNoEdge = tf.concat([tf.ones([rows, 1]), tf.zeros([rows, 1])], 1) as tf.Tensor2D;
    return { relations, decoder, x, mixed, allNoEdge };
  };
  it('tied: both types start equal, so any split [1 − z, z] decodes like "no edge" everywhere', () => {
    const { relations, decoder, x, mixed, allNoEdge } = setup(true);
    const [m0, m1] = decoder.messages;
    expect(m1?.fc2.weights.dataSync()).toEqual(m0?.fc2.weights.dataSync());
    expect(m1?.fc1.bias.dataSync()).toEqual(m0?.fc1.bias.dataSync());
    const a = decoder.step(x, mixed).dataSync();
    const c = decoder.step(x, allNoEdge).dataSync();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(c[i], 5);
    relations.dispose();
  });
  it('independent draws: the split matters, and "no edge" sends messages (skipFirst false)', () => {
    const { relations, decoder, x, mixed, allNoEdge } = setup(false);
    expect(decoder.messages[0]).toBeDefined();
    const a = decoder.step(x, mixed).dataSync();
    const c = decoder.step(x, allNoEdge).dataSync();
    expect(Math.max(...a.map((v, i) => Math.abs(v - c[i])))).toBeGreaterThan(1e-4);
    relations.dispose();
  });
});

describeEachBackend('loss terms', () => {
  it('NLL and KL per node equal float64 hand computations', () => {
    const p = [0.1, -0.2, 0.3, 0.05];
    const q = [0.1004, -0.2011, 0.2995, 0.05];
    let sum = 0;
    for (let i = 0; i < 4; i++) sum += (p[i] - q[i]) ** 2;
    const want = sum / (2 * 5e-5) / (2 * 1); // batch 2, nodes 1
    const got = gaussianNll([tf.tensor2d(p, [2, 2])], [tf.tensor2d(q, [2, 2])], {
      batch: 2,
      nodes: 1,
    }).dataSync()[0];
    expect(Math.abs(got - want) / want).toBeLessThan(1e-3); // float32 differences of nearby values
    const theta = [0.5, -1, 2, 0, 0.25, -0.5];
    const dist = new SpanningTreeDistribution(tf.tensor2d(theta, [2, 3]), { n: 3, temperature: 1 });
    const kl = klPerNode(dist.klToGumbelPrior(), { batch: 2, nodes: 3 }).dataSync()[0];
    const klWant = theta.reduce((s, v) => s + v + Math.exp(-v) - 1, 0) / 6;
    expect(kl).toBeCloseTo(klWant, 6);
  });
});

describe('metrics', () => {
  it('precision and recall on hand-made cases', () => {
    expect(edgePrecisionRecall([1, 1, 0, 0], [1, 0, 1, 0])).toMatchObject({
      truePositives: 1,
      precision: 0.5,
      recall: 0.5,
    });
    expect(edgePrecisionRecall([1, 0, 0, 1, 1, 0], [1, 0, 0, 1, 0, 1])).toMatchObject({
      precision: 2 / 3,
      recall: 2 / 3,
    });
    expect(edgePrecisionRecall([0, 0], [1, 0])).toMatchObject({ precision: 1, recall: 0 });
    expect(() => edgePrecisionRecall([1], [1, 0])).toThrow(/equal lengths/);
  });
  it('pools directed indicators into undirected ones', () => {
    // n = 3, batch 1; directed order (0,1) (0,2) (1,0) (1,2) (2,0) (2,1)
    const d = [1, 0, 0, 1, 0, 1];
    expect(Array.from(undirectedFromDirected(d, 3, 1))).toEqual([1, 0, 1]);
    expect(Array.from(undirectedFromDirected(d, 3, 1, 'both'))).toEqual([0, 0, 1]);
  });
});

describeEachBackend('full model', () => {
  for (const latent of ['spanning-tree', 'top-k', 'independent'] as const) {
    it(`${latent}: the loss's gradient wrt every trainable variable is finite and non-zero`, () => {
      const model = new NriModel({
        nodes: n,
        frames: t,
        hidden: 16,
        latent,
        temperature: 0.5,
        seed: 1,
      });
      const batch = nriBatch(trajectories(9), { count: b, frames: t, nodes: n, features: 2 });
      const generator = new RandomGenerator(4);
      const trainable = Object.entries(model.variables).filter(([, v]) => v.trainable);
      const { value, grads } = tf.variableGrads(
        () => model.loss(batch, { generator }),
        trainable.map(([, v]) => v),
      );
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      for (const [name, v] of trainable) {
        const g = grads[v.name].dataSync();
        expect(g.every(Number.isFinite), name).toBe(true);
        expect(
          g.some((x) => x !== 0),
          name,
        ).toBe(true);
      }
      // The batch-norm statistics moved (one training pass) and are not trainable.
      const running = model.variables['encoder.mlp1.bn.runningMean'];
      expect(running.trainable).toBe(false);
      expect(running.dataSync().some((x) => x !== 0)).toBe(true);
    });
  }
});
