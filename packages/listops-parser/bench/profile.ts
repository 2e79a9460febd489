// Where one in-process training step's time goes, per latent at the CPU configuration: the
// model's forward + backward (one tape over the loss, no optimizer) against its parts measured
// alone at the same batch's sizes — the latent op (the noise, the relaxed structure, e.g. the
// arborescence's directed matrix-tree marginals, and its VJP, on the batch's own arc scores) and
// the arc scorer (embedding, head and modifier LSTMs, bilinear scores; forward + backward with a
// fixed cotangent) — the rest being the GNN and readout — and the Adam update; alternating within
// each round, medians of the rounds' per-batch means, and shares of the forward + backward taken
// within each round (its parts ran under one load) then the median.
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { load, median } from '@sst-tricks/training/bench';
import * as tf from '@tensorflow/tfjs-core';
import type { ListOpsBatch } from '../src/model/batch.js';
import { FoldCache, LATENTS, type ListOpsLatent, latentGraph } from '../src/model/latent.js';
import { cpuBatches, cpuModel, LEARNING_RATE } from './setup.js';

const BATCHES = 6;
const ROUNDS = 5;

function profileLatent(latent: ListOpsLatent, batches: readonly ListOpsBatch[]): void {
  const model = cpuModel(latent);
  const trainable = Object.values(model.variables);
  const optimizer = tf.train.adam(LEARNING_RATE);
  const generator = new RandomGenerator(2);
  const context = { step: 0, totalSteps: 1, generator, training: true } as const;
  const folds = new FoldCache();
  // The latent op's inputs: each batch's arc scores and a fixed cotangent of the graph's shape.
  const inputs =
    latent === 'lstm'
      ? []
      : batches.map((batch) => {
          const scores = model.scores(batch);
          const cotangent = tf.randomNormal(scores.shape, 0, 1, 'float32', 3);
          return { scores, cotangent };
        });
  const forwardBackward = (batch: ListOpsBatch) => {
    const { value, grads } = tf.variableGrads(
      () => model.loss(batch, context) as tf.Scalar,
      trainable,
    );
    value.dataSync();
    return grads;
  };
  const scorer = (batch: ListOpsBatch, i: number) => {
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(model.scores(batch), inputs[i].cotangent)) as tf.Scalar,
      trainable,
    );
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const latentOp = (batch: ListOpsBatch, i: number) => {
    const { scores, cotangent } = inputs[i];
    const mode = { training: true as const, generator, temperature: model.options.temperature };
    const vjp = tf.grad((s: tf.Tensor) =>
      tf.sum(
        tf.mul(
          latentGraph(latent as never, s as tf.Tensor3D, batch.lengths, mode, folds),
          cotangent,
        ),
      ),
    );
    const g = vjp(scores);
    g.dataSync();
    g.dispose();
  };
  const totals = {
    fb: [] as number[],
    op: [] as number[],
    scorer: [] as number[],
    adam: [] as number[],
    opShare: [] as number[],
    scorerShare: [] as number[],
  };
  // Warm-up.
  tf.dispose(Object.values(forwardBackward(batches[0])));
  if (latent !== 'lstm') {
    latentOp(batches[0], 0);
    scorer(batches[0], 0);
  }
  for (let r = 0; r < ROUNDS; r++) {
    let fb = 0;
    let op = 0;
    let arcs = 0;
    let adam = 0;
    batches.forEach((batch, i) => {
      let t0 = performance.now();
      const grads = forwardBackward(batch);
      fb += performance.now() - t0;
      t0 = performance.now();
      optimizer.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
      trainable[0].dataSync(); // the update has run
      adam += performance.now() - t0;
      tf.dispose(Object.values(grads));
      if (latent !== 'lstm') {
        t0 = performance.now();
        latentOp(batch, i);
        op += performance.now() - t0;
        t0 = performance.now();
        scorer(batch, i);
        arcs += performance.now() - t0;
      }
    });
    totals.fb.push(fb / batches.length);
    totals.op.push(op / batches.length);
    totals.scorer.push(arcs / batches.length);
    totals.adam.push(adam / batches.length);
    // Shares within the round (its parts ran within a second of each other, under one load).
    totals.opShare.push(op / fb);
    totals.scorerShare.push(arcs / fb);
  }
  const fb = median(totals.fb);
  const op = median(totals.op);
  const arcs = median(totals.scorer);
  const adam = median(totals.adam);
  const none = latent === 'lstm';
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  const part = (ms: number, shares: number[]) =>
    none ? '–' : `${ms.toFixed(1)} (${pct(median(shares))})`;
  const rest = totals.opShare.map((x, i) => 1 - x - totals.scorerShare[i]);
  console.log(
    `| ${latent} | ${fb.toFixed(1)} | ${part(op, totals.opShare)} | ${part(arcs, totals.scorerShare)} | ${none ? '–' : pct(median(rest))} | ${adam.toFixed(1)} |`,
  );
  tf.dispose(inputs.flatMap((x) => [x.scores, x.cotangent]));
  folds.dispose();
  optimizer.dispose();
  model.dispose();
}

export async function benchProfile(): Promise<void> {
  const backend = await selectBackend('wasm');
  const batches = cpuBatches(BATCHES);
  console.log(
    `where an in-process step's time goes (CPU configuration, ${backend}, batch ${batches[0].size}, ${BATCHES} batches a round, ${ROUNDS} rounds; ms per step, medians; load ${load()}):`,
  );
  console.log(
    '| latent | model forward + backward | latent op: noise + relaxation + VJP (share) | arc scorer: embedding + 2 LSTMs + bilinear, fwd + bwd (share) | rest: GNN + readout (share) | Adam update |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const latent of LATENTS) profileLatent(latent, batches);
  console.log(`(load after: ${load()})`);
}
