// L2X rows of the onnx-export bench: the exported explainer (token ids → word and pair logits)
// in onnxruntime-node and onnxruntime-web (wasm) against the tfjs wasm forward pass
// (`L2xModel.logits`, evaluation mode) on the same ids, in one process; rounds alternate and
// the median of each is reported with ratios to tfjs. A random-weight correlated-top-k model
// (vocabulary 2000, embedding 32) at the package's default width 64 and L2X's 100, reviews of
// the training length 100.
import { L2xModel } from '@sst-tricks/l2x';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { exportL2x, weightsFromVariables } from '../src/index.js';
import { l2xExplainerLogits, openL2xSession } from '../src/parity/index.js';
import { alternatingCells } from './timing.js';

const LENGTH = 100;
const VOCABULARY = 2000;

/** ids [batch, LENGTH]: 40–100 words per review, then padding (0). */
function reviewIds(batch: number, seed: number): Int32Array {
  const u = new RandomGenerator(seed).uniforms(batch * (LENGTH + 1));
  const ids = new Int32Array(batch * LENGTH);
  for (let r = 0; r < batch; r++) {
    const words = 40 + Math.floor(u[r * (LENGTH + 1)] * (LENGTH - 40 + 1));
    for (let i = 0; i < words; i++)
      ids[r * LENGTH + i] = 1 + Math.floor(u[r * (LENGTH + 1) + 1 + i] * (VOCABULARY - 1));
  }
  return ids;
}

async function benchExplainer(hidden: number, batch: number): Promise<void> {
  const sizes = { vocabulary: VOCABULARY, embedding: 32, hidden, k: 10 };
  const model = new L2xModel({
    ...sizes,
    relaxation: 'correlated-top-k',
    temperature: 0.5,
    seed: 1,
  });
  const { bytes } = exportL2x(weightsFromVariables(model.variables), {
    ...sizes,
    relaxation: 'correlated-top-k',
    aspect: 'aroma',
    maxLength: LENGTH,
  });
  const ids = reviewIds(batch, 2);
  const node = await openL2xSession('node', bytes);
  const web = await openL2xSession('web', bytes);
  const runners = {
    'tfjs wasm': () => l2xExplainerLogits(model, ids, batch, LENGTH),
    'ort-node': () => node.run(ids, batch, LENGTH),
    'ort-web wasm': () => web.run(ids, batch, LENGTH),
  };
  // Warm-up, and a check that tfjs and ort-node agree.
  const a = l2xExplainerLogits(model, ids, batch, LENGTH);
  const b = await node.run(ids, batch, LENGTH);
  let diff = 0;
  for (let i = 0; i < a.word.length; i++) diff = Math.max(diff, Math.abs(a.word[i] - b.word[i]));
  const pa = a.pair as Float32Array;
  const pb = b.pair as Float32Array;
  for (let i = 0; i < pa.length; i++) diff = Math.max(diff, Math.abs(pa[i] - pb[i]));
  const cells = await alternatingCells(
    runners,
    batch,
    Math.max(1, Math.round(32 / batch)),
    'reviews',
  );
  console.log(`| ${hidden} | ${batch} | ${cells.join(' | ')} | ${diff.toExponential(1)} |`);
  await node.release();
  await web.release();
  model.dispose();
}

/** The L2X table (the tfjs backend is already selected). */
export async function benchL2x(): Promise<void> {
  console.log(
    `\nL2X explainer (correlated-top-k, vocabulary ${VOCABULARY}, embedding 32, reviews of ${LENGTH} tokens)`,
  );
  console.log(
    '| width | batch | tfjs wasm | onnxruntime-node | onnxruntime-web wasm | max abs diff |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const hidden of [64, 100])
    for (const batch of [1, 32, 128]) await benchExplainer(hidden, batch);
}
