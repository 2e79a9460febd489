// Precision and MSE along one L2X run (evaluations every EVERY steps), for choosing the step budget.
// Usage: node --conditions=source --import ../../tooling/ts-source/register.mjs \
//          scripts/probe-steps.ts RELAXATION K SEED STEPS EVERY
import { selectBackend } from '@sst-tricks/sst-core';
import { checkRelaxation, syntheticReviews, trainL2x } from '../src/index.js';

const [relaxationArg, kArg, seedArg, stepsArg, everyArg] = process.argv.slice(2);
const relaxation = checkRelaxation(relaxationArg);
const k = Number(kArg ?? 10);
const seed = Number(seedArg ?? 0);
const steps = Number(stepsArg ?? 2000);
const every = Number(everyArg ?? 250);
await selectBackend('wasm');
const data = {
  train: syntheticReviews(0, 'train', 5000),
  heldout: [],
  test: syntheticReviews(0, 'test', 500),
};
const t0 = performance.now();
await trainL2x({
  data,
  aspect: 'aroma',
  relaxation,
  k,
  steps,
  seed,
  maxLength: 100,
  hidden: 32,
  embedding: 32,
  batchSize: 32,
  evalEvery: every,
  onEvent: (e) => {
    if (e.type === 'eval')
      console.log(
        JSON.stringify({
          relaxation,
          k,
          seed,
          step: e.step,
          ...e.metrics,
          minutes: (performance.now() - t0) / 60_000,
        }),
      );
  },
});
