// One trainListOps run on the CPU data, printing the validation metrics every 250 steps (used to
// pick the CPU configuration's temperature). From this folder:
//   node --conditions=source --import ../../../tooling/ts-source/register.mjs probe.ts \
//     [latent] [steps] [lr] [temperature] [bidirectional 0|1]
import { selectBackend } from '@sst-tricks/sst-core';
import { trainListOps } from '../src/index.js';

await selectBackend('wasm');
const [latent = 'arborescence', steps = '2000', lr = '0.002', t = '1', bi = '0'] =
  process.argv.slice(2);
const t0 = performance.now();
let last = 0;
await trainListOps({
  latent: latent as 'arborescence',
  steps: Number(steps),
  evalEvery: 250,
  learningRate: Number(lr),
  temperature: Number(t),
  bidirectional: bi === '1',
  onEvent: (e) => {
    if (e.type === 'step') last = e.loss;
    if (e.type === 'eval')
      console.log(
        latent,
        e.step,
        `${((performance.now() - t0) / 1000).toFixed(0)}s`,
        last.toFixed(3),
        JSON.stringify(e.metrics),
      );
  },
});
