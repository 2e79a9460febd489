// The kill test's child: trains the toy model with the same settings as the test's in-process
// reference run, resuming from its directory if it can, and reports every event on stdout (a pipe,
// written synchronously on Linux, so every line written before a SIGKILL reaches the parent).
// Usage: train-toy.ts <directory> <steps> <checkpointEvery> <msPerBatch>
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { train } from '../../src/index.js';
import {
  createToyModel,
  type ToyBatch,
  type ToyEvalBatch,
  toyBatch,
  toyValidation,
} from '../toy-model.js';

const [directory, steps, every, delay] = process.argv.slice(2);
await selectBackend('cpu');
const validation = toyValidation(new RandomGenerator(99));
const model = createToyModel(new RandomGenerator(1));
await train<ToyBatch, ToyEvalBatch>({
  model,
  // Slow data (like reading from disk) gives the parent time to kill mid-run.
  data: async (context) => {
    await new Promise((resolve) => setTimeout(resolve, Number(delay)));
    return toyBatch(context);
  },
  seed: 3,
  steps: Number(steps),
  optimizer: { learningRate: 0.02 },
  evaluation: { every: 10, batches: () => validation },
  checkpoint: { directory, every: Number(every) },
  resume: true,
  onEvent: (event) => {
    process.stdout.write(`${JSON.stringify({ type: event.type, step: event.step })}\n`);
  },
});
