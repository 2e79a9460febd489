// The dense layer's forward + backward on wasm at the paper's size (batch 128 × 90 directed
// edges rows, width 256): the custom-gradient op (explicit transposes, plain matMuls) against
// tfjs's own matMul gradient (transposeA/transposeB flags, off XNNPACK on wasm).
import { dense } from '@sst-tricks/nn';
import { selectBackend } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => tf.Tensor[], repeats: number): number {
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    const out = fn();
    for (const t of out) t.dataSync();
    runs.push(performance.now() - start);
    tf.dispose(out);
  }
  return median(runs);
}

export async function benchModel(): Promise<void> {
  const backend = await selectBackend('wasm');
  const rows = 128 * 90;
  const x = tf.randomNormal([rows, 256], 0, 1, 'float32', 1) as tf.Tensor2D;
  const w = tf.randomNormal([256, 256], 0, 0.06, 'float32', 2) as tf.Tensor2D;
  const b = tf.zeros([256]) as tf.Tensor1D;
  const dy = tf.randomNormal([rows, 256], 0, 1, 'float32', 3);
  const custom = tf.grads((x, w, b) =>
    tf.sum(tf.mul(dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), dy)),
  );
  const plain = tf.grads((x, w, b) =>
    tf.sum(tf.mul(tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b), dy)),
  );
  const repeats = 9;
  time(() => custom([x, w, b]), 2); // warm-up
  time(() => plain([x, w, b]), 2);
  const c = time(() => custom([x, w, b]), repeats);
  const p = time(() => plain([x, w, b]), repeats);
  console.log(
    `dense [${rows}, 256]×[256, 256] forward+backward on ${backend}, median of ${repeats}: ` +
      `custom ${c.toFixed(1)} ms, plain ${p.toFixed(1)} ms, plain ÷ custom ${(p / c).toFixed(2)}×`,
  );
  tf.dispose([x, w, b, dy]);
}
