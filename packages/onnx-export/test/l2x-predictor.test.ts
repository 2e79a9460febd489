// The L2X predictor as a second ONNX graph (token ids + hard selection → rating):
// onnxruntime-node and onnxruntime-web against `L2xModel.predict` on the explainer's own hard
// selections of random reviews (several batch sizes and lengths), ≤ 1e-4.
import { hardSelection } from '@sst-tricks/l2x';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import {
  exportL2xPredictor,
  L2X_INPUT,
  L2X_RATING_OUTPUT,
  L2X_SELECTION_INPUT,
  readModelMetadata,
  weightsFromVariables,
} from '../src/index.js';
import { ortModule } from '../src/parity/index.js';
import { randomIds, SMALL_L2X, seeded, smallL2xConfig, smallL2xModel } from './l2x-helpers.js';

describeEachBackend('L2X predictor parity', () => {
  it('rating from the hard selection: ≤ 1e-4 in node and web', async () => {
    const model = smallL2xModel('correlated-top-k');
    const { bytes } = exportL2xPredictor(
      weightsFromVariables(model.variables),
      smallL2xConfig('correlated-top-k'),
    );
    expect(readModelMetadata(bytes, 'p').modelKind).toBe('l2x-predictor');
    const runtimes = await Promise.all([ortModule('node'), ortModule('web')]);
    const sessions = await Promise.all(runtimes.map((ort) => ort.InferenceSession.create(bytes)));
    try {
      const generator = seeded(4);
      const before = tf.memory().numTensors;
      for (const [batch, length] of [
        [1, 5],
        [4, 12],
        [9, 40],
      ]) {
        const ids = randomIds(generator, batch, length);
        const input = { ids, ratings: new Float32Array(batch), count: batch, length };
        const [selection, expected] = tf.tidy(() => {
          const logits = model.logits(input, false, new RandomGenerator(0));
          const hard = hardSelection('correlated-top-k', logits, SMALL_L2X.k) as tf.Tensor2D;
          return [hard.dataSync() as Float32Array, model.predict(input, hard).dataSync()];
        });
        expect(tf.memory().numTensors).toBe(before);
        for (const [r, session] of sessions.entries()) {
          const ort = runtimes[r];
          const out = await session.run({
            [L2X_INPUT]: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [batch, length]),
            [L2X_SELECTION_INPUT]: new ort.Tensor('float32', selection, [batch, length]),
          });
          const rating = out[L2X_RATING_OUTPUT].data as Float32Array;
          expect(out[L2X_RATING_OUTPUT].dims).toEqual([batch]);
          for (let b = 0; b < batch; b++)
            expect(Math.abs(rating[b] - expected[b])).toBeLessThanOrEqual(1e-4);
        }
      }
      // The selection matters: another selection, another rating (the input is not ignored).
      const ids = randomIds(generator, 1, 12);
      const feeds = (ort: (typeof runtimes)[0], selected: number[]) => ({
        [L2X_INPUT]: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, 12]),
        [L2X_SELECTION_INPUT]: new ort.Tensor(
          'float32',
          Float32Array.from({ length: 12 }, (_, i) => (selected.includes(i) ? 1 : 0)),
          [1, 12],
        ),
      });
      const a = await sessions[0].run(feeds(runtimes[0], [0, 1, 2]));
      const b = await sessions[0].run(feeds(runtimes[0], [7, 8, 9]));
      expect(a[L2X_RATING_OUTPUT].data[0]).not.toBeCloseTo(
        b[L2X_RATING_OUTPUT].data[0] as number,
        6,
      );
    } finally {
      await Promise.all(sessions.map((s) => s.release()));
      model.dispose();
    }
  });
});
