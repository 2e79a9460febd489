// L2X explainer export: onnxruntime-node and onnxruntime-web (wasm) against the tfjs model's own
// evaluation-mode forward (`L2xModel.logits`) on the same random token ids, several batch sizes
// and review lengths (with padding), a plain (top-k) and a correlated-top-k model; max abs
// difference ≤ 1e-4 on word and pair logits. Plus the selections read off both agree.
import type { Relaxation } from '@sst-tricks/l2x';
import { hardSelection } from '@sst-tricks/l2x';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  applyStructure,
  exportL2x,
  L2X_PAIR_OUTPUT,
  L2X_WORD_OUTPUT,
  weightsFromVariables,
} from '../src/index.js';
import type { L2xLogits } from '../src/parity/index.js';
import { l2xExplainerLogits, openL2xSession } from '../src/parity/index.js';
import { randomIds, SMALL_L2X, seeded, smallL2xConfig, smallL2xModel } from './l2x-helpers.js';

const TOLERANCE = 1e-4;
/** [batch, length] pairs: one word pair, short, long; batch 1 up to 8. */
const SHAPES: readonly [number, number][] = [
  [1, 2],
  [3, 7],
  [8, 30],
  [2, 61],
];

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    const x = Math.abs(a[i] - b[i]);
    d = Number.isNaN(x) ? Number.POSITIVE_INFINITY : Math.max(d, x);
  }
  return d;
}

/** The selection L2xModel.explain makes from the reference logits (sst-core's hard solvers). */
function tfjsSelected(relaxation: Relaxation, logits: L2xLogits, batch: number, length: number) {
  const mask = tf.tidy(() => {
    const word = tf.tensor2d(logits.word, [batch, length]);
    const pair = logits.pair && tf.tensor2d(logits.pair, [batch, length - 1]);
    return hardSelection(relaxation, { word, pair }, SMALL_L2X.k).dataSync();
  });
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length }, (_, i) => i).filter((i) => mask[b * length + i] === 1),
  );
}

describeEachBackend('L2X explainer parity', () => {
  for (const relaxation of ['top-k', 'correlated-top-k'] as const) {
    it(`${relaxation}: ≤ 1e-4 in node and web, several batches and lengths`, async () => {
      const model = smallL2xModel(relaxation);
      const { bytes, metadata } = exportL2x(
        weightsFromVariables(model.variables),
        smallL2xConfig(relaxation),
      );
      const sessions = await Promise.all([
        openL2xSession('node', bytes),
        openL2xSession('web', bytes),
      ]);
      try {
        const correlated = relaxation === 'correlated-top-k';
        for (const s of sessions)
          expect(s.outputNames).toEqual(
            correlated ? [L2X_WORD_OUTPUT, L2X_PAIR_OUTPUT] : [L2X_WORD_OUTPUT],
          );
        const generator = seeded(3);
        const before = tf.memory().numTensors;
        for (const [batch, length] of SHAPES) {
          const ids = randomIds(generator, batch, length);
          const expected = l2xExplainerLogits(model, ids, batch, length);
          expect(tf.memory().numTensors).toBe(before);
          // Not trivially small: some real logit is away from 0 (padding ones are ≈ −1000).
          expect(expected.word.some((v) => Math.abs(v) > 0.05 && Math.abs(v) < 100)).toBe(true);
          for (const session of sessions) {
            const actual = await session.run(ids, batch, length);
            expect(actual.word).toHaveLength(batch * length);
            expect(maxAbsDiff(actual.word, expected.word)).toBeLessThanOrEqual(TOLERANCE);
            if (correlated) {
              expect(actual.pair).toHaveLength(batch * (length - 1));
              expect(
                maxAbsDiff(actual.pair as Float32Array, expected.pair as Float32Array),
              ).toBeLessThanOrEqual(TOLERANCE);
            } else expect(actual.pair).toBeUndefined();
            if (length >= SMALL_L2X.k) {
              const hard = applyStructure(metadata.structure, actual.word, {
                items: length,
                pair: actual.pair,
              });
              expect(hard.map((h) => ('selected' in h ? h.selected : []))).toEqual(
                tfjsSelected(relaxation, expected, batch, length),
              );
            }
          }
        }
        // Shifting one layer's bias by 0.01 after export moves the outputs past the
        // tolerance, so the comparison above would notice a wrongly exported layer.
        const bias = model.variables['explainer.local2.bias'];
        tf.tidy(() => bias.assign(tf.add(bias, 0.01)));
        const ids = randomIds(generator, 3, 7);
        const drifted = l2xExplainerLogits(model, ids, 3, 7);
        const exported = await sessions[0].run(ids, 3, 7);
        expect(maxAbsDiff(exported.word, drifted.word)).toBeGreaterThan(TOLERANCE);
      } finally {
        await Promise.all(sessions.map((s) => s.release()));
        model.dispose();
      }
    });
  }
});
