// ListOps rows of the onnx-export bench: the arc scorer (embedding → two LSTMs → bilinear
// scores) at the CLI's width 32 and the reference's 60, random tokens of length 30 (item lengths
// 2–30 in one batch), the exported model in onnxruntime-node and onnxruntime-web (wasm) against
// the tfjs wasm forward pass (`ListOpsModel.scores`) on the same inputs, in one process.
import { ListOpsModel } from '@sst-tricks/listops-parser';
import { RandomGenerator } from '@sst-tricks/sst-core';
import {
  exportListOps,
  LISTOPS_LENGTHS_INPUT,
  LISTOPS_OUTPUT,
  LISTOPS_TOKENS_INPUT,
  weightsFromVariables,
} from '../src/index.js';
import { listOpsArcScores, openSession, randomListOpsTokens } from '../src/parity/index.js';
import { alternatingCells } from './timing.js';

async function benchListOps(width: number, batch: number, length: number): Promise<void> {
  const model = new ListOpsModel({
    latent: 'arborescence',
    embedding: width,
    hidden: width,
    width,
    seed: 1,
  });
  const config = { latent: 'arborescence' as const, embedding: width, hidden: width };
  const { bytes } = exportListOps(weightsFromVariables(model.variables), {
    ...config,
    bidirectional: false,
  });
  const { ids, lengths } = randomListOpsTokens(new RandomGenerator(2), batch, length);
  const feeds = {
    [LISTOPS_TOKENS_INPUT]: { data: ids, dims: [batch, length] },
    [LISTOPS_LENGTHS_INPUT]: { data: lengths, dims: [batch] },
  };
  const node = await openSession('node', bytes);
  const web = await openSession('web', bytes);
  const runners = {
    'tfjs wasm': () => listOpsArcScores(model, ids, lengths),
    'ort-node': () => node.run(feeds),
    'ort-web wasm': () => web.run(feeds),
  };
  const a = listOpsArcScores(model, ids, lengths);
  const b = (await node.run(feeds))[LISTOPS_OUTPUT].data;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
  const cells = await alternatingCells(runners, batch, Math.max(1, Math.round(32 / batch)));
  console.log(`| ${width} | ${batch} | ${cells.join(' | ')} | ${diff.toExponential(1)} |`);
  await node.release();
  await web.release();
  model.dispose();
}

export async function benchListOpsTable(): Promise<void> {
  console.log('\nListOps arc scorer, length 30 (item lengths 2–30 in each batch)');
  console.log(
    '| width | batch | tfjs wasm | onnxruntime-node | onnxruntime-web wasm | max abs diff |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const width of [32, 60])
    for (const batch of [1, 32, 128]) await benchListOps(width, batch, 30);
}
