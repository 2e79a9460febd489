// Data-parallel training throughput, per relaxation at the CPU configuration: whole training steps
// (gradients + one Adam update) in this process (the baseline) against the same steps split
// across 2 worker threads, in alternating rounds in one run (the machine's load changes under
// both alike), the median round of each and their ratio; and what a replica's own forward +
// backward took in the 2-worker steps (the pool's profile, mean per step) beside an in-process
// step on half the batch (the same rounds): the best 2 workers could do, as each replica computes
// half the batch, is the whole batch's step time over the half batch's.
import { availableParallelism } from 'node:os';
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { ReplicaPool } from '@sst-tricks/training';
import * as tf from '@tensorflow/tfjs-core';
import { type L2xBatch, sliceBatch } from '../src/model/batch.js';

import { RELAXATIONS, type Relaxation } from '../src/model/selection.js';
import { cpuBatches, cpuModel, K, LEARNING_RATE } from './setup.js';
import { load, median } from './timing.js';

const STEPS = 6;
const ROUNDS = 5;
const WORKERS = 2;

async function runRelaxation(relaxation: Relaxation, batches: readonly L2xBatch[]): Promise<void> {
  const model = cpuModel(relaxation);
  const variables = Object.entries(model.variables).map(([name, variable]) => ({ name, variable }));
  const trainable = variables.map((v) => v.variable);
  const optimizer = tf.train.adam(LEARNING_RATE);
  const generator = new RandomGenerator(2);
  const context = { step: 0, totalSteps: 1, generator, training: true } as const;
  const apply = (grads: Record<string, tf.Tensor>) =>
    optimizer.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
  const inProcess = (batch: L2xBatch) => {
    const { value, grads } = tf.variableGrads(
      () => model.loss(batch, context) as tf.Scalar,
      trainable,
    );
    apply(grads);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const pool = await ReplicaPool.start({
    replicas: WORKERS,
    parallel: model.parallel as never,
    variables,
  });
  const parallel = async (batch: L2xBatch) => {
    const { loss, gradients } = await pool.step(batch, context, trainable, null);
    apply(Object.fromEntries(gradients.map((g) => [g.name, g.tensor])));
    loss.dataSync();
    tf.dispose([loss, ...gradients.map((g) => g.tensor)]);
  };
  try {
    // Warm-up: kernels, first allocations, Adam's moments, the workers' first steps.
    inProcess(batches[0]);
    await parallel(batches[0]);
    pool.resetProfile();
    const halves = batches.map((b) => sliceBatch(b, 0, Math.ceil(b.count / WORKERS)));
    inProcess(halves[0]);
    const one: number[] = [];
    const two: number[] = [];
    const half: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t0 = performance.now();
      for (const batch of batches) inProcess(batch);
      one.push((performance.now() - t0) / batches.length);
      t0 = performance.now();
      for (const batch of batches) await parallel(batch);
      two.push((performance.now() - t0) / batches.length);
      t0 = performance.now();
      for (const batch of halves) inProcess(batch);
      half.push((performance.now() - t0) / batches.length);
    }
    const a = median(one);
    const b = median(two);
    const h = median(half);
    const profile = pool.profile();
    const compute = profile.replicas.map((x) => (x.compute / profile.steps).toFixed(0)).join(' / ');
    console.log(
      `| ${relaxation} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(1000 / a).toFixed(2)} | ${(1000 / b).toFixed(2)} | **${(a / b).toFixed(2)}×** | ${compute} | ${h.toFixed(1)} | ${(a / h).toFixed(2)}× |`,
    );
  } catch (error) {
    console.log(
      `| ${relaxation} | failed: ${(error as Error).message.slice(0, 160)} | | | | | | | |`,
    );
  } finally {
    await pool.close();
    optimizer.dispose();
    model.dispose();
  }
}

export async function benchParallel(): Promise<void> {
  const backend = await selectBackend('wasm');
  const batches = cpuBatches(STEPS);
  console.log(
    `training steps of the CPU configuration on ${backend}, ${availableParallelism()} cores, batch ${batches[0].count} × ${batches[0].length} tokens, k ${K}, ${STEPS} steps a round, ${ROUNDS} rounds alternating; 1 = in-process, ${WORKERS} = worker threads; medians (load ${load()}):`,
  );
  console.log(
    `| relaxation | 1: ms/step | ${WORKERS}: ms/step | 1: steps/s | ${WORKERS}: steps/s | speed-up | replica fwd+bwd ms/step | 1, half batch: ms/step | bound: 1 ÷ half |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const relaxation of RELAXATIONS) await runRelaxation(relaxation, batches);
  console.log(`(load after: ${load()})`);
}
