import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  concreteSubset,
  gumbelLogDensity,
  gumbelScore,
  leaveOneOutBaseline,
  logisticLogDensity,
  MovingAverageBaseline,
  scoreFunctionSurrogate,
  softSubset,
  stopGradient,
} from '../src/estimators/index.js';
import { RandomGenerator, sampleGumbel, sampleLogistic } from '../src/noise/index.js';
import { describeEachBackend } from './backends.js';

const LOGITS = [
  [0.3, -1.2, 2.0, 0.5, -0.1, 1.1],
  [1.0, 0.9, -0.5, 0.0, 2.2, -1.7],
];

function withoutLeaks<T>(run: () => T): T {
  const before = tf.memory().numTensors;
  const out = run();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

/** float64 reference: (1/(S·B)) Σ (f − b) (1 − e^{−(U − θ)}), per logit. */
function referenceGradient(
  u: number[][][],
  theta: number[][],
  f: number[][],
  b: number[][],
): number[][] {
  const [S, B] = [u.length, theta.length];
  return theta.map((row, i) =>
    row.map((t, a) => {
      let s = 0;
      for (let k = 0; k < S; k++) s += (f[k][i] - b[k][i]) * (1 - Math.exp(-(u[k][i][a] - t)));
      return s / (S * B);
    }),
  );
}

function expectClose(actual: number[][], expected: number[][], tol: number): void {
  actual.forEach((row, i) => {
    row.forEach((v, j) => {
      expect(Math.abs(v - expected[i][j])).toBeLessThan(tol);
    });
  });
}

describe('MovingAverageBaseline (backend-free)', () => {
  it('is 0 before any update, then the bias-corrected moving average', () => {
    const b = new MovingAverageBaseline({ decay: 0.5 });
    expect(b.value).toBe(0);
    expect(b.update([2, 4])).toBeCloseTo(3, 12); // (0.5·3)/(1 − 0.5)
    // raw = 0.5·1.5 + 0.5·5 = 3.25; corrected = 3.25 / 0.75
    expect(b.update(5)).toBeCloseTo(3.25 / 0.75, 12);
    expect(new MovingAverageBaseline().decay).toBe(0.9);
  });

  it('round-trips its state through JSON', () => {
    const a = new MovingAverageBaseline({ decay: 0.8 });
    a.update([1, 2, 3]);
    a.update(7);
    const b = new MovingAverageBaseline();
    b.setState(JSON.parse(JSON.stringify(a.getState())));
    expect(b.value).toBe(a.value);
    expect(b.update(4)).toBe(a.update(4));
  });

  it('rejects bad options, losses and states, naming them', () => {
    expect(() => new MovingAverageBaseline({ decay: 1 })).toThrow(/decay .*\[0, 1\).* 1/);
    expect(() => new MovingAverageBaseline({ decay: '0.9' as never })).toThrow(TypeError);
    const b = new MovingAverageBaseline();
    expect(() => b.update([])).toThrow(/losses must not be empty/);
    expect(() => b.update([1, Number.NaN])).toThrow(/losses\[1\] .*NaN/);
    expect(() => b.update('x' as never)).toThrow(TypeError);
    expect(() => b.setState({ decay: 0.9, average: 0, count: -1 })).toThrow(/state.count .*-1/);
    expect(() => b.setState({ decay: 0.9, average: Number.NaN, count: 1 })).toThrow(
      /state.average/,
    );
  });
});

describeEachBackend('score-function estimator', () => {
  const theta = LOGITS;
  const S = 3;

  function draw(seed: number) {
    const gen = new RandomGenerator(seed);
    return tf.tidy(() => tf.add(tf.tensor2d(theta), sampleGumbel([S, 2, 6], gen)));
  }

  it('gumbelLogDensity matches the float64 density and its gradient is the score', () => {
    withoutLeaks(() => {
      const u = draw(1);
      const t = tf.tensor2d(theta);
      const uv = u.arraySync() as number[][][];
      const logp = gumbelLogDensity(u, t);
      (logp.arraySync() as number[][]).forEach((row, s) => {
        row.forEach((v, i) => {
          const ref = theta[i].reduce((acc, th, a) => {
            const z = uv[s][i][a] - th;
            return acc - z - Math.exp(-z);
          }, 0);
          expect(Math.abs(v - ref)).toBeLessThan(1e-4 * (1 + Math.abs(ref)));
        });
      });
      const grad = tf.grad((x: tf.Tensor) => tf.sum(gumbelLogDensity(u, x)))(t);
      const score = gumbelScore(u, t);
      const summed = tf.sum(score, 0);
      expectClose(grad.arraySync() as number[][], summed.arraySync() as number[][], 1e-4);
      tf.dispose([u, t, logp, grad, score, summed]);
    });
  });

  for (const baseline of ['none', 'leave-one-out', 0.7, 'tensor'] as const) {
    it(`surrogate gradient equals (f − b)·∇log p averaged over samples (baseline ${baseline})`, () => {
      withoutLeaks(() => {
        const u = draw(2);
        const t = tf.tensor2d(theta);
        const losses = tf.tensor2d([
          [1.5, -0.3],
          [0.2, 2.0],
          [0.9, 1.1],
        ]);
        const f = losses.arraySync() as number[][];
        const bTensor = tf.tensor1d([0.4, -0.2]);
        const b =
          baseline === 'none'
            ? f.map((r) => r.map(() => 0))
            : baseline === 'leave-one-out'
              ? f.map((r, s) =>
                  r.map((_, i) => (f.reduce((acc, q) => acc + q[i], 0) - f[s][i]) / (S - 1)),
                )
              : baseline === 'tensor'
                ? f.map(() => [0.4, -0.2])
                : f.map((r) => r.map(() => 0.7));
        const grad = tf.grad((logits: tf.Tensor) =>
          scoreFunctionSurrogate({
            logits,
            utilities: u,
            losses,
            baseline: baseline === 'tensor' ? bTensor : baseline,
          }),
        )(t);
        const expected = referenceGradient(u.arraySync() as number[][][], theta, f, b);
        expectClose(grad.arraySync() as number[][], expected, 1e-5);
        tf.dispose([u, t, losses, grad, bTensor]);
      });
    });
  }

  it('holds U and the losses fixed even when they are computed from θ', () => {
    withoutLeaks(() => {
      const t = tf.tensor2d(theta);
      const gen = new RandomGenerator(3);
      const g = sampleGumbel([2, 6], gen);
      const grad = tf.grad((logits: tf.Tensor) => {
        const u = tf.add(logits, g);
        const losses = tf.sum(tf.square(u), -1);
        return scoreFunctionSurrogate({ logits, utilities: u, losses });
      })(t);
      const sum = tf.add(t, g);
      const uv = sum.arraySync() as number[][];
      sum.dispose();
      const f = [uv.map((r) => r.reduce((s, v) => s + v * v, 0))];
      expectClose(
        grad.arraySync() as number[][],
        referenceGradient([uv], theta, f, [[0, 0]]),
        1e-4,
      );
      tf.dispose([t, g, grad]);
    });
  });

  it('leaveOneOutBaseline: b[s] = mean of the other samples', () => {
    withoutLeaks(() => {
      const f = tf.tensor2d([
        [1, 10],
        [2, 20],
        [6, 60],
      ]);
      const b = leaveOneOutBaseline(f);
      expectClose(
        b.arraySync() as number[][],
        [
          [4, 40],
          [3.5, 35],
          [1.5, 15],
        ],
        1e-6,
      );
      tf.dispose([f, b]);
    });
  });

  it('stopGradient passes values and blocks gradients', () => {
    withoutLeaks(() => {
      const x = tf.tensor1d([1, 2, 3]);
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(stopGradient(v), v)))(x);
      expect(Array.from(g.dataSync())).toEqual([1, 2, 3]);
      tf.dispose([x, g]);
    });
  });

  it('rejects bad inputs, naming the option and value', () => {
    const u = draw(4);
    const t = tf.tensor2d(theta);
    const f = tf.zeros([S, 2]);
    const f1 = tf.zeros([2]);
    const call = (o: Record<string, unknown>) => () =>
      scoreFunctionSurrogate({ logits: t, utilities: u, losses: f, ...o } as never);
    expect(call({ logits: [1, 2] })).toThrow(/scoreFunctionSurrogate: logits must be a tf.Tensor/);
    expect(call({ losses: f1 })).toThrow(/losses must have shape \[3, 2\].*\[2\]/);
    expect(call({ utilities: tf.zeros([2, 5]) })).toThrow(/utilities must have shape \[2, 6\]/);
    expect(call({ baseline: 'mean' })).toThrow(/baseline must be .*"mean"/);
    expect(call({ baseline: Number.NaN })).toThrow(/baseline must be finite/);
    expect(call({ baseline: tf.zeros([3]) })).toThrow(
      /baseline must broadcast .*\[3, 2\], got \[3\]/,
    );
    expect(() =>
      scoreFunctionSurrogate({
        logits: t,
        utilities: tf.zeros([2, 6]),
        losses: f1,
        baseline: 'leave-one-out',
      }),
    ).toThrow(/leave-one-out.*S ≥ 2/);
    expect(() =>
      scoreFunctionSurrogate({
        logits: t,
        utilities: tf.zeros([1, 2, 6]),
        losses: tf.zeros([1, 2]),
        baseline: 'leave-one-out',
      }),
    ).toThrow(/scoreFunctionSurrogate: baseline "leave-one-out".*S ≥ 2/);
    expect(call({ noise: 'normal' })).toThrow(/noise must be 'gumbel' or 'logistic', got "normal"/);
    const nan = tf.tensor2d([[Number.NaN, 0, 0, 0, 0, 0], theta[1] as number[]]);
    expect(call({ logits: nan })).toThrow(
      /scoreFunctionSurrogate: logits must be finite, got logits\[0\]\[0\] = NaN/,
    );
    expect(call({ losses: tf.fill([S, 2], Number.POSITIVE_INFINITY) })).toThrow(
      /losses must be finite/,
    );
    expect(() => leaveOneOutBaseline(tf.zeros([1, 4]))).toThrow(/at least 2 samples.* 1/);
    expect(() => gumbelLogDensity(u, tf.zeros([5]))).toThrow(
      /gumbelLogDensity: logits must broadcast/,
    );
  });
});

describeEachBackend('score-function estimator for binary variables (logistic noise)', () => {
  it('logisticLogDensity is the Logistic(θ, 1) log-density; its θ-gradient is tanh((U − θ)/2)', () => {
    const u = tf.tensor2d([[0.3, -2, 5]]);
    const t = tf.tensor2d([[0.1, 0.4, -1]]);
    const z = [0.2, -2.4, 6];
    const exact = z.reduce((acc, v) => acc - v - 2 * Math.log1p(Math.exp(-v)), 0);
    expect(logisticLogDensity(u, t).dataSync()[0]).toBeCloseTo(exact, 5);
    const grad = tf
      .grad((x: tf.Tensor) => logisticLogDensity(u, x))(t)
      .dataSync();
    for (const [i, v] of z.entries()) expect(grad[i]).toBeCloseTo(Math.tanh(v / 2), 5);
  });

  it("is unbiased with noise 'logistic': d/dθ P(x = 1) = σ'(θ), which the Gumbel score misses", () => {
    const n = 200_000;
    const theta = 0.5;
    const generator = new RandomGenerator(11);
    const logits = tf.fill([n, 1], theta);
    const u = tf.add(logits, sampleLogistic([n, 1], generator));
    const losses = tf.reshape(tf.cast(tf.greater(u, 0), 'float32'), [n]);
    const gradient = (noise: 'gumbel' | 'logistic') =>
      tf.tidy(
        () =>
          tf
            .sum(
              tf.grad((x: tf.Tensor) =>
                tf.mul(n, scoreFunctionSurrogate({ logits: x, utilities: u, losses, noise })),
              )(logits),
            )
            .dataSync()[0] / n,
      );
    const sigmoid = 1 / (1 + Math.exp(-theta));
    const exact = sigmoid * (1 - sigmoid); // 0.2350
    // Per-sample estimates lie in [−1, 1]: the standard error is below 1/√n ≈ 0.0022.
    expect(Math.abs(gradient('logistic') - exact)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(gradient('gumbel') - exact)).toBeGreaterThan(0.02);
    tf.dispose([logits, u, losses]);
  });
});

describeEachBackend('Concrete and SoftSub subset relaxations', () => {
  const logits = () => tf.tensor2d(LOGITS);

  for (const [name, relax] of [
    ['concreteSubset', concreteSubset],
    ['softSubset', softSubset],
  ] as const) {
    it(`${name}: values ≥ 0, finite gradients at t = 1, 0.1, 1e-3, no leaks`, () => {
      withoutLeaks(() => {
        const theta = logits();
        const w = tf.tensor1d([0.5, -1, 2, 0.1, 0.7, -0.3]);
        for (const temperature of [1, 0.1, 1e-3]) {
          for (const k of [1, 3, 6]) {
            const gen = new RandomGenerator(11);
            const x = relax(theta, { k, temperature }, gen);
            const values = x.dataSync();
            for (const v of values) expect(v).toBeGreaterThanOrEqual(0);
            if (name === 'concreteSubset') for (const v of values) expect(v).toBeLessThanOrEqual(1);
            else
              tf.tidy(() => {
                for (const row of x.sum(1).dataSync())
                  expect(Math.abs(row - k)).toBeLessThan(1e-4 * k);
              });
            const grad = tf.grad((l: tf.Tensor) =>
              tf.sum(tf.mul(relax(l, { k, temperature }, new RandomGenerator(11)), w)),
            )(theta);
            for (const v of grad.dataSync()) expect(Number.isFinite(v)).toBe(true);
            tf.dispose([x, grad]);
          }
        }
        tf.dispose([theta, w]);
      });
    });

    it(`${name}: the same seed reproduces the sample; another seed differs`, () => {
      withoutLeaks(() => {
        const theta = logits();
        const a = relax(theta, { k: 2, temperature: 0.5 }, new RandomGenerator(5));
        const b = relax(theta, { k: 2, temperature: 0.5 }, new RandomGenerator(5));
        const c = relax(theta, { k: 2, temperature: 0.5 }, new RandomGenerator(6));
        expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
        expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
        tf.dispose([theta, a, b, c]);
      });
    });

    it(`${name}: rejects bad options, naming them`, () => {
      const theta = logits();
      const gen = new RandomGenerator(1);
      expect(() => relax(theta, { k: 7, temperature: 1 }, gen)).toThrow(
        new RegExp(`${name}: k must be in 1..6, got 7`),
      );
      expect(() => relax(theta, { k: 1.5, temperature: 1 }, gen)).toThrow(TypeError);
      expect(() => relax(theta, { k: 2, temperature: 0 }, gen)).toThrow(
        /temperature must be finite and > 0, got 0/,
      );
      expect(() => relax(tf.zeros([6]), { k: 2, temperature: 1 }, gen)).toThrow(/logits .*rank 2/);
      expect(() => relax(theta, { k: 2, temperature: 1 }, {} as never)).toThrow(/generator/);
      expect(() => relax(theta, null as never, gen)).toThrow(/options must be an object/);
      const nan = tf.tensor2d([[0, 1, Number.NaN, 0, 0, 0]]);
      expect(() => relax(nan, { k: 2, temperature: 1 }, gen)).toThrow(
        new RegExp(`${name}: logits must be finite, got logits\\[0\\]\\[2\\] = NaN`),
      );
      tf.dispose([theta, nan]);
    });
  }

  it('softSubset → the k-hot of top-k(θ + G) as t → 0 (same noise: one [batch, m] draw)', () => {
    withoutLeaks(() => {
      const theta = logits();
      for (const k of [1, 2, 3, 5]) {
        const seed = 100 + k;
        const x = softSubset(theta, { k, temperature: 1e-4 }, new RandomGenerator(seed));
        const u = tf.tidy(() => tf.add(theta, sampleGumbel([2, 6], new RandomGenerator(seed))));
        const uv = u.arraySync() as number[][];
        (x.arraySync() as number[][]).forEach((row, i) => {
          const top = [...uv[i].keys()].sort((a, b) => uv[i][b] - uv[i][a]).slice(0, k);
          row.forEach((v, j) => {
            expect(Math.abs(v - (top.includes(j) ? 1 : 0))).toBeLessThan(1e-3);
          });
        });
        tf.dispose([x, u]);
      }
      tf.dispose(theta);
    });
  });

  it('concreteSubset → at most k ones, at the argmax of each of its k draws, as t → 0', () => {
    withoutLeaks(() => {
      const theta = logits();
      for (const k of [1, 2, 4, 6]) {
        const seed = 200 + k;
        const x = concreteSubset(theta, { k, temperature: 1e-4 }, new RandomGenerator(seed));
        const noise = sampleGumbel([2, k, 6], new RandomGenerator(seed));
        const g = noise.arraySync() as number[][][];
        noise.dispose();
        (x.arraySync() as number[][]).forEach((row, i) => {
          const picked = new Set(
            g[i].map((draw) => {
              const u = draw.map((v, j) => Math.fround(v + LOGITS[i][j]));
              return u.indexOf(Math.max(...u));
            }),
          );
          row.forEach((v, j) => {
            expect(Math.abs(v - (picked.has(j) ? 1 : 0))).toBeLessThan(1e-3);
          });
          expect(row.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(k + 1e-3);
        });
        x.dispose();
      }
      tf.dispose(theta);
    });
  });

  it('softSubset is not bounded by 1: m = 2, k = 2, t = 1 gives (α + ½, 1.5 − α)', () => {
    withoutLeaks(() => {
      const theta = tf.tensor2d([[1.0, -1.0]]);
      const x = softSubset(theta, { k: 2, temperature: 1 }, new RandomGenerator(9));
      const alpha = tf.tidy(() =>
        tf.softmax(tf.add(theta, sampleGumbel([1, 2], new RandomGenerator(9)))).dataSync(),
      );
      const v = x.dataSync();
      expect(v[0]).toBeCloseTo(alpha[0] + 0.5, 5);
      expect(v[1]).toBeCloseTo(alpha[1] + 0.5, 5);
      tf.dispose([theta, x]);
    });
  });
});
