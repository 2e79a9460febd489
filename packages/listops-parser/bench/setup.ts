// The CPU configuration the benchmarks measure: `sst train listops`'s defaults (generated data of
// depth ≤ 3 and ≤ 30 tokens, no SM; widths 32, 3 message rounds, temperature 0.3, batch 32, Adam
// 2e-3), with training batches drawn as the loop draws them.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { generateListOps } from '../src/data/index.js';
import type { ListOpsBatch } from '../src/model/batch.js';
import type { ListOpsLatent } from '../src/model/latent.js';
import { ListOpsModel } from '../src/model/listops-model.js';
import { DEFAULT_DATA, trainingBatches } from '../src/train/datasets.js';

export const BATCH = 32;
export const LEARNING_RATE = 2e-3;

export function cpuModel(latent: ListOpsLatent): ListOpsModel {
  return new ListOpsModel({
    latent,
    embedding: 32,
    hidden: 32,
    width: 32,
    rounds: DEFAULT_DATA.maxDepth,
    temperature: 0.3,
    seed: 1,
  });
}

/** `count` training batches of the CPU configuration's data (fixed: every side sees the same). */
export function cpuBatches(count: number): ListOpsBatch[] {
  const examples = generateListOps(1000, {
    seed: DEFAULT_DATA.seed,
    maxDepth: DEFAULT_DATA.maxDepth,
    maxLength: DEFAULT_DATA.maxLength,
    sm: DEFAULT_DATA.sm,
  });
  const next = trainingBatches(examples, BATCH);
  const generator = new RandomGenerator(5);
  return Array.from({ length: count }, (_, step) => next({ step, generator }));
}
