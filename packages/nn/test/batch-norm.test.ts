// Batch norm: training values and gradients against tf.moments' formulation, the running
// statistics, evaluation mode, and the crossReplica contract's two laws.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { BatchNorm, type CrossReplica, type ModeOptions, ParameterSet } from '../src/index.js';
import { expectClose, expectNoLeak, randn } from './helpers.js';

const ROWS = 6;
const FEATURES = 4;

function makeNorm(): { bn: BatchNorm; params: ParameterSet } {
  const params = new ParameterSet(new RandomGenerator(1));
  const bn = new BatchNorm(params, 'bn', FEATURES);
  // Non-trivial γ, β and running statistics, so every term of the formula matters.
  bn.gamma.assign(tf.tensor1d([0.5, 1.5, -1, 2]));
  bn.beta.assign(tf.tensor1d([0.1, -0.2, 0.3, 0]));
  bn.runningMean.assign(tf.tensor1d([0.2, 0, -0.1, 1]));
  bn.runningVariance.assign(tf.tensor1d([1.5, 0.5, 1, 2]));
  return { bn, params };
}

/** Values, gradients wrt h, γ, β for upstream dy, and the running statistics afterwards. */
function run(h: tf.Tensor2D, dy: tf.Tensor, mode: ModeOptions) {
  const { bn, params } = makeNorm();
  const f = (x: tf.Tensor) =>
    tf.sum(tf.mul(bn.apply(x as tf.Tensor2D, { ...mode, updateStatistics: false }), dy));
  const value = bn.apply(h, mode);
  const { grads } = tf.variableGrads(() => f(h) as tf.Scalar, [bn.gamma, bn.beta]);
  const dh = tf.grad(f)(h);
  const out = {
    value,
    dh,
    dGamma: grads[bn.gamma.name],
    dBeta: grads[bn.beta.name],
    mean: bn.runningMean.clone(),
    variance: bn.runningVariance.clone(),
  };
  tf.dispose(Object.values(params.variables));
  return out;
}

describeEachBackend('BatchNorm', () => {
  // Tensors need the backend, which describeEachBackend selects in a beforeAll.
  let h: tf.Tensor2D;
  let dy: tf.Tensor;
  beforeAll(() => {
    h = tf.tidy(() => tf.add(tf.mul(randn([ROWS, FEATURES], 1), 2), 0.5)) as tf.Tensor2D;
    dy = randn([ROWS, FEATURES], 2);
  });

  it('trains with the batch mean and biased variance, gradients as tf.moments autodiff', () => {
    const got = run(h, dy, { training: true });
    const gamma = tf.tensor1d([0.5, 1.5, -1, 2]);
    const beta = tf.tensor1d([0.1, -0.2, 0.3, 0]);
    const plain = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(x, 0);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    expectClose(got.value, plain(h, gamma, beta), 1e-5);
    const [dh, dg, db] = tf.grads((x, g, b) => tf.sum(tf.mul(plain(x, g, b), dy)))([
      h,
      gamma,
      beta,
    ]);
    expectClose(got.dh, dh, 1e-4);
    expectClose(got.dGamma, dg, 1e-4);
    expectClose(got.dBeta, db, 1e-4);
    // Running statistics moved by momentum 0.1 toward the batch mean and UNBIASED variance.
    const { mean, variance } = tf.moments(h, 0);
    expectClose(got.mean, tf.add(tf.mul([0.2, 0, -0.1, 1], 0.9), tf.mul(mean, 0.1)));
    const unbiased = tf.mul(variance, ROWS / (ROWS - 1));
    expectClose(got.variance, tf.add(tf.mul([1.5, 0.5, 1, 2], 0.9), tf.mul(unbiased, 0.1)));
  });

  it('evaluates with the running statistics and moves nothing', () => {
    const got = run(h, dy, { training: false });
    const want = tf.add(
      tf.mul(
        tf.div(tf.sub(h, [0.2, 0, -0.1, 1]), tf.sqrt(tf.add([1.5, 0.5, 1, 2], 1e-5))),
        [0.5, 1.5, -1, 2],
      ),
      [0.1, -0.2, 0.3, 0],
    );
    expectClose(got.value, want, 1e-5);
    expect(Array.from(got.mean.dataSync())).toEqual(Array.from(Float32Array.of(0.2, 0, -0.1, 1)));
    const frozen = run(h, dy, { training: true, updateStatistics: false });
    expect(Array.from(frozen.variance.dataSync())).toEqual(
      Array.from(Float32Array.of(1.5, 0.5, 1, 2)),
    );
  });

  it('crossReplica with sum = identity and totalRows = rows is the plain path, bit for bit', () => {
    const identity: CrossReplica = { sum: (x) => x, totalRows: ROWS };
    const a = run(h, dy, { training: true });
    const b = run(h, dy, { training: true, crossReplica: identity });
    for (const key of ['value', 'dh', 'dGamma', 'dBeta', 'mean', 'variance'] as const) {
      expect(Array.from(b[key].dataSync()), key).toEqual(Array.from(a[key].dataSync()));
    }
  });

  it('crossReplica with two equal replicas is batch norm on the batch stacked twice', () => {
    const twice: CrossReplica = { sum: (x) => tf.mul(x, 2), totalRows: 2 * ROWS };
    const replica = run(h, dy, { training: true, crossReplica: twice });
    const stacked = run(tf.concat([h, h]) as tf.Tensor2D, tf.concat([dy, dy]), { training: true });
    const top = (t: tf.Tensor) => tf.slice(t, [0, 0], [ROWS, FEATURES]);
    expectClose(replica.value, top(stacked.value), 1e-5);
    // Each replica's input gradient is its half of the stacked gradient; γ and β gradients are
    // per replica, the trainer sums them: two equal replicas give the stacked ones.
    expectClose(replica.dh, top(stacked.dh), 1e-4);
    expectClose(tf.mul(replica.dGamma, 2), stacked.dGamma, 1e-4);
    expectClose(tf.mul(replica.dBeta, 2), stacked.dBeta, 1e-4);
    expectClose(replica.mean, stacked.mean, 1e-6);
    expectClose(replica.variance, stacked.variance, 1e-6);
  });

  it('leaks no tensor in training or evaluation', () => {
    const { bn, params } = makeNorm();
    expectNoLeak(() => bn.apply(h, { training: true }));
    expectNoLeak(() => bn.apply(h, { training: false }));
    expectNoLeak(() => tf.grad((x) => tf.sum(bn.apply(x as tf.Tensor2D, { training: true })))(h));
    tf.dispose(Object.values(params.variables));
  });

  it('names bad input', () => {
    const params = new ParameterSet(new RandomGenerator(1));
    expect(() => new BatchNorm(params, 'bn', 0)).toThrow(
      /bn: features must be an integer ≥ 1, got 0/,
    );
    const bn = new BatchNorm(params, 'bn', FEATURES);
    expect(() => bn.apply(tf.zeros([3, 5]) as tf.Tensor2D, { training: true })).toThrow(
      /bn: input must be \[rows, 4\], got \[3,5\]/,
    );
    const sum = (x: tf.Tensor) => x;
    expect(() => bn.apply(h, { training: true, crossReplica: { sum, totalRows: 3 } })).toThrow(
      /bn: crossReplica.totalRows must be an integer ≥ 6, got 3/,
    );
    expect(() =>
      bn.apply(h, { training: true, crossReplica: { sum: 1 as never, totalRows: 12 } }),
    ).toThrow(/bn: crossReplica.sum must be a function, got number/);
    tf.dispose(Object.values(params.variables));
  });
});
