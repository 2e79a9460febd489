// Where one in-process training step's time goes, per relaxation at the CPU configuration: the
// model's forward + backward (one tape over the loss, no optimizer) against its parts measured
// alone at the same batch's sizes — the selection op (the noise, the relaxed k-subset and its
// VJP, on the batch's own word and pair logits) and the explainer (embedding, CNN branches, word
// and pair logits; forward + backward with a fixed cotangent) — the rest being the predictor —
// and the Adam update; alternating within each round, medians of the rounds' per-batch means, and
// shares of the forward + backward taken within each round (its parts ran under one load) then
// the median.
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { load, median } from '@sst-tricks/training/bench';
import * as tf from '@tensorflow/tfjs-core';
import type { L2xBatch } from '../src/model/batch.js';
import { RELAXATIONS, type Relaxation, relaxedSelection } from '../src/model/selection.js';
import { cpuBatches, cpuModel, K, LEARNING_RATE } from './setup.js';

const BATCHES = 4;
const ROUNDS = 5;

function profileRelaxation(relaxation: Relaxation, batches: readonly L2xBatch[]): void {
  const model = cpuModel(relaxation);
  const trainable = Object.values(model.variables);
  const optimizer = tf.train.adam(LEARNING_RATE);
  const generator = new RandomGenerator(2);
  const context = { step: 0, totalSteps: 1, generator, training: true } as const;
  const { k, temperature } = model.options;
  // Each batch's logits (training mode: dropout on) and fixed cotangents of their shapes.
  const inputs = batches.map((batch) =>
    tf.tidy(() => {
      const logits = model.logits(batch, true, new RandomGenerator(1));
      return {
        word: tf.keep(logits.word),
        pair: logits.pair === undefined ? undefined : tf.keep(logits.pair),
        cotangent: tf.keep(tf.randomNormal(logits.word.shape, 0, 1, 'float32', 3)),
        pairCotangent:
          logits.pair === undefined
            ? undefined
            : tf.keep(tf.randomNormal(logits.pair.shape, 0, 1, 'float32', 4)),
      };
    }),
  );
  const forwardBackward = (batch: L2xBatch) => {
    const { value, grads } = tf.variableGrads(() => model.loss(batch, context), trainable);
    value.dataSync();
    return grads;
  };
  const selection = (i: number) => {
    const { word, pair, cotangent } = inputs[i];
    const xs = pair === undefined ? [word] : [word, pair];
    const vjp = tf.grads((...args: tf.Tensor[]) =>
      tf.sum(
        tf.mul(
          relaxedSelection(
            relaxation,
            { word: args[0] as tf.Tensor2D, pair: args[1] as tf.Tensor2D | undefined },
            { k, temperature },
            generator,
          ),
          cotangent,
        ),
      ),
    );
    const g = vjp(xs);
    for (const x of g) x.dataSync();
    tf.dispose(g);
  };
  const explainer = (batch: L2xBatch, i: number) => {
    const { cotangent, pairCotangent } = inputs[i];
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.logits(batch, true, generator);
      const words = tf.sum(tf.mul(logits.word, cotangent));
      return (
        logits.pair === undefined
          ? words
          : tf.add(words, tf.sum(tf.mul(logits.pair, pairCotangent as tf.Tensor)))
      ) as tf.Scalar;
    }, trainable);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const totals = {
    fb: [] as number[],
    op: [] as number[],
    explainer: [] as number[],
    adam: [] as number[],
    opShare: [] as number[],
    explainerShare: [] as number[],
  };
  // Warm-up.
  tf.dispose(Object.values(forwardBackward(batches[0])));
  selection(0);
  explainer(batches[0], 0);
  for (let r = 0; r < ROUNDS; r++) {
    let fb = 0;
    let op = 0;
    let ex = 0;
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
      t0 = performance.now();
      selection(i);
      op += performance.now() - t0;
      t0 = performance.now();
      explainer(batch, i);
      ex += performance.now() - t0;
    });
    totals.fb.push(fb / batches.length);
    totals.op.push(op / batches.length);
    totals.explainer.push(ex / batches.length);
    totals.adam.push(adam / batches.length);
    // Shares within the round (its parts ran within a second of each other, under one load).
    totals.opShare.push(op / fb);
    totals.explainerShare.push(ex / fb);
  }
  const fb = median(totals.fb);
  const op = median(totals.op);
  const ex = median(totals.explainer);
  const adam = median(totals.adam);
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  const rest = totals.opShare.map((x, i) => 1 - x - totals.explainerShare[i]);
  console.log(
    `| ${relaxation} | ${fb.toFixed(1)} | ${op.toFixed(1)} (${pct(median(totals.opShare))}) | ${ex.toFixed(1)} (${pct(median(totals.explainerShare))}) | ${pct(median(rest))} | ${adam.toFixed(1)} |`,
  );
  tf.dispose(
    inputs
      .flatMap((x) => [x.word, x.pair, x.cotangent, x.pairCotangent])
      .filter((x) => x !== undefined),
  );
  optimizer.dispose();
  model.dispose();
}

export async function benchProfile(): Promise<void> {
  const backend = await selectBackend('wasm');
  const batches = cpuBatches(BATCHES);
  console.log(
    `where an in-process step's time goes (CPU configuration, ${backend}, batch ${batches[0].count} × ${batches[0].length} tokens, k ${K}, ${BATCHES} batches a round, ${ROUNDS} rounds; ms per step, medians; load ${load()}):`,
  );
  console.log(
    '| relaxation | model forward + backward | selection op: noise + relaxation + VJP (share) | explainer: embedding + CNN + logits, fwd + bwd (share) | rest: predictor (share) | Adam update |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const relaxation of RELAXATIONS) profileRelaxation(relaxation, batches);
  console.log(`(load after: ${load()})`);
}
