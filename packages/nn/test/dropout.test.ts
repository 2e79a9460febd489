// Dropout: identity out of training, the inverted-dropout law, seed determinism, its gradient.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { dropout } from '../src/index.js';
import { expectClose, expectNoLeak } from './helpers.js';

describeEachBackend('dropout', () => {
  it('zeros about `rate` of the entries, scales the rest by 1/(1 − rate), seeded', () => {
    const x = tf.fill([100, 100], 2);
    const y = dropout(x, { rate: 0.3, training: true, generator: new RandomGenerator(5) });
    const v = y.dataSync();
    const scaled = Math.fround(2 / 0.7);
    let zeros = 0;
    for (const e of v) {
      if (e === 0) zeros++;
      else expect(e).toBeCloseTo(scaled, 5);
    }
    expect(Math.abs(zeros / v.length - 0.3)).toBeLessThan(0.02); // sd 0.0046
    // The mask is the generator's: u ≥ rate keeps.
    const u = new RandomGenerator(5).uniforms(v.length);
    for (let i = 0; i < v.length; i++) expect(v[i] === 0).toBe(u[i] < 0.3);
    const again = dropout(x, { rate: 0.3, training: true, generator: new RandomGenerator(5) });
    expect(Array.from(again.dataSync())).toEqual(Array.from(v));
    // Gradient: the same mask times the scale.
    const dx = tf.grad((x) =>
      dropout(x, { rate: 0.3, training: true, generator: new RandomGenerator(5) }),
    )(x);
    expectClose(dx, tf.div(y, 2), 1e-6);
    expectNoLeak(() =>
      dropout(x, { rate: 0.5, training: true, generator: new RandomGenerator(1) }),
    );
  });

  it('is the identity when not training or at rate 0, and names a bad rate', () => {
    const x = tf.ones([3]);
    const g = new RandomGenerator(1);
    expect(dropout(x, { rate: 0.5, training: false, generator: g })).toBe(x);
    expect(dropout(x, { rate: 0, training: true, generator: g })).toBe(x);
    expect(() => dropout(x, { rate: 1, training: true, generator: g })).toThrow(
      /dropout: rate must be in \[0, 1\), got 1/,
    );
    expect(() => dropout(x, { rate: Number.NaN, training: false, generator: g })).toThrow(
      /got NaN/,
    );
  });
});
