// Embedding: both methods against tf.gather's values and autodiff; padding id; errors.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Embedding, ONE_HOT_MAX_VOCABULARY, ParameterSet } from '../src/index.js';
import { expectClose, expectNoLeak, randn } from './helpers.js';

describeEachBackend('Embedding', () => {
  for (const method of ['one-hot', 'gather'] as const) {
    it(`${method}: values and table gradient as tf.gather's, padding rows zero without gradient`, () => {
      const params = new ParameterSet(new RandomGenerator(2));
      const emb = new Embedding(params, 'emb', { vocabulary: 7, dim: 3, method, paddingId: 0 });
      expect(Array.from(tf.slice(emb.table, [0, 0], [1, 3]).dataSync())).toEqual([0, 0, 0]);
      emb.table.assign(randn([7, 3], 1) as tf.Tensor2D); // a non-zero padding row must still give 0
      const ids = [3, 0, 6, 3, 1, 0];
      const dy = randn([6, 3], 3);
      const mask = tf.tensor2d(
        ids.map((id) => (id === 0 ? 0 : 1)),
        [6, 1],
      );
      const want = () => tf.mul(tf.gather(emb.table, tf.tensor1d(ids, 'int32')), mask);
      expectClose(emb.apply(ids), want(), 1e-6);
      const got = tf.variableGrads(
        () => tf.sum(tf.mul(emb.apply(ids), dy)) as tf.Scalar,
        [emb.table],
      );
      const ref = tf.variableGrads(() => tf.sum(tf.mul(want(), dy)) as tf.Scalar, [emb.table]);
      expectClose(got.grads[emb.table.name], ref.grads[emb.table.name], 1e-5);
      expect(Array.from(tf.slice(got.grads[emb.table.name], [0, 0], [1, 3]).dataSync())).toEqual([
        0, 0, 0,
      ]);
      expectNoLeak(() => emb.apply(Int32Array.of(1, 2)));
      tf.dispose(Object.values(params.variables));
    });
  }

  it("'auto' picks one-hot up to the threshold and names bad input", () => {
    const params = new ParameterSet(new RandomGenerator(1));
    expect(new Embedding(params, 'a', { vocabulary: ONE_HOT_MAX_VOCABULARY, dim: 1 }).method).toBe(
      'one-hot',
    );
    expect(
      new Embedding(params, 'b', { vocabulary: ONE_HOT_MAX_VOCABULARY + 1, dim: 1 }).method,
    ).toBe('gather');
    const e = new Embedding(params, 'e', { vocabulary: 4, dim: 2 });
    expect(() => e.apply([1, 4])).toThrow(/e: ids\[1\] must be an integer in \[0, 4\), got 4/);
    expect(() => e.apply([0.5])).toThrow(/e: ids\[0\] must be an integer/);
    expect(() => new Embedding(params, 'x', { vocabulary: 4, dim: 2, paddingId: 4 })).toThrow(
      /x: paddingId must be < vocabulary 4, got 4/,
    );
    expect(() => new Embedding(params, 'y', { vocabulary: 0, dim: 2 })).toThrow(
      /y: vocabulary must be an integer ≥ 1, got 0/,
    );
    expect(
      () => new Embedding(params, 'z', { vocabulary: 2, dim: 2, method: 'hash' as never }),
    ).toThrow(/z: method must be one of 'auto', 'one-hot', 'gather', got "hash"/);
    tf.dispose(Object.values(params.variables));
  });
});
