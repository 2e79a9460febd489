// Dense and constant left-multiplication: values and gradients against tfjs's own matMul autodiff.
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { constantMatrix, dense, leftMultiply, matMulPlain } from '../src/index.js';
import { expectClose, expectNoLeak, randn } from './helpers.js';

describeEachBackend('dense', () => {
  it('has the values and gradients of tf.add(tf.matMul(x, w), b)', () => {
    const x = randn([7, 5], 1) as tf.Tensor2D;
    const w = randn([5, 3], 2) as tf.Tensor2D;
    const b = randn([3], 3) as tf.Tensor1D;
    const dy = randn([7, 3], 4);
    const custom = tf.grads((x, w, b) =>
      tf.sum(tf.mul(dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), dy)),
    );
    const plain = tf.grads((x, w, b) =>
      tf.sum(tf.mul(tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b), dy)),
    );
    const got = custom([x, w, b]);
    const want = plain([x, w, b]);
    for (let i = 0; i < 3; i++) expectClose(got[i], want[i]);
    expectClose(dense(x, w, b), tf.add(tf.matMul(x, w), b));
    expectNoLeak(() =>
      tf.grads((x, w, b) => tf.sum(dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D)))([
        x,
        w,
        b,
      ]),
    );
  });

  it('matMulPlain has the gradients of tf.matMul', () => {
    const x = randn([6, 4], 5) as tf.Tensor2D;
    const w = randn([4, 2], 6) as tf.Tensor2D;
    const dy = randn([6, 2], 7);
    const got = tf.grads((x, w) =>
      tf.sum(tf.mul(matMulPlain(x as tf.Tensor2D, w as tf.Tensor2D), dy)),
    )([x, w]);
    const want = tf.grads((x, w) =>
      tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), dy)),
    )([x, w]);
    expectClose(got[0], want[0]);
    expectClose(got[1], want[1]);
  });

  it('names bad shapes', () => {
    expect(() => dense(tf.zeros([2, 3]), tf.zeros([4, 1]), tf.zeros([1]))).toThrow(
      /dense: shapes must chain, got x \[2,3\], w \[4,1\]/,
    );
    expect(() =>
      dense(tf.zeros([2, 3, 1]) as unknown as tf.Tensor2D, tf.zeros([3, 1]), tf.zeros([1])),
    ).toThrow(/dense: ranks must be x 2, w 2, b 1, got 3, 2, 1/);
    expect(() => matMulPlain(tf.zeros([2, 3]), tf.zeros([2, 3]))).toThrow(
      /matMulPlain: shapes must chain/,
    );
  });
});

describeEachBackend('leftMultiply', () => {
  it('is A·x with the gradient of tf.matMul(A, x)', () => {
    const values = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
    const a = constantMatrix(values, 4, 3);
    expectClose(a.transposed, tf.transpose(a.matrix));
    const x = randn([3, 5], 8) as tf.Tensor2D;
    const dy = randn([4, 5], 9);
    expectClose(leftMultiply(a, x), tf.matMul(a.matrix, x));
    const got = tf.grad((x) => tf.sum(tf.mul(leftMultiply(a, x as tf.Tensor2D), dy)))(x);
    const want = tf.grad((x) => tf.sum(tf.mul(tf.matMul(a.matrix, x as tf.Tensor2D), dy)))(x);
    expectClose(got, want);
    expectNoLeak(() => tf.grad((x) => tf.sum(leftMultiply(a, x as tf.Tensor2D)))(x));
    tf.dispose([a.matrix, a.transposed]);
  });
});
