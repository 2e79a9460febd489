// A whole NRI training step on wasm (forward, backward, Adam), at the `cpu` preset's size, the
// same at batch 128, and the paper's size (width 256, batch 128, 9-step rollout, 4 decoder
// slices), each against its own forward pass measured in the same run; then where one `cpu` step
// spends its time, by kernel (tf.profile).
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { generateGraphLayout } from '../src/data/index.js';
import { NriModel, type NriModelOptions, nriBatch } from '../src/model/index.js';

interface StepCase {
  label: string;
  batch: number;
  repeats: number;
  model: Omit<NriModelOptions, 'seed' | 'nodes' | 'frames' | 'latent' | 'temperature'>;
}

const CASES: StepCase[] = [
  {
    label: 'cpu preset (width 64, batch 32, 1-step)',
    batch: 32,
    repeats: 15,
    model: { hidden: 64, predictionSteps: 1, tiedInit: true },
  },
  {
    label: 'cpu preset at batch 128',
    batch: 128,
    repeats: 7,
    model: { hidden: 64, predictionSteps: 1, tiedInit: true },
  },
  {
    label: 'paper (width 256, batch 128, 9-step, 4 slices)',
    batch: 128,
    repeats: 3,
    model: { hidden: 256, predictionSteps: 9, decoderSlices: 4 },
  },
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function setup(c: StepCase) {
  const shape = { nodes: 10, frames: 10 };
  const model = new NriModel({
    ...shape,
    ...c.model,
    latent: 'spanning-tree',
    temperature: 0.5,
    seed: 1,
  });
  const sample = generateGraphLayout(0, 'train', 0, c.batch, shape);
  const batch = nriBatch(sample.trajectories, { count: c.batch, ...shape, features: 2 });
  const trainable = Object.values(model.variables).filter((v) => v.trainable);
  const optimizer = tf.train.adam(1e-3);
  const generator = new RandomGenerator(2);
  const step = () => {
    const { value, grads } =
      model.lossAndGradients?.(batch, { generator }, trainable) ??
      tf.variableGrads(() => model.loss(batch, { generator }), trainable);
    optimizer.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const forward = () => {
    tf.tidy(() => model.loss(batch, { generator }).dataSync());
  };
  const dispose = () => {
    tf.dispose([batch.encoderInput, batch.frames, ...Object.values(model.variables)]);
    optimizer.dispose();
    model.relations.dispose();
  };
  return { step, forward, dispose };
}

function timed(fn: () => void, repeats: number): number {
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

export async function benchStep(): Promise<void> {
  const backend = await selectBackend('wasm');
  console.log(`training step (spanning tree, n = 10, T = 10) on ${backend}, median of repeats:`);
  console.log('| case | forward ms | step ms | step ÷ forward | steps/s |');
  console.log('|---|---|---|---|---|');
  for (const c of CASES) {
    const { step, forward, dispose } = setup(c);
    step(); // warm-up: kernels, first allocations
    forward();
    const f = timed(forward, c.repeats);
    const s = timed(step, c.repeats);
    console.log(
      `| ${c.label} | ${f.toFixed(0)} | ${s.toFixed(0)} | ${(s / f).toFixed(2)} | ${(1000 / s).toFixed(2)} |`,
    );
    dispose();
  }

  // Where a `cpu` step's time goes, by kernel.
  const { step, dispose } = setup(CASES[0]);
  step();
  const profile = await tf.profile(() => step());
  const byKernel = new Map<string, { ms: number; calls: number }>();
  let total = 0;
  for (const k of profile.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    total += ms;
    const entry = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls += 1;
    byKernel.set(k.name, entry);
  }
  const top = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 10);
  console.log(
    `\none cpu-preset step by kernel (tf.profile; ${profile.kernels.length} kernel calls, ${total.toFixed(0)} ms of kernel time):`,
  );
  console.log('| kernel | calls | ms | share |');
  console.log('|---|---|---|---|');
  for (const [name, { ms, calls }] of top) {
    console.log(`| ${name} | ${calls} | ${ms.toFixed(1)} | ${((100 * ms) / total).toFixed(1)} % |`);
  }
  dispose();
}
