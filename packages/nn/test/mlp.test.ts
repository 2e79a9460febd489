// The MLP: its defaults are the NRI block (fc → ELU → fc → ELU → batch norm) with the NRI
// checkpoint names; other configurations; gradients through it; errors.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Mlp, ParameterSet } from '../src/index.js';
import { expectClose, expectNoLeak, randn } from './helpers.js';

describeEachBackend('Mlp', () => {
  it('defaults to the NRI block under the NRI checkpoint names', () => {
    const params = new ParameterSet(new RandomGenerator(5));
    const mlp = new Mlp(params, 'encoder.mlp1', { sizes: [3, 8, 4] });
    expect(Object.keys(params.variables)).toEqual([
      'encoder.mlp1.fc1.weights',
      'encoder.mlp1.fc1.bias',
      'encoder.mlp1.fc2.weights',
      'encoder.mlp1.fc2.bias',
      'encoder.mlp1.bn.gamma',
      'encoder.mlp1.bn.beta',
      'encoder.mlp1.bn.runningMean',
      'encoder.mlp1.bn.runningVariance',
    ]);
    expect(params.variables['encoder.mlp1.bn.runningMean'].trainable).toBe(false);
    const x = randn([10, 3], 1) as tf.Tensor2D;
    const v = params.variables;
    // The block written out with tfjs's own ops (and its autodiff) as the oracle.
    const plain = (x: tf.Tensor) => {
      const a = tf.elu(
        tf.add(
          tf.matMul(x as tf.Tensor2D, v['encoder.mlp1.fc1.weights'] as tf.Tensor2D),
          v['encoder.mlp1.fc1.bias'],
        ),
      );
      const b = tf.elu(
        tf.add(
          tf.matMul(a, v['encoder.mlp1.fc2.weights'] as tf.Tensor2D),
          v['encoder.mlp1.fc2.bias'],
        ),
      );
      const { mean, variance } = tf.moments(b, 0);
      return tf.div(tf.sub(b, mean), tf.sqrt(tf.add(variance, 1e-5)));
    };
    const dy = randn([10, 4], 2);
    const mode = { training: true, updateStatistics: false };
    expectClose(mlp.apply(x, mode), plain(x), 1e-4);
    const got = tf.grad((x) => tf.sum(tf.mul(mlp.apply(x as tf.Tensor2D, mode), dy)))(x);
    const want = tf.grad((x) => tf.sum(tf.mul(plain(x), dy)))(x);
    expectClose(got, want, 1e-3);
    expectNoLeak(() => mlp.apply(x, { training: false }));
    tf.dispose(Object.values(params.variables));
  });

  it('configures depth, activation, the last activation and batch norm', () => {
    const params = new ParameterSet(new RandomGenerator(6));
    const mlp = new Mlp(params, 'head', {
      sizes: [3, 5, 5, 2],
      activation: 'tanh',
      activateOutput: false,
      batchNorm: false,
      init: 'torch-default',
    });
    expect(Object.keys(params.variables)).toHaveLength(6);
    const x = randn([4, 3], 3) as tf.Tensor2D;
    const v = params.variables;
    let h: tf.Tensor = x;
    for (let i = 1; i <= 3; i++) {
      h = tf.add(
        tf.matMul(h as tf.Tensor2D, v[`head.fc${i}.weights`] as tf.Tensor2D),
        v[`head.fc${i}.bias`],
      );
      if (i < 3) h = tf.tanh(h);
    }
    expectClose(mlp.apply(x, { training: true }), h, 1e-5);
    tf.dispose(Object.values(params.variables));
  });

  it("continues from the first layer's output as apply does, gradients included", () => {
    const params = new ParameterSet(new RandomGenerator(7));
    const mlp = new Mlp(params, 'm', { sizes: [3, 6, 4] });
    const x = randn([9, 3], 4) as tf.Tensor2D;
    const dy = randn([9, 4], 5);
    const w1 = mlp.layers[0].weights as tf.Tensor2D;
    const mode = { training: true, updateStatistics: false };
    // The oracle is apply() itself; the caller's own first product is a tfjs matMul + bias.
    const fromFirst = () =>
      tf.sum(
        tf.mul(mlp.applyFromFirstLayer(tf.add(tf.matMul(x, w1), mlp.layers[0].bias), mode), dy),
      ) as tf.Scalar;
    const whole = () => tf.sum(tf.mul(mlp.apply(x, mode), dy)) as tf.Scalar;
    const got = tf.variableGrads(fromFirst);
    const want = tf.variableGrads(whole);
    expectClose(got.value, want.value, 1e-5);
    expect(Object.keys(got.grads).sort()).toEqual(Object.keys(want.grads).sort());
    for (const name of Object.keys(want.grads))
      expectClose(got.grads[name], want.grads[name], 1e-4);
    expect(() => mlp.applyFromFirstLayer(x, mode)).toThrow(/m: z must be \[rows, 6\], got \[9,3\]/);
    tf.dispose([got.value, want.value, ...Object.values(got.grads), ...Object.values(want.grads)]);
    tf.dispose(Object.values(params.variables));
  });

  it('names bad options', () => {
    const params = new ParameterSet(new RandomGenerator(1));
    expect(() => new Mlp(params, 'm', { sizes: [3] })).toThrow(
      /m: sizes must list at least 2 widths, got 3/,
    );
    expect(() => new Mlp(params, 'm', { sizes: [3, 0] })).toThrow(
      /m: sizes\[1\] must be an integer ≥ 1, got 0/,
    );
    expect(() => new Mlp(params, 'm', { sizes: [3, 2], activation: 'gelu' as never })).toThrow(
      /m: activation must be one of 'elu', 'relu', 'tanh', 'sigmoid', 'linear', got "gelu"/,
    );
    expect(Object.keys(params.variables)).toHaveLength(0);
  });
});
