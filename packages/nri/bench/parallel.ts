// Data-parallel training throughput: whole training steps (gradients + one Adam update) in this
// process (today's path, the baseline) against the same steps split across 2 worker threads,
// measured in alternating rounds in one run (the machine's load changes under both alike), the
// median round of each and their ratio. Sizes: the `cpu` preset (width 64, batch 32, 1-step) and
// the paper's (width 256, batch 128, 9-step rollout; in-process with 4 decoder slices, each
// worker one tape over its 64 items in its own wasm heap).
import { availableParallelism } from 'node:os';
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { ReplicaPool } from '@sst-tricks/training';
import * as tf from '@tensorflow/tfjs-core';
import { generateGraphLayout } from '../src/data/index.js';
import { NriModel, type NriModelOptions, nriBatch } from '../src/model/index.js';

interface ParallelCase {
  label: string;
  batch: number;
  /** Steps per round, rounds per side. */
  steps: number;
  rounds: number;
  model: Omit<NriModelOptions, 'seed' | 'nodes' | 'frames' | 'latent' | 'temperature'>;
}

const CASES: ParallelCase[] = [
  {
    label: 'cpu preset (width 64, batch 32, 1-step)',
    batch: 32,
    steps: 8,
    rounds: 7,
    model: { hidden: 64, predictionSteps: 1, tiedInit: true },
  },
  {
    label: 'paper (width 256, batch 128, 9-step)',
    batch: 128,
    steps: 1,
    rounds: 3,
    model: { hidden: 256, predictionSteps: 9, decoderSlices: 4 },
  },
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function runCase(c: ParallelCase, workers: number): Promise<void> {
  const shape = { nodes: 10, frames: 10 };
  const model = new NriModel({
    ...shape,
    ...c.model,
    latent: 'spanning-tree',
    temperature: 0.5,
    seed: 1,
  });
  const variables = Object.entries(model.variables).map(([name, variable]) => ({ name, variable }));
  const trainable = variables.map((v) => v.variable).filter((v) => v.trainable);
  const optimizer = tf.train.adam(1e-3);
  const generator = new RandomGenerator(2);
  const batches = Array.from({ length: c.steps }, (_, i) => {
    const sample = generateGraphLayout(0, 'train', i * c.batch, c.batch, shape);
    return nriBatch(sample.trajectories, { count: c.batch, ...shape, features: 2 });
  });
  const apply = (grads: Record<string, tf.Tensor>) =>
    optimizer.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);

  const inProcess = (batch: (typeof batches)[number]) => {
    const { value, grads } =
      model.lossAndGradients?.(batch, { generator }, trainable) ??
      tf.variableGrads(() => model.loss(batch, { generator }), trainable);
    apply(grads);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const pool = await ReplicaPool.start({
    replicas: workers,
    parallel: model.parallel as never,
    variables,
  });
  const parallel = async (batch: (typeof batches)[number]) => {
    const { loss, gradients } = await pool.step(
      batch,
      { step: 0, totalSteps: 1, generator, training: true },
      trainable,
      null,
    );
    apply(Object.fromEntries(gradients.map((g) => [g.name, g.tensor])));
    loss.dataSync();
    tf.dispose([loss, ...gradients.map((g) => g.tensor)]);
  };
  try {
    // Warm-up: kernels, first allocations, the workers' first steps.
    inProcess(batches[0]);
    await parallel(batches[0]);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < c.rounds; r++) {
      let t0 = performance.now();
      for (const batch of batches) inProcess(batch);
      a.push((performance.now() - t0) / c.steps);
      t0 = performance.now();
      for (const batch of batches) await parallel(batch);
      b.push((performance.now() - t0) / c.steps);
    }
    const ma = median(a);
    const mb = median(b);
    console.log(
      `| ${c.label} | ${ma.toFixed(0)} | ${mb.toFixed(0)} | ${(1000 / ma).toFixed(2)} | ${(1000 / mb).toFixed(2)} | ${(ma / mb).toFixed(2)}× |`,
    );
  } catch (error) {
    console.log(`| ${c.label} | failed: ${(error as Error).message.slice(0, 160)} | | | | |`);
  } finally {
    await pool.close();
    tf.dispose(batches.flatMap((x) => [x.encoderInput, x.frames]));
    optimizer.dispose();
    model.dispose();
  }
}

export async function benchParallel(): Promise<void> {
  const backend = await selectBackend('wasm');
  const workers = 2;
  console.log(
    `data-parallel training steps (spanning tree, n = 10, T = 10) on ${backend}, ${availableParallelism()} cores; 1 = in-process, ${workers} = worker threads; alternating rounds, medians:`,
  );
  console.log(
    `| case | 1 ms/step | ${workers} ms/step | 1 steps/s | ${workers} steps/s | speed-up |`,
  );
  console.log('|---|---|---|---|---|---|');
  const only = process.env.NRI_BENCH_PARALLEL_CASES;
  for (const c of CASES) {
    if (only !== undefined && !only.split(',').some((word) => c.label.startsWith(word))) continue;
    await runCase(c, workers);
  }
}
