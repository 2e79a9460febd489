// The toy model trained as a restart run (and as a plain run for the oracles), shared by the
// restart tests and the candidate worker script.
import { RandomGenerator } from '@sst-tricks/sst-core';
import type { RestartRun, TrainingEvent, TrainResult } from '../../src/index.js';
import { train } from '../../src/index.js';
import { createToyModel, type ToyModel, toyBatch, toyValidation } from '../toy-model.js';

export interface ToyRun {
  model: ToyModel;
  result: TrainResult;
}

/** Evaluate and checkpoint every EVERY steps. */
export const EVERY = 4;

/** One toy run: weights, noise and data all seeded by `run.seed`, a fixed validation set. */
export async function trainToy(
  run: Pick<RestartRun, 'seed' | 'steps' | 'directory' | 'resume'>,
  hooks: { onEvent?: (event: TrainingEvent) => void; signal?: AbortSignal } = {},
): Promise<ToyRun> {
  const model = createToyModel(new RandomGenerator(run.seed));
  try {
    const result = await train({
      model,
      data: toyBatch,
      seed: run.seed,
      steps: run.steps,
      optimizer: { learningRate: 0.02 },
      evaluation: { every: EVERY, batches: () => toyValidation(new RandomGenerator(99)) },
      checkpoint: { directory: run.directory, every: EVERY },
      resume: run.resume,
      onEvent: hooks.onEvent,
      signal: hooks.signal,
    });
    return { model, result };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
