// One L2X run on the default synthetic data (seed 0: 5000 train, 500 annotated test reviews),
// aroma, printing one JSON line: relaxation, k, seed, steps, test MSE, subset precision, minutes.
// Usage: node --conditions=source --import ../../tooling/ts-source/register.mjs \
//          scripts/run-one.ts RELAXATION K SEED STEPS
import { selectBackend } from '@sst-tricks/sst-core';
import { checkRelaxation, syntheticReviews, trainL2x } from '../src/index.js';

const [relaxationArg, kArg, seedArg, stepsArg] = process.argv.slice(2);
const relaxation = checkRelaxation(relaxationArg);
const k = Number(kArg ?? 10);
const seed = Number(seedArg ?? 0);
const steps = Number(stepsArg ?? 600);
await selectBackend('wasm');
const data = {
  train: syntheticReviews(0, 'train', 5000),
  heldout: [],
  test: syntheticReviews(0, 'test', 500),
};
const t0 = performance.now();
let metrics: Record<string, number> = {};
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
  onEvent: (e) => {
    if (e.type === 'eval') metrics = e.metrics;
  },
});
const minutes = (performance.now() - t0) / 60_000;
console.log(JSON.stringify({ relaxation, k, seed, steps, ...metrics, minutes }));
