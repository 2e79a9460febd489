import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/backend/select-backend.js';
import { relaxedSpanningTree } from '../src/relaxations/spanning-tree.js';
import { spanningTreeMarginals, spanningTreeVjp } from '@sst-tricks/sst-solvers';

function timeAll(labels: string[], runs: (() => void)[], calls = 200, rounds = 9) {
  const samples = runs.map(() => [] as number[]);
  for (let r = -1; r < rounds; r++) runs.forEach((run, k) => { const t0 = performance.now(); for (let i = 0; i < calls; i++) run(); if (r >= 0) samples[k].push((performance.now() - t0) / calls); });
  samples.forEach((s, k) => console.log(labels[k].padEnd(40), (s.sort((a, b) => a - b)[4] * 1000).toFixed(1), 'µs'));
}
await selectBackend(process.argv[2] as 'cpu');
const u32 = new Float32Array(128 * 45).map((_, i) => Math.sin(i * 12.9898) * 2);
const u = tf.tensor(u32, [128, 45]);
const dy = tf.tensor(u32.map((v) => v * 0.3), [128, 45]);
const u64 = new Float64Array(u32);
const g64 = new Float64Array(u32.map((v) => v * 0.3));
const trivial = (x: tf.Tensor) => tf.customGrad(() => ({ value: tf.tensor(u32, [128, 45]), gradFunc: () => [tf.tensor(u32, [128, 45])] }))(x);
const g1 = tf.grads((x: tf.Tensor) => trivial(x));
const g2 = tf.grads((x: tf.Tensor) => relaxedSpanningTree(x, { n: 10, temperature: 1 }));
timeAll(['grads trivial customGrad', 'forward op', 'solver marginals', 'grads op', 'solver marg + vjp', 'solver vjp'], [
  () => { const [d] = g1([u], dy); d.dataSync(); d.dispose(); },
  () => { relaxedSpanningTree(u, { n: 10, temperature: 1 }).dispose(); },
  () => { spanningTreeMarginals(u64, 10, { temperature: 1 }); },
  () => { const [d] = g2([u], dy); d.dataSync(); d.dispose(); },
  () => { spanningTreeMarginals(u64, 10, { temperature: 1 }); spanningTreeVjp(u64, 10, g64, { temperature: 1 }); },
  () => { spanningTreeVjp(u64, 10, g64, { temperature: 1 }); },
]);
