// `pnpm bench` for nn: forward + backward of each layer on wasm against the plain tfjs
// formulation (tfjs's own autodiff), alternating rounds in one process, medians and ratios.
import { cpus } from 'node:os';
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { Conv1d, dense, Embedding, Lstm, ParameterSet } from '../src/index.js';

type Pass = () => tf.Tensor[];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Alternating rounds of `ours` and `plain` (one warm-up each); medians in ms. */
function compare(label: string, ours: Pass, plain: Pass, rounds: number): void {
  const run = (fn: Pass) => {
    const start = performance.now();
    const out = tf.tidy(fn);
    for (const t of out) t.dataSync();
    tf.dispose(out);
    return performance.now() - start;
  };
  run(ours);
  run(plain);
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(run(ours));
    b.push(run(plain));
  }
  const ma = median(a);
  const mb = median(b);
  console.log(`| ${label} | ${ma.toFixed(1)} | ${mb.toFixed(1)} | ${(mb / ma).toFixed(2)}× |`);
}

await selectBackend('wasm');
console.log(
  `nn benchmarks (wasm) — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? 'unknown CPU'}`,
);
console.log('| forward + backward | ours (ms) | plain tfjs (ms) | speed-up |\n|---|---|---|---|');
const params = new ParameterSet(new RandomGenerator(1));

{
  const x = tf.randomNormal([2048, 256]) as tf.Tensor2D;
  const w = tf.randomNormal([256, 256]) as tf.Tensor2D;
  const b = tf.randomNormal([256]) as tf.Tensor1D;
  const grads = (f: (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor) => () =>
    tf.grads((x, w, b) => tf.sum(f(x, w, b)))([x, w, b]);
  compare(
    'dense 2048×256 · 256×256',
    grads((x, w, b) => dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D)),
    grads((x, w, b) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b)),
    9,
  );
}

{
  const T = 20;
  const B = 32;
  const lstm = new Lstm(params, 'lstm', { inputs: 64, hidden: 128 });
  const d = lstm.directions[0];
  const x = tf.randomNormal([T * B, 64]) as tf.Tensor2D;
  const lengths = Array(B).fill(T);
  const vars = params.trainable();
  const grads = (f: () => tf.Tensor) => () =>
    Object.values(tf.variableGrads(() => tf.sum(f()) as tf.Scalar, vars).grads);
  const plain = () => {
    let h: tf.Tensor = tf.zeros([B, 128]);
    let c: tf.Tensor = tf.zeros([B, 128]);
    const outs: tf.Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const xt = tf.slice(x, [t * B, 0], [B, 64]);
      const g = tf.add(
        tf.add(tf.matMul(xt, d.weightsInput as tf.Tensor2D), d.biasInput),
        tf.add(tf.matMul(h as tf.Tensor2D, d.weightsHidden as tf.Tensor2D), d.biasHidden),
      );
      const [i, f, gg, o] = tf.split(g, 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(gg)));
      h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      outs.push(h);
    }
    return tf.concat(outs, 0);
  };
  compare(
    'LSTM T 20, B 32, 64 → 128',
    grads(() => lstm.apply(x, lengths).output),
    grads(plain),
    7,
  );
}

for (const vocabulary of [100, 1000, 5000]) {
  const emb = new Embedding(params, `emb${vocabulary}`, { vocabulary, dim: 64, method: 'one-hot' });
  const ids = Int32Array.from({ length: 2048 }, (_, i) => (i * 7919) % vocabulary);
  const idTensor = tf.tensor1d(ids, 'int32');
  const grads = (f: () => tf.Tensor) => () =>
    Object.values(tf.variableGrads(() => tf.sum(f()) as tf.Scalar, [emb.table]).grads);
  compare(
    `embedding one-hot, V ${vocabulary}, 2048 ids, dim 64 (vs tf.gather)`,
    grads(() => emb.apply(ids)),
    grads(() => tf.gather(emb.table, idTensor)),
    7,
  );
}

{
  const conv = new Conv1d(params, 'conv', {
    inputs: 64,
    outputs: 64,
    kernelSize: 3,
    padding: 'same',
  });
  const x = tf.randomNormal([32, 64, 64]) as tf.Tensor3D;
  const vars = [conv.weights, conv.bias];
  const grads = (f: () => tf.Tensor) => () =>
    Object.values(tf.variableGrads(() => tf.sum(f()) as tf.Scalar, vars).grads);
  compare(
    'conv1d B 32, L 64, 64 → 64, K 3 same (vs tf.conv1d)',
    grads(() => conv.apply(x)),
    grads(() =>
      tf.add(
        tf.conv1d(x, tf.reshape(conv.weights, [3, 64, 64]) as tf.Tensor3D, 1, 'same'),
        conv.bias,
      ),
    ),
    7,
  );
}
