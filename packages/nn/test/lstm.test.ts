// LSTM: values and gradients against a plain tfjs formulation (tfjs's own autodiff), the masking
// law in both directions, leaks, errors.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Lstm, ParameterSet } from '../src/index.js';
import { expectClose, expectNoLeak, randn } from './helpers.js';

const IN = 3;
const H = 4;

/** PyTorch's LSTM on one batch of full-length sequences, x [T, B, IN], plain tfjs ops. */
function plainLstm(lstm: Lstm, k: number, x: tf.Tensor3D, reverse: boolean): tf.Tensor2D[] {
  const d = lstm.directions[k];
  const [steps, batch] = x.shape;
  let h: tf.Tensor = tf.zeros([batch, H]);
  let c: tf.Tensor = tf.zeros([batch, H]);
  const out: tf.Tensor2D[] = new Array(steps);
  for (let s = 0; s < steps; s++) {
    const t = reverse ? steps - 1 - s : s;
    const xt = tf.squeeze(tf.slice(x, [t, 0, 0], [1, batch, IN]), [0]) as tf.Tensor2D;
    const g = tf.add(
      tf.add(tf.matMul(xt, d.weightsInput as tf.Tensor2D), d.biasInput),
      tf.add(tf.matMul(h as tf.Tensor2D, d.weightsHidden as tf.Tensor2D), d.biasHidden),
    );
    const gi = tf.sigmoid(tf.slice(g, [0, 0], [batch, H]));
    const gf = tf.sigmoid(tf.slice(g, [0, H], [batch, H]));
    const gg = tf.tanh(tf.slice(g, [0, 2 * H], [batch, H]));
    const go = tf.sigmoid(tf.slice(g, [0, 3 * H], [batch, H]));
    c = tf.add(tf.mul(gf, c), tf.mul(gi, gg));
    h = tf.mul(go, tf.tanh(c));
    out[t] = h as tf.Tensor2D;
  }
  return out;
}

function plainOutput(lstm: Lstm, x3: tf.Tensor3D): tf.Tensor2D {
  const per = lstm.directions.map((_, k) => tf.concat(plainLstm(lstm, k, x3, k === 1), 0));
  return (per.length === 1 ? per[0] : tf.concat(per, 1)) as tf.Tensor2D;
}

describeEachBackend('Lstm', () => {
  for (const bidirectional of [false, true]) {
    it(`${bidirectional ? 'bi' : 'uni'}directional: values and gradients as tfjs autodiff of the plain LSTM`, () => {
      const params = new ParameterSet(new RandomGenerator(3));
      const lstm = new Lstm(params, 'lstm', { inputs: IN, hidden: H, bidirectional });
      const T = 5;
      const B = 2;
      const x = randn([T * B, IN], 1) as tf.Tensor2D;
      const dy = randn([T * B, (bidirectional ? 2 : 1) * H], 2);
      const ours = () => tf.sum(tf.mul(lstm.apply(x, [T, T]).output, dy)) as tf.Scalar;
      const plain = () =>
        tf.sum(
          tf.mul(plainOutput(lstm, tf.reshape(x, [T, B, IN]) as tf.Tensor3D), dy),
        ) as tf.Scalar;
      expectClose(
        lstm.apply(x, [T, T]).output,
        plainOutput(lstm, tf.reshape(x, [T, B, IN]) as tf.Tensor3D),
        1e-5,
      );
      const vars = params.trainable();
      const got = tf.variableGrads(ours, vars);
      const want = tf.variableGrads(plain, vars);
      expectClose(got.value, want.value, 1e-5);
      for (const v of vars) expectClose(got.grads[v.name], want.grads[v.name], 1e-4);
      const dxGot = tf.grad((x) => tf.sum(tf.mul(lstm.apply(x as tf.Tensor2D, [T, T]).output, dy)))(
        x,
      );
      const dxWant = tf.grad((x) =>
        tf.sum(tf.mul(plainOutput(lstm, tf.reshape(x, [T, B, IN]) as tf.Tensor3D), dy)),
      )(x);
      expectClose(dxGot, dxWant, 1e-4);
      expectNoLeak(() => {
        const r = lstm.apply(x, [T, 2]);
        return [r.output, ...r.final.flatMap((f) => [f.h, f.c])];
      });
      tf.dispose(Object.values(params.variables));
    });
  }

  it('masking law: a padded sequence gives what it gives alone, unpadded, both directions', () => {
    const params = new ParameterSet(new RandomGenerator(4));
    const lstm = new Lstm(params, 'lstm', { inputs: IN, hidden: H, bidirectional: true });
    const T = 6;
    const lengths = [6, 3, 0, 1];
    const B = lengths.length;
    const x = randn([T * B, IN], 5) as tf.Tensor2D;
    const batch = lstm.apply(x, lengths);
    const out = batch.output.arraySync();
    lengths.forEach((l, b) => {
      for (let t = l; t < T; t++) expect(out[t * B + b].every((v) => v === 0)).toBe(true);
      if (l === 0) return;
      // Sequence b alone: its rows t·B + b for t < l.
      const rows = tf.concat(
        Array.from({ length: l }, (_, t) => tf.slice(x, [t * B + b, 0], [1, IN])),
      );
      const alone = lstm.apply(rows as tf.Tensor2D, [l]);
      const want = alone.output.arraySync();
      for (let t = 0; t < l; t++)
        for (let j = 0; j < want[t].length; j++)
          expect(out[t * B + b][j]).toBeCloseTo(want[t][j], 5);
      for (let k = 0; k < 2; k++) {
        const hb = tf.slice(batch.final[k].h, [b, 0], [1, H]);
        const cb = tf.slice(batch.final[k].c, [b, 0], [1, H]);
        expectClose(hb, alone.final[k].h, 1e-5);
        expectClose(cb, alone.final[k].c, 1e-5);
      }
    });
    // Zero-length sequence: zero final state.
    expect(
      tf
        .slice(batch.final[0].h, [2, 0], [1, H])
        .dataSync()
        .every((v) => v === 0),
    ).toBe(true);
    tf.dispose(Object.values(params.variables));
  });

  it('starts PyTorch-style U(±1/√hidden) and names bad input', () => {
    const params = new ParameterSet(new RandomGenerator(1));
    const lstm = new Lstm(params, 'enc', { inputs: IN, hidden: H });
    expect(Object.keys(params.variables)).toEqual([
      'enc.forward.weightsInput',
      'enc.forward.weightsHidden',
      'enc.forward.biasInput',
      'enc.forward.biasHidden',
    ]);
    for (const v of Object.values(params.variables))
      expect(Math.max(...Array.from(v.dataSync(), Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(H));
    expect(() => new Lstm(params, 'x', { inputs: 0, hidden: 2 })).toThrow(
      /x: inputs must be an integer ≥ 1, got 0/,
    );
    expect(() => lstm.apply(tf.zeros([6, IN]) as tf.Tensor2D, [3, 4])).toThrow(
      /enc: lengths\[1\] must be an integer in \[0, 3\], got 4/,
    );
    expect(() => lstm.apply(tf.zeros([5, IN]) as tf.Tensor2D, [3, 3])).toThrow(
      /enc: x must be \[T·2, 3\] \(time-major\), got \[5,3\]/,
    );
    expect(() => lstm.apply(tf.zeros([6, IN]) as tf.Tensor2D, [])).toThrow(
      /enc: lengths must be non-empty/,
    );
    tf.dispose(Object.values(params.variables));
  });
});
