// Data-parallel training throughput, per relaxation at the CPU configuration: 1 in-process against
// 2 worker threads, and the half-batch bound (see @sst-tricks/training/bench's benchParallelSteps).
import { availableParallelism } from 'node:os';
import { selectBackend } from '@sst-tricks/sst-core';
import { benchParallelSteps, load, parallelStepsHeader } from '@sst-tricks/training/bench';
import { sliceBatch } from '../src/model/batch.js';
import { RELAXATIONS } from '../src/model/selection.js';
import { cpuBatches, cpuModel, K, LEARNING_RATE } from './setup.js';

const STEPS = 6;
const ROUNDS = 5;
const WORKERS = 2;

export async function benchParallel(): Promise<void> {
  const backend = await selectBackend('wasm');
  const batches = cpuBatches(STEPS);
  console.log(
    `training steps of the CPU configuration on ${backend}, ${availableParallelism()} cores, batch ${batches[0].count} × ${batches[0].length} tokens, k ${K}, ${STEPS} steps a round, ${ROUNDS} rounds alternating; 1 = in-process, ${WORKERS} = worker threads; medians (load ${load()}):`,
  );
  console.log(parallelStepsHeader('relaxation', WORKERS));
  for (const relaxation of RELAXATIONS) {
    await benchParallelSteps({
      label: relaxation,
      model: () => cpuModel(relaxation),
      slice: sliceBatch,
      batches,
      learningRate: LEARNING_RATE,
      rounds: ROUNDS,
      workers: WORKERS,
    });
  }
  console.log(`(load after: ${load()})`);
}
