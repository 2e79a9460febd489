import { kruskalArgmax, topKArgmax } from '@sst-tricks/sst-solvers';
import { seededUniform } from '@sst-tricks/sst-solvers/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  benchmarkProblem,
  type DiagnosticStructure,
  ESTIMATOR_NAMES,
  exactExpectedLossGradient,
  gradientDiagnostics,
  gumbelArgmaxDistribution,
  STRUCTURE_KINDS,
  squaredLinearLoss,
} from '../src/diagnostics/index.js';
import { RunningMoments } from '../src/diagnostics/statistics.js';
import { describeEachBackend } from './backends.js';

const KSUB: DiagnosticStructure = { kind: 'k-subset', m: 5, k: 2 };
const TREE: DiagnosticStructure = { kind: 'spanning-tree', n: 4 };
const THETA5 = [0.4, -0.3, 1.1, 0.0, -0.8];
const THETA6 = [0.7601073, -0.20460297, -0.4689217, -0.5127163, -1.9022679, 1.1506207];

function hardArgmax(structure: DiagnosticStructure, u: Float64Array): Float64Array {
  if (structure.kind === 'spanning-tree') return kruskalArgmax(u, structure.n);
  if (structure.kind === 'k-subset') return topKArgmax(u, structure.m, structure.k);
  return topKArgmax(u, structure.m, 1);
}

function* permutations(d: number): Generator<number[]> {
  const a = Array.from({ length: d }, (_, i) => i);
  const c = new Array(d).fill(0);
  yield [...a];
  let i = 0;
  while (i < d) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [a[j], a[i]] = [a[i], a[j]];
      yield [...a];
      c[i]++;
      i = 0;
    } else c[i++] = 0;
  }
}

/** Independent oracle: every full order of the d coordinates (Plackett–Luce), solver argmax. */
function fullOrderOracle(structure: DiagnosticStructure, theta: number[]): Map<string, number> {
  const d = theta.length;
  const out = new Map<string, number>();
  for (const order of permutations(d)) {
    let p = 1;
    let rest = theta.reduce((s, v) => s + Math.exp(v), 0);
    const ranks = new Float64Array(d);
    order.forEach((e, pos) => {
      p *= Math.exp(theta[e]) / rest;
      rest -= Math.exp(theta[e]);
      ranks[e] = d - pos;
    });
    const key = hardArgmax(structure, ranks).join('');
    out.set(key, (out.get(key) ?? 0) + p);
  }
  return out;
}

describe('exact Gumbel-argmax distribution', () => {
  it('one-hot is the softmax, and a 1-subset (enumerated) agrees with it', () => {
    const oneHot = gumbelArgmaxDistribution({ kind: 'one-hot', m: 5 }, THETA5);
    const enumerated = gumbelArgmaxDistribution({ kind: 'k-subset', m: 5, k: 1 }, THETA5);
    const z = THETA5.reduce((s, v) => s + Math.exp(v), 0);
    oneHot.outcomes.forEach((x, i) => {
      const j = x.indexOf(1);
      expect(oneHot.probabilities[i]).toBeCloseTo(Math.exp(THETA5[j]) / z, 14);
      const k = enumerated.outcomes.findIndex((y) => y[j] === 1);
      expect(enumerated.probabilities[k]).toBeCloseTo(oneHot.probabilities[i], 14);
      for (let a = 0; a < 5; a++)
        expect(enumerated.probabilityGradients[k][a]).toBeCloseTo(
          oneHot.probabilityGradients[i][a],
          14,
        );
    });
  });

  for (const [structure, theta] of [
    [KSUB, THETA5],
    [TREE, THETA6],
  ] as const) {
    it(`${structure.kind}: equals the sum over all d! Plackett–Luce orders with the solver argmax`, () => {
      const dist = gumbelArgmaxDistribution(structure, theta);
      const oracle = fullOrderOracle(structure, [...theta]);
      expect(dist.outcomes.length).toBe(oracle.size);
      expect(dist.outcomes.length).toBe(structure.kind === 'k-subset' ? 10 : 16);
      dist.outcomes.forEach((x, i) => {
        expect(Math.abs(dist.probabilities[i] - (oracle.get(x.join('')) ?? -1))).toBeLessThan(
          1e-14,
        );
      });
      expect(dist.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    });

    it(`${structure.kind}: ∂P/∂θ matches central finite differences`, () => {
      const dist = gumbelArgmaxDistribution(structure, theta);
      const h = 1e-6;
      for (let a = 0; a < theta.length; a++) {
        const plus = [...theta];
        const minus = [...theta];
        plus[a] += h;
        minus[a] -= h;
        const dp = gumbelArgmaxDistribution(structure, plus);
        const dm = gumbelArgmaxDistribution(structure, minus);
        dist.outcomes.forEach((x, i) => {
          const key = x.join('');
          const ip = dp.outcomes.findIndex((y) => y.join('') === key);
          const im = dm.outcomes.findIndex((y) => y.join('') === key);
          const fd = (dp.probabilities[ip] - dm.probabilities[im]) / (2 * h);
          expect(Math.abs(dist.probabilityGradients[i][a] - fd)).toBeLessThan(1e-8);
        });
      }
    });

    it(`${structure.kind}: agrees with 2·10⁵ float64 Gumbel-argmax draws`, () => {
      const dist = gumbelArgmaxDistribution(structure, theta);
      const counts = new Map<string, number>();
      const next = seededUniform(20261127);
      const draws = 200_000;
      const d = theta.length;
      const u = new Float64Array(d);
      for (let s = 0; s < draws; s++) {
        for (let i = 0; i < d; i++)
          u[i] = theta[i] - Math.log(-Math.log(Math.max(next(), 1.1754944e-38)));
        const key = hardArgmax(structure, u).join('');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      dist.outcomes.forEach((x, i) => {
        const p = dist.probabilities[i];
        const se = Math.sqrt((p * (1 - p)) / draws);
        expect(Math.abs((counts.get(x.join('')) ?? 0) / draws - p)).toBeLessThan(5 * se);
      });
    });
  }

  it('differs from the exponential family p(x) ∝ exp⟨θ, x⟩ for k-subsets', () => {
    const dist = gumbelArgmaxDistribution(KSUB, THETA5);
    const scores = dist.outcomes.map((x) => x.reduce((s, v, i) => s + v * THETA5[i], 0));
    const z = scores.reduce((s, v) => s + Math.exp(v), 0);
    const gap = Math.max(
      ...scores.map((v, i) => Math.abs(Math.exp(v) / z - dist.probabilities[i])),
    );
    expect(gap).toBeGreaterThan(1e-3);
  });
});

describe('exactExpectedLossGradient', () => {
  it('one-hot: ∂E/∂θ_j = p_j (f_j − E)', () => {
    const f = [0.3, 2.0, -1.0, 0.7, 1.5];
    const loss = (x: Float64Array) => x.reduce((s, v, i) => s + v * f[i], 0);
    const { value, gradient, method } = exactExpectedLossGradient(
      { kind: 'one-hot', m: 5 },
      THETA5,
      loss,
    );
    const z = THETA5.reduce((s, v) => s + Math.exp(v), 0);
    const p = THETA5.map((v) => Math.exp(v) / z);
    const e = p.reduce((s, v, i) => s + v * f[i], 0);
    expect(method).toBe('closed-form softmax');
    expect(value).toBeCloseTo(e, 14);
    p.forEach((pj, j) => {
      expect(gradient[j]).toBeCloseTo(pj * (f[j] - e), 14);
    });
  });

  it('tree: matches central finite differences of the exact expectation', () => {
    const target = [0.9, 0.1, 0.5, 0.3, 0.0, 1.0];
    const loss = (x: Float64Array) => x.reduce((s, v, i) => s + (v - target[i]) ** 2, 0);
    const { gradient, method } = exactExpectedLossGradient(TREE, THETA6, loss);
    expect(method).toBe('Plackett–Luce enumeration');
    const h = 1e-6;
    for (let a = 0; a < 6; a++) {
      const plus = [...THETA6];
      const minus = [...THETA6];
      plus[a] += h;
      minus[a] -= h;
      const fd =
        (exactExpectedLossGradient(TREE, plus, loss).value -
          exactExpectedLossGradient(TREE, minus, loss).value) /
        (2 * h);
      expect(Math.abs(gradient[a] - fd)).toBeLessThan(1e-8);
    }
  });

  it('rejects bad structures, thetas and losses, naming them', () => {
    const loss = () => 0;
    expect(() => exactExpectedLossGradient({ kind: 'tree' } as never, [1], loss)).toThrow(
      /structure.kind .*"tree"/,
    );
    expect(() => exactExpectedLossGradient({ kind: 'k-subset', m: 5, k: 5 }, THETA5, loss)).toThrow(
      RangeError,
    );
    expect(() => exactExpectedLossGradient(KSUB, [1, 2], loss)).toThrow(/theta .*length 5.* 2/);
    expect(() => exactExpectedLossGradient(KSUB, [1, 2, Number.NaN, 0, 0], loss)).toThrow(
      /theta\[2\] .*NaN/,
    );
    expect(() => exactExpectedLossGradient(KSUB, THETA5, () => Number.NaN)).toThrow(/loss/);
  });
});

describe('RunningMoments (backend-free)', () => {
  it('chunked moments equal the two-pass mean and unbiased variance', () => {
    const next = seededUniform(5);
    const rows = Float64Array.from({ length: 3 * 101 }, () => 1e3 + next());
    const m = new RunningMoments(3);
    m.addRows(rows.subarray(0, 3 * 40));
    m.addRows(rows.subarray(3 * 40, 3 * 41));
    m.addRows(rows.subarray(3 * 41));
    const s = m.summarize(new Float64Array([1e3, 1e3, 1e3]));
    for (let a = 0; a < 3; a++) {
      const col = Array.from({ length: 101 }, (_, r) => rows[r * 3 + a]);
      const mean = col.reduce((x, y) => x + y, 0) / 101;
      const variance = col.reduce((x, y) => x + (y - mean) ** 2, 0) / 100;
      expect(s.mean[a]).toBeCloseTo(mean, 10);
      expect(s.variance[a]).toBeCloseTo(variance, 12);
      expect(s.bias[a]).toBeCloseTo(mean - 1e3, 10);
    }
  });
});

describe('benchmark problems (backend-free)', () => {
  it('squaredLinearLoss is (⟨a, x⟩ − b)² and describes itself', () => {
    const { loss, description } = squaredLinearLoss([1, -0.5, 2], 1);
    expect(loss(new Float64Array([1, 1, 0]))).toBeCloseTo(0.25, 14);
    expect(description).toBe('(⟨a, x⟩ − 1)², a = [1, -0.5, 2]');
    expect(() => squaredLinearLoss([1, Number.NaN], 0)).toThrow(/weights\[1\]/);
  });

  it('has one fixed problem per structure kind', () => {
    expect(benchmarkProblem('one-hot').theta.length).toBe(5);
    expect(benchmarkProblem('k-subset').structure).toEqual({ kind: 'k-subset', m: 5, k: 2 });
    expect(benchmarkProblem('spanning-tree').theta.length).toBe(6);
    expect(() => benchmarkProblem('tree' as never)).toThrow(/structure.kind/);
  });
});

describeEachBackend('gradientDiagnostics', () => {
  const N = 3000;
  const results = new Map<string, ReturnType<typeof gradientDiagnostics>>();
  const run = (kind: (typeof STRUCTURE_KINDS)[number]) => {
    let r = results.get(kind);
    if (!r) {
      const before = tf.memory().numTensors;
      r = gradientDiagnostics({ ...benchmarkProblem(kind), samples: N, temperature: 0.5, seed: 7 });
      expect(tf.memory().numTensors).toBe(before);
      results.set(kind, r);
    }
    return r;
  };

  for (const kind of STRUCTURE_KINDS) {
    it(`${kind}: every REINFORCE variant's mean is within 4 standard errors of the exact gradient`, () => {
      const r = run(kind);
      expect(r.exact.method).toBe(
        kind === 'one-hot' ? 'closed-form softmax' : 'Plackett–Luce enumeration',
      );
      expect(r.estimators.map((e) => e.estimator)).toEqual(ESTIMATOR_NAMES);
      for (const e of r.estimators.filter((x) => x.estimator.startsWith('reinforce'))) {
        e.bias.forEach((b, a) => {
          expect(Math.abs(b)).toBeLessThan(4 * Math.sqrt(e.variance[a] / N));
        });
        expect(e.cosine).toBeGreaterThan(0.99);
      }
    });

    it(`${kind}: SST's variance is far below REINFORCE's at equal samples (t = 0.5)`, () => {
      const r = run(kind);
      const v = Object.fromEntries(r.estimators.map((e) => [e.estimator, e.totalVariance]));
      expect(v.sst * 10).toBeLessThan(v.reinforce);
      expect(v.sst * 4).toBeLessThan(v['reinforce-leave-one-out']);
      expect(v.sst).toBeLessThan(v['straight-through']);
      for (const e of r.estimators) {
        expect(e.variance.length).toBe(r.exact.gradient.length);
        expect(e.totalVariance).toBeCloseTo(
          e.variance.reduce((s, x) => s + x, 0),
          10,
        );
        expect(e.biasStandardError).toBeCloseTo(Math.sqrt(e.totalVariance / N), 10);
      }
    });
  }

  it('the same seed reproduces every number; SST and straight-through depend on t, REINFORCE not', () => {
    const p = benchmarkProblem('k-subset');
    const a = gradientDiagnostics({ ...p, samples: 50, temperature: 0.5, seed: 3 });
    const b = gradientDiagnostics({ ...p, samples: 50, temperature: 0.5, seed: 3 });
    const c = gradientDiagnostics({ ...p, samples: 50, temperature: 0.1, seed: 3 });
    expect(a.estimators.map((e) => Array.from(e.mean))).toEqual(
      b.estimators.map((e) => Array.from(e.mean)),
    );
    a.estimators.forEach((e, i) => {
      const same = Array.from(e.mean).join() === Array.from(c.estimators[i].mean).join();
      expect(same).toBe(e.estimator.startsWith('reinforce'));
    });
  });

  it('SST approaches the exact gradient as t → 0 (cosine > 0.99 at t = 0.05)', () => {
    const r = gradientDiagnostics({
      ...benchmarkProblem('one-hot'),
      estimators: ['sst'],
      samples: 2000,
      temperature: 0.05,
      seed: 1,
    });
    expect(r.estimators[0].cosine).toBeGreaterThan(0.99);
  });

  it('rejects bad options, naming them', () => {
    const p = benchmarkProblem('one-hot');
    const base = { ...p, samples: 10, temperature: 0.5, seed: 1 };
    expect(() => gradientDiagnostics({ ...base, samples: 1 })).toThrow(
      /gradientDiagnostics: samples must be in 2\.\.\d+, got 1/,
    );
    expect(() => gradientDiagnostics({ ...base, temperature: -1 })).toThrow(/temperature .*-1/);
    expect(() => gradientDiagnostics({ ...base, estimators: ['score'] as never })).toThrow(
      /estimators .*"score"/,
    );
    expect(() => gradientDiagnostics({ ...base, samplesPerEstimate: 1 })).toThrow(
      /samplesPerEstimate .*leave-one-out, got 1/,
    );
    expect(() => gradientDiagnostics({ ...base, theta: [1, 2] })).toThrow(/theta .*length 5/);
    expect(() => gradientDiagnostics({ ...base, seed: 0.5 })).toThrow(/seed .*0.5/);
    expect(() => gradientDiagnostics({ ...base, movingAverageDecay: 1 })).toThrow(
      /movingAverageDecay .*got 1/,
    );
    expect(() => gradientDiagnostics({ ...base, lossTensor: undefined as never })).toThrow(
      /lossTensor must be a function/,
    );
    const before = tf.memory().numTensors;
    expect(() => gradientDiagnostics({ ...base, lossTensor: (x) => tf.sum(x, -1) })).toThrow(
      /lossTensor and loss disagree/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
