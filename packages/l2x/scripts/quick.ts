import { selectBackend } from '@sst-tricks/sst-core';
import { type Relaxation, syntheticReviews, trainL2x } from '../src/index.js';

await selectBackend(process.env.BACKEND ?? 'wasm');
const seed = 0;
const data = {
  train: syntheticReviews(seed, 'train', 5000),
  heldout: [],
  test: syntheticReviews(seed, 'test', 500),
};
const relaxation = (process.argv[2] ?? 'correlated-top-k') as Relaxation;
const steps = Number(process.argv[3] ?? 200);
const t0 = performance.now();
const { result } = await trainL2x({
  data,
  aspect: 'aroma',
  relaxation,
  k: 10,
  steps,
  evalEvery: steps,
  seed,
  onEvent: (e) => {
    if (e.type === 'step' && e.step % 50 === 0) {
      console.log(
        e.step,
        (e as { loss: number }).loss?.toFixed?.(4),
        ((performance.now() - t0) / e.step).toFixed(1),
        'ms/step',
      );
    }
    if (e.type === 'eval') console.log('eval', e.step, JSON.stringify(e.metrics));
  },
});
console.log('done', ((performance.now() - t0) / 1000).toFixed(1), 's', result.step);
