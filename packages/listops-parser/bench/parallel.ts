// Data-parallel training throughput, per latent at the CPU configuration: 1 in-process against
// 2 worker threads, and the half-batch bound (see @sst-tricks/training/bench's benchParallelSteps).
import { availableParallelism } from 'node:os';
import { selectBackend } from '@sst-tricks/sst-core';
import { benchParallelSteps, load, parallelStepsHeader } from '@sst-tricks/training/bench';
import { sliceBatch } from '../src/model/batch-items.js';
import { LATENTS } from '../src/model/latent.js';
import { cpuBatches, cpuModel, LEARNING_RATE } from './setup.js';

const STEPS = 6;
const ROUNDS = 5;
const WORKERS = 2;

export async function benchParallel(): Promise<void> {
  const backend = await selectBackend('wasm');
  const batches = cpuBatches(STEPS);
  const steps = batches.map((b) => b.steps);
  console.log(
    `training steps of the CPU configuration on ${backend}, ${availableParallelism()} cores, batch ${batches[0].size} (padded lengths ${Math.min(...steps)}–${Math.max(...steps)}), ${STEPS} steps a round, ${ROUNDS} rounds alternating; 1 = in-process, ${WORKERS} = worker threads; medians (load ${load()}):`,
  );
  console.log(parallelStepsHeader('latent', WORKERS));
  for (const latent of LATENTS) {
    await benchParallelSteps({
      label: latent,
      model: () => cpuModel(latent),
      slice: sliceBatch,
      batches,
      learningRate: LEARNING_RATE,
      rounds: ROUNDS,
      workers: WORKERS,
    });
  }
  console.log(`(load after: ${load()})`);
}
