// `pnpm --filter @sst-tricks/onnx-export bench`: NRI encoder inference throughput, the exported
// model in onnxruntime-node and onnxruntime-web (wasm) against the tfjs wasm forward pass
// (evaluation mode) on the same inputs, in one process. Rounds alternate between the three and
// the median of each is reported, with ratios to tfjs; a random-weight model of the paper's
// shape (n = 10, T = 10) at the cpu preset's width 64 and the paper's 256. Then the ListOps
// (listops.ts) and L2X (l2x.ts) tables.
import { cpus } from 'node:os';
import { NriModel } from '@sst-tricks/nri';
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { exportNri, NRI_INPUT, NRI_OUTPUT, weightsFromVariables } from '../src/index.js';
import { nriEncoderLogits, openSession, randomInput } from '../src/parity/index.js';
import { benchL2x } from './l2x.js';
import { benchListOpsTable } from './listops.js';
import { alternatingCells } from './timing.js';

async function benchEncoder(hidden: number, batch: number): Promise<void> {
  const shape = { nodes: 10, frames: 10, features: 2 };
  const model = new NriModel({
    ...shape,
    hidden,
    latent: 'spanning-tree',
    temperature: 0.5,
    seed: 1,
  });
  const { bytes } = exportNri(weightsFromVariables(model.variables), {
    ...shape,
    hidden,
    latent: 'spanning-tree',
  });
  const input = randomInput(new RandomGenerator(2), batch * 10 * 10 * 2);
  const dims = [batch, 10, 10, 2];
  const node = await openSession('node', bytes);
  const web = await openSession('web', bytes);
  const runners = {
    'tfjs wasm': () => nriEncoderLogits(model, input, batch),
    'ort-node': () => node.run({ [NRI_INPUT]: { data: input, dims } }),
    'ort-web wasm': () => web.run({ [NRI_INPUT]: { data: input, dims } }),
  };
  // Warm-up (and a sanity check that the three agree).
  const a = nriEncoderLogits(model, input, batch);
  const b = (await node.run({ [NRI_INPUT]: { data: input, dims } }))[NRI_OUTPUT].data;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
  const cells = await alternatingCells(runners, batch, Math.max(1, Math.round(64 / batch)));
  console.log(`| ${hidden} | ${batch} | ${cells.join(' | ')} | ${diff.toExponential(1)} |`);
  await node.release();
  await web.release();
  model.dispose();
}

const backend = await selectBackend('wasm');
console.log(
  `onnx-export bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? 'unknown CPU'}, tfjs backend ${backend}`,
);
// `bench nri`, `bench listops` or `bench l2x` runs one model's table only.
const only = process.argv[2];
if (only === undefined || only === 'nri') {
  console.log(
    '| width | batch | tfjs wasm | onnxruntime-node | onnxruntime-web wasm | max abs diff |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const hidden of [64, 256])
    for (const batch of [1, 32, 128]) await benchEncoder(hidden, batch);
}
if (only === undefined || only === 'listops') await benchListOpsTable();
if (only === undefined || only === 'l2x') await benchL2x();
