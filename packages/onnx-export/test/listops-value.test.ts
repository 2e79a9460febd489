// The ListOps value graph (token ids, lengths, a parse → value logits): onnxruntime-node and -web
// against the tfjs model's evaluation forward, fed the model's own hard parse, on random token
// batches of several sizes and lengths; ≤ 1e-4. A different parse changes the logits (the
// graph really reads the heads).
import type { ListOpsBatch } from '@sst-tricks/listops-parser';
import { ListOpsModel } from '@sst-tricks/listops-parser';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  exportListOpsValue,
  LISTOPS_HEADS_INPUT,
  LISTOPS_LENGTHS_INPUT,
  LISTOPS_TOKENS_INPUT,
  LISTOPS_VALUE_OUTPUT,
  weightsFromVariables,
} from '../src/index.js';
import { openSession, randomListOpsTokens } from '../src/parity/index.js';

const WIDTHS = { embedding: 8, hidden: 6, width: 8, rounds: 3 } as const;

/** The model's logits and hard parse (heads, −1 at the root and padding) for ids [B, n]. */
function reference(model: ListOpsModel, ids: Int32Array, lengths: Int32Array) {
  const b = lengths.length;
  const n = ids.length / b;
  const timeMajor = new Int32Array(ids.length);
  for (let i = 0; i < b; i++) for (let t = 0; t < n; t++) timeMajor[t * b + i] = ids[i * n + t];
  const batch: ListOpsBatch = {
    size: b,
    steps: n,
    ids: timeMajor,
    lengths,
    labels: new Int32Array(b),
    heads: new Int32Array(b * n).fill(-1),
  };
  const out = model.forward(batch, { training: false });
  const logits = Float32Array.from(out.logits.dataSync());
  const graph = out.graph?.dataSync() as Float32Array;
  tf.dispose([out.logits, out.graph]);
  const heads = new Int32Array(b * n).fill(-1);
  for (let i = 0; i < b; i++)
    for (let c = 1; c < lengths[i]; c++)
      for (let h = 0; h < lengths[i]; h++)
        if (graph[(i * n + h) * n + c] > 0.5) heads[i * n + c] = h;
  return { logits, heads };
}

describeEachBackend('ListOps value graph parity', () => {
  it('matches the model’s evaluation logits given its own parse, in node and web', async () => {
    const model = new ListOpsModel({ latent: 'arborescence', ...WIDTHS, seed: 5 });
    const { bytes } = exportListOpsValue(weightsFromVariables(model.variables), {
      latent: 'arborescence',
      width: WIDTHS.width,
      rounds: WIDTHS.rounds,
    });
    const sessions = await Promise.all([openSession('node', bytes), openSession('web', bytes)]);
    const generator = new RandomGenerator(9);
    const before = tf.memory().numTensors;
    try {
      for (const [batch, n] of [
        [1, 3],
        [4, 9],
        [12, 25],
      ] as const) {
        const { ids, lengths } = randomListOpsTokens(generator, batch, n);
        const want = reference(model, ids, lengths);
        const feeds = (heads: Int32Array) => ({
          [LISTOPS_TOKENS_INPUT]: { data: ids, dims: [batch, n] },
          [LISTOPS_LENGTHS_INPUT]: { data: lengths, dims: [batch] },
          [LISTOPS_HEADS_INPUT]: { data: heads, dims: [batch, n] },
        });
        for (const session of sessions) {
          const got = (await session.run(feeds(want.heads)))[LISTOPS_VALUE_OUTPUT];
          expect(got.dims).toEqual([batch, 10]);
          let diff = 0;
          for (let i = 0; i < want.logits.length; i++)
            diff = Math.max(diff, Math.abs(got.data[i] - want.logits[i]));
          expect(diff).toBeLessThanOrEqual(1e-4);
          // The flat parse (every token on the root) gives other logits where the parse differs.
          const flat = Int32Array.from(want.heads, (h) => (h === -1 ? -1 : 0));
          if (want.heads.some((h) => h > 0)) {
            const other = (await session.run(feeds(flat)))[LISTOPS_VALUE_OUTPUT].data;
            let moved = 0;
            for (let i = 0; i < other.length; i++)
              moved = Math.max(moved, Math.abs(other[i] - got.data[i]));
            expect(moved).toBeGreaterThan(1e-3);
          }
        }
      }
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await Promise.all(sessions.map((s) => s.release()));
      model.dispose();
    }
  });
});
