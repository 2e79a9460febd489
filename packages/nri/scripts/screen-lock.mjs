// Screens a training configuration for locking onto the tree's complement: short spanning-tree
// runs (the lock is decided by step ~250) over several seeds, printing held-out precision at every
// evaluation. Build first (pnpm turbo run build --filter=@sst-tricks/nri...), then from the root:
//   node packages/nri/scripts/screen-lock.mjs --seeds 0-9 --steps 300 --every 100 '{"skipFirst":true}'
// The JSON overrides the `cpu` preset's trainNri options.
import { trainNri } from '@sst-tricks/nri';
import { selectBackend } from '@sst-tricks/sst-core';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args[i + 1];
};
const [from, to] = flag('--seeds', '0-9').split('-').map(Number);
const steps = Number(flag('--steps', '300'));
const every = Number(flag('--every', '100'));
const workers = Number(flag('--workers', '1'));
const overrides = JSON.parse(args.find((a) => a.startsWith('{')) ?? '{}');
await selectBackend(flag('--backend', 'wasm'));

const cpu = {
  hidden: 64,
  batchSize: 32,
  learningRate: 1e-3,
  temperature: 0.5,
  predictionSteps: 1,
  tiedInit: true,
  latent: 'spanning-tree',
};
console.log(`# ${JSON.stringify({ ...cpu, ...overrides, steps, every, workers })}`);
for (let seed = from ?? 0; seed <= (to ?? from); seed++) {
  const start = Date.now();
  const evals = [];
  const { model } = await trainNri({
    ...cpu,
    ...overrides,
    seed,
    steps,
    evalEvery: every,
    workers,
    onEvent: (e) => {
      if (e.type === 'eval')
        evals.push(`${e.step}:${e.metrics.precision.toFixed(3)}/${e.metrics.elbo.toFixed(0)}`);
    },
  });
  model.dispose();
  console.log(
    `seed ${seed}  ${evals.join('  ')}  ${((Date.now() - start) / 60000).toFixed(2)} min`,
  );
}
