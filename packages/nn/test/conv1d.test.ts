// Conv1d: values and gradients against tf.conv1d and its autodiff (dilation via a zero-stuffed
// filter) (on wasm, sst-core's
// registered filter-gradient kernel), 'same'/'valid', dilation; errors.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Conv1d, ParameterSet } from '../src/index.js';
import { expectClose, expectNoLeak, randn } from './helpers.js';

describeEachBackend('Conv1d', () => {
  const cases = [
    { padding: 'valid', kernelSize: 3, dilation: 1 },
    { padding: 'same', kernelSize: 3, dilation: 1 },
    { padding: 'same', kernelSize: 4, dilation: 2 },
    { padding: 'valid', kernelSize: 2, dilation: 3 },
    { padding: 'same', kernelSize: 1, dilation: 1 },
  ] as const;
  for (const c of cases) {
    it(`${c.padding}, K ${c.kernelSize}, dilation ${c.dilation}: as tf.conv1d, values and gradients`, () => {
      const params = new ParameterSet(new RandomGenerator(7));
      const conv = new Conv1d(params, 'conv', { inputs: 3, outputs: 2, ...c });
      const x = randn([2, 9, 3], 1) as tf.Tensor3D;
      // tfjs has no dilated conv gradient: the oracle is an undilated tf.conv1d whose filter has
      // the taps d apart and zeros between (built from the weights, so autodiff reaches them).
      const stuffed = () => {
        const w = tf.reshape(conv.weights, [c.kernelSize, 3, 2]);
        const taps: tf.Tensor[] = [];
        for (let k = 0; k < c.kernelSize; k++) {
          if (k > 0 && c.dilation > 1) taps.push(tf.zeros([c.dilation - 1, 3, 2]));
          taps.push(tf.slice(w, [k, 0, 0], [1, 3, 2]));
        }
        return tf.concat(taps, 0) as tf.Tensor3D;
      };
      const plain = (x: tf.Tensor) =>
        tf.add(tf.conv1d(x as tf.Tensor3D, stuffed(), 1, c.padding, 'NWC', 1), conv.bias);
      const want = plain(x);
      const got = conv.apply(x);
      expectClose(got, want, 1e-5);
      const dy = randn(want.shape, 2);
      const vars = [conv.weights, conv.bias];
      const g = tf.variableGrads(() => tf.sum(tf.mul(conv.apply(x), dy)) as tf.Scalar, vars);
      const r = tf.variableGrads(() => tf.sum(tf.mul(plain(x), dy)) as tf.Scalar, vars);
      for (const v of vars) expectClose(g.grads[v.name], r.grads[v.name], 1e-4);
      const dx = tf.grad((x) => tf.sum(tf.mul(conv.apply(x as tf.Tensor3D), dy)))(x);
      expectClose(dx, tf.grad((x) => tf.sum(tf.mul(plain(x), dy)))(x), 1e-4);
      expectNoLeak(() => tf.grad((x) => tf.sum(conv.apply(x as tf.Tensor3D)))(x));
      tf.dispose(Object.values(params.variables));
    });
  }

  it('names bad input', () => {
    const params = new ParameterSet(new RandomGenerator(1));
    const conv = new Conv1d(params, 'c', { inputs: 2, outputs: 1, kernelSize: 3, dilation: 2 });
    expect(() => conv.apply(tf.zeros([1, 4, 2]) as tf.Tensor3D)).toThrow(
      /c: 'valid' needs length ≥ 5 .* got 4/,
    );
    expect(() => conv.apply(tf.zeros([1, 8, 3]) as tf.Tensor3D)).toThrow(
      /c: x must be \[B, L, 2\], got \[1,8,3\]/,
    );
    expect(() => new Conv1d(params, 'd', { inputs: 2, outputs: 1, kernelSize: 0 })).toThrow(
      /d: kernelSize must be an integer ≥ 1, got 0/,
    );
    expect(
      () =>
        new Conv1d(params, 'e', {
          inputs: 2,
          outputs: 1,
          kernelSize: 2,
          padding: 'causal' as never,
        }),
    ).toThrow(/e: padding must be one of 'same', 'valid', got "causal"/);
    tf.dispose(Object.values(params.variables));
  });
});
