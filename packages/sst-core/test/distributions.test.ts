// The distribution classes on every backend: U = θ + G with the backend helper's noise, hard and
// relaxed samples equal to the ops applied to U, exact seed reproducibility, straight-through
// (forward = hard, gradient = that of relaxed), gradients reaching θ, the KL terms against a
// float64 computation, no leaks, and errors that name the bad option or tensor.
import { randomScores } from '@sst-tricks/sst-solvers/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { StructuredDistribution, StructuredSample } from '../src/distributions/index.js';
import {
  ArborescenceDistribution,
  BinaryDistribution,
  CorrelatedKSubsetDistribution,
  KSubsetDistribution,
  OneHotDistribution,
  PermutationDistribution,
  SpanningTreeDistribution,
} from '../src/distributions/index.js';
import { RandomGenerator, sampleGumbel, sampleLogistic } from '../src/noise/index.js';
import type { WordPair } from '../src/relaxations/index.js';
import {
  hardArborescence,
  hardBinary,
  hardCorrelatedKSubset,
  hardKSubset,
  hardOneHot,
  hardPermutation,
  hardSpanningTree,
  relaxedArborescence,
  relaxedBinary,
  relaxedCorrelatedKSubset,
  relaxedKSubset,
  relaxedOneHot,
  relaxedPermutation,
  relaxedSpanningTree,
} from '../src/relaxations/index.js';
import { describeEachBackend } from './backends.js';

type AnyDistribution = StructuredDistribution<unknown, tf.Tensor | WordPair>;

/** One distribution under test, with the ops its samples must match. */
interface Case {
  name: string;
  shapes: number[][];
  noise: 'gumbel' | 'logistic';
  make(logits: tf.Tensor[], temperature: number): AnyDistribution;
  relaxed(u: tf.Tensor[], temperature: number): tf.Tensor[];
  hard(u: tf.Tensor[]): tf.Tensor[];
  /** 1 where an entry counts in the KL (arborescence: real arcs only). */
  klMask?: (batch: number) => Float64Array;
}

const B = 3;
const T = 0.6;
const one = (t: tf.Tensor) => [t];
const pairOf = (x: WordPair) => [x.word, x.pair];
const asAny = (d: unknown) => d as AnyDistribution;

const ARB_N = 4;
function arborescenceMask(batch: number): Float64Array {
  const mask = new Float64Array(batch * ARB_N * ARB_N);
  for (let b = 0; b < batch; b++)
    for (let h = 0; h < ARB_N; h++)
      for (let c = 1; c < ARB_N; c++) if (h !== c) mask[(b * ARB_N + h) * ARB_N + c] = 1;
  return mask;
}

const CASES: Case[] = [
  {
    name: 'OneHotDistribution',
    shapes: [[B, 5]],
    noise: 'gumbel',
    make: ([x], temperature) => asAny(new OneHotDistribution(x, { temperature })),
    relaxed: ([u], temperature) => one(relaxedOneHot(u, { temperature })),
    hard: ([u]) => one(hardOneHot(u)),
  },
  {
    name: 'BinaryDistribution',
    shapes: [[B, 5]],
    noise: 'logistic',
    make: ([x], temperature) => asAny(new BinaryDistribution(x, { temperature })),
    relaxed: ([u], temperature) => one(relaxedBinary(u, { temperature })),
    hard: ([u]) => one(hardBinary(u)),
  },
  {
    name: 'KSubsetDistribution',
    shapes: [[B, 7]],
    noise: 'gumbel',
    make: ([x], temperature) =>
      asAny(new KSubsetDistribution(x, { k: 3, temperature, regularizer: 'categorical-entropy' })),
    relaxed: ([u], temperature) =>
      one(relaxedKSubset(u, { k: 3, temperature, regularizer: 'categorical-entropy' })),
    hard: ([u]) => one(hardKSubset(u, { k: 3 })),
  },
  {
    name: 'CorrelatedKSubsetDistribution',
    shapes: [
      [B, 7],
      [B, 6],
    ],
    noise: 'gumbel',
    make: ([word, pair], temperature) =>
      asAny(new CorrelatedKSubsetDistribution({ word, pair }, { k: 2, temperature })),
    relaxed: ([w, p], temperature) => pairOf(relaxedCorrelatedKSubset(w, p, { k: 2, temperature })),
    hard: ([w, p]) => pairOf(hardCorrelatedKSubset(w, p, { k: 2 })),
  },
  {
    name: 'SpanningTreeDistribution',
    shapes: [[B, 10]],
    noise: 'gumbel',
    make: ([x], temperature) =>
      asAny(new SpanningTreeDistribution(x, { n: 5, temperature, maxRange: 20 })),
    relaxed: ([u], temperature) => one(relaxedSpanningTree(u, { n: 5, temperature, maxRange: 20 })),
    hard: ([u]) => one(hardSpanningTree(u, { n: 5 })),
  },
  {
    name: 'ArborescenceDistribution',
    shapes: [[B, ARB_N, ARB_N]],
    noise: 'gumbel',
    make: ([x], temperature) =>
      asAny(new ArborescenceDistribution(x, { n: ARB_N, temperature, rootMode: 'single' })),
    relaxed: ([u], temperature) =>
      one(relaxedArborescence(u, { n: ARB_N, temperature, rootMode: 'single' })),
    hard: ([u]) => one(hardArborescence(u, { n: ARB_N, rootMode: 'single' })),
    klMask: arborescenceMask,
  },
  {
    name: 'PermutationDistribution',
    shapes: [[B, 9]],
    noise: 'gumbel',
    make: ([x], temperature) => asAny(new PermutationDistribution(x, { n: 3, temperature })),
    relaxed: ([u], temperature) => one(relaxedPermutation(u, { n: 3, temperature })),
    hard: ([u]) => one(hardPermutation(u, { n: 3 })),
  },
];

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const read = (t: tf.Tensor) => Array.from(t.dataSync() as Float32Array);
const parts = (x: tf.Tensor | WordPair): tf.Tensor[] => (x instanceof tf.Tensor ? [x] : pairOf(x));
const allParts = (s: StructuredSample<tf.Tensor | WordPair>) =>
  [s.utilities, s.hard, s.relaxed, s.straightThrough].flatMap(parts);

function logitsFor(c: Case, seed: number, scale = 1.5): tf.Tensor[] {
  return c.shapes.map((s, i) =>
    tf.tensor(new Float32Array(randomScores(size(s), seed + i, scale)), s),
  );
}

/** Float64 per-item KL of θ (Gumbel or logistic), over the entries the mask counts. */
function referenceKl(c: Case, theta: number[][]): number[] {
  const out = new Array<number>(B).fill(0);
  theta.forEach((values, k) => {
    const perItem = values.length / B;
    const mask = k === 0 ? c.klMask?.(B) : undefined;
    values.forEach((t, i) => {
      if (mask !== undefined && mask[i] === 0) return;
      // Logistic: θ coth(θ/2) − 2, the closed form checked against quadrature below.
      const kl = c.noise === 'gumbel' ? t + Math.exp(-t) - 1 : t / Math.tanh(t / 2) - 2;
      out[Math.floor(i / perItem)] += kl;
    });
  });
  return out;
}

describeEachBackend('distributions', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it('samples U = θ + G, hard = the SMT of U and relaxed = the SST of U', () => {
        const logits = logitsFor(c, 3);
        const d = c.make(logits, T);
        const s = d.sample(new RandomGenerator(17));
        const check = new RandomGenerator(17);
        const draw = c.noise === 'gumbel' ? sampleGumbel : sampleLogistic;
        const expectedU = logits.map((x) => tf.add(x, draw(x.shape, check)));
        parts(s.utilities).forEach((u, i) => {
          expect(u.shape).toEqual(c.shapes[i]);
          expect(read(u)).toEqual(read(expectedU[i]));
        });
        const hard = c.hard(expectedU);
        const relaxed = c.relaxed(expectedU, T);
        parts(s.hard).forEach((h, i) => {
          expect(read(h)).toEqual(read(hard[i]));
        });
        parts(s.relaxed).forEach((r, i) => {
          expect(read(r)).toEqual(read(relaxed[i]));
        });
        parts(s.straightThrough).forEach((x, i) => {
          expect(read(x)).toEqual(read(hard[i]));
        });
        expect(d.batchSize).toBe(B);
        tf.dispose([...logits, ...expectedU, ...hard, ...relaxed, ...allParts(s)]);
      });

      it('reproduces samples exactly from the same seed', () => {
        const logits = logitsFor(c, 5);
        const d = c.make(logits, T);
        const a = allParts(d.sample(new RandomGenerator(2024)));
        const b = allParts(d.sample(new RandomGenerator(2024)));
        a.forEach((t, i) => {
          expect(read(t)).toEqual(read(b[i]));
        });
        const other = allParts(d.sample(new RandomGenerator(2025)));
        expect(read(other[0])).not.toEqual(read(a[0]));
        tf.dispose([...logits, ...a, ...b, ...other]);
      });

      it('passes gradients to θ: relaxed and straight-through give the same gradient', () => {
        const logits = logitsFor(c, 7);
        const weights = c.shapes.map((s, i) =>
          tf.tensor(new Float32Array(randomScores(size(s), 70 + i)), s),
        );
        const lossOf =
          (pick: (s: StructuredSample<tf.Tensor | WordPair>) => tf.Tensor | WordPair) =>
          (...theta: tf.Tensor[]) => {
            const s = c.make(theta, T).sample(new RandomGenerator(9));
            return tf.addN(parts(pick(s)).map((x, i) => tf.sum(tf.mul(x, weights[i]))));
          };
        const viaRelaxed = tf.grads(lossOf((s) => s.relaxed))(logits);
        const viaSt = tf.grads(lossOf((s) => s.straightThrough))(logits);
        // dU/dθ = I, so the gradient wrt θ is the op's gradient at U.
        const u = parts(c.make(logits, T).sample(new RandomGenerator(9)).utilities);
        const atU = tf.grads((...v: tf.Tensor[]) =>
          tf.addN(c.relaxed(v, T).map((x, i) => tf.sum(tf.mul(x, weights[i])))),
        )(u);
        viaRelaxed.forEach((g, i) => {
          expect(g.shape).toEqual(c.shapes[i]);
          expect(read(g)).toEqual(read(atU[i]));
          expect(read(viaSt[i])).toEqual(read(g));
          expect(read(g).some((v) => v !== 0)).toBe(true);
        });
        tf.dispose([...logits, ...weights, ...viaRelaxed, ...viaSt, ...u, ...atU]);
      });

      it('KL to the zero-location prior matches float64, is ≥ 0 and 0 at θ = 0', () => {
        const logits = logitsFor(c, 11, 3);
        const kl = c.make(logits, T).klToGumbelPrior();
        expect(kl.shape).toEqual([B]);
        const expected = referenceKl(c, logits.map(read));
        read(kl).forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, expected[i]));
        });
        const zeros = logits.map((x) => tf.zerosLike(x));
        expect(read(c.make(zeros, T).klToGumbelPrior())).toEqual([0, 0, 0]);
        // Gradient: 1 − e^{−θ} (Gumbel) per counted entry.
        if (c.noise === 'gumbel') {
          const g = tf.grads((...theta: tf.Tensor[]) => tf.sum(c.make(theta, T).klToGumbelPrior()))(
            logits,
          );
          g.forEach((gi, k) => {
            const mask = k === 0 ? c.klMask?.(B) : undefined;
            const theta = read(logits[k]);
            read(gi).forEach((v, i) => {
              const want = mask !== undefined && mask[i] === 0 ? 0 : 1 - Math.exp(-theta[i]);
              expect(Math.abs(v - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
            });
          });
          tf.dispose(g);
        }
        tf.dispose([...logits, kl, ...zeros]);
      });

      it('leaves no tensors behind after tf.tidy with sampling, gradients and KL', () => {
        const logits = logitsFor(c, 13);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const gen = new RandomGenerator(1);
          const grads = tf.grads((...theta: tf.Tensor[]) => {
            const d = c.make(theta, T);
            const s = d.sample(gen);
            const fit = tf.addN(parts(s.straightThrough).map((x) => tf.sum(tf.square(x))));
            return tf.add(fit, tf.sum(d.klToGumbelPrior()));
          })(logits);
          expect(grads.length).toBe(logits.length);
        });
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose(logits);
      });

      it('rejects bad options at construction and NaN logits, naming them', () => {
        const logits = logitsFor(c, 15);
        expect(() => c.make(logits, 0)).toThrow(RangeError);
        expect(() => c.make(logits, 0)).toThrow(
          new RegExp(`${c.name}: temperature must be finite and > 0`),
        );
        // One entry too many in the last operand: a wrong n, or pair ≠ m − 1. (One-hot, binary
        // and k-subset take m from the logits, so any width is valid for them.)
        const wide = c.shapes.map((s, i) =>
          i === c.shapes.length - 1 ? tf.zeros([s[0], size(s.slice(1)) + 1]) : tf.zeros(s),
        );
        if (['OneHotDistribution', 'BinaryDistribution', 'KSubsetDistribution'].includes(c.name)) {
          expect(() => c.make(wide, T)).not.toThrow();
        } else {
          expect(() => c.make(wide, T)).toThrow(/logits(\.pair)? must have \d+ entries per item/);
        }
        const nan = logits.map((x) =>
          tf.where(tf.equal(tf.range(0, x.size).reshape(x.shape), 1), tf.scalar(Number.NaN), x),
        );
        const d = c.make(nan, T);
        const before = tf.memory().numTensors;
        expect(() => d.sample(new RandomGenerator(1))).toThrow(
          /logits(\.word)? must be finite, got logits(\.word)?\[0\]\[1\] = NaN/,
        );
        expect(tf.memory().numTensors).toBe(before);
        expect(() => d.klToGumbelPrior()).toThrow(
          /klToGumbelPrior: logits(\.word)? must be finite/,
        );
        expect(() => c.make(logits, T).sample(42 as unknown as RandomGenerator)).toThrow(TypeError);
        tf.dispose([...logits, ...wide, ...nan]);
      });
    });
  }

  describe('option errors specific to a structure', () => {
    it('k out of range, unknown regularizer, lengths of the wrong size', () => {
      const x = tf.zeros([2, 6]);
      expect(() => new KSubsetDistribution(x, { k: 7, temperature: 1 })).toThrow(
        /KSubsetDistribution: k must be in 0\.\.6/,
      );
      expect(
        () =>
          new KSubsetDistribution(x, { k: 2, temperature: 1, regularizer: 'l2' as 'euclidean' }),
      ).toThrow(/regularizer must be one of/);
      const arcs = tf.zeros([2, 16]);
      expect(
        () => new ArborescenceDistribution(arcs, { n: 4, temperature: 1, lengths: [4] }),
      ).toThrow(/lengths must have one entry per batch item/);
      expect(() => new SpanningTreeDistribution(x, { n: 5, temperature: 1 })).toThrow(
        /SpanningTreeDistribution: logits must have 10 entries per item \(n\(n−1\)\/2 for n = 5\), got 6/,
      );
      expect(() => new SpanningTreeDistribution(tf.zeros([6]), { n: 4, temperature: 1 })).toThrow(
        /rank 2/,
      );
      tf.dispose([x, arcs]);
    });

    it('arborescence KL ignores the diagonal, column 0 and padding (masked logits stay finite)', () => {
      const theta = tf.fill([1, 3, 3], -1e9);
      const d = new ArborescenceDistribution(theta, { n: 3, temperature: 1, lengths: [2] });
      // Only arc 0 → 1 exists for a 2-node item; give it θ = 0.5.
      const real = tf.tensor3d([
        [
          [-1e9, 0.5, -1e9],
          [-1e9, -1e9, -1e9],
          [-1e9, -1e9, -1e9],
        ],
      ]);
      const kl = new ArborescenceDistribution(real, {
        n: 3,
        temperature: 1,
        lengths: [2],
      }).klToGumbelPrior();
      expect(read(kl)[0]).toBeCloseTo(0.5 + Math.exp(-0.5) - 1, 6);
      tf.dispose([theta, real, kl]);
      expect(d.batchSize).toBe(1);
    });
  });

  describe('logistic KL', () => {
    it('θ coth(θ/2) − 2 equals the KL integral of Logistic(θ) to Logistic(0) (quadrature)', () => {
      const logPdf = (x: number) => -x - 2 * Math.log1p(Math.exp(-x));
      for (const theta of [-3, -0.4, 0.001, 0.7, 2.5]) {
        // ∫ p_θ(u) (log p_θ(u) − log p_0(u)) du by the midpoint rule on [θ − 60, θ + 60].
        let sum = 0;
        const h = 1e-3;
        for (let x = -60 + h / 2; x < 60; x += h) {
          const u = x + theta;
          sum += Math.exp(logPdf(x)) * (logPdf(x) - logPdf(u)) * h;
        }
        const closed = theta / Math.tanh(theta / 2) - 2;
        expect(Math.abs(sum - closed)).toBeLessThan(1e-8 + 1e-6 * closed);
      }
    });

    it('is accurate near 0 (≈ θ²/6) and its gradient matches', () => {
      const theta = tf.tensor2d([[1e-4, -2e-3, 0.05, -30, 100]]);
      const d = new BinaryDistribution(theta, { temperature: 1 });
      const kl = read(d.klToGumbelPrior())[0];
      const want =
        [1e-4, -2e-3].reduce((s, t) => s + (t * t) / 6, 0) +
        (0.05 / Math.tanh(0.025) - 2) +
        28 +
        98;
      expect(Math.abs(kl - want) / want).toBeLessThan(1e-6);
      const g = read(
        tf.grad((t: tf.Tensor) =>
          tf.sum(new BinaryDistribution(t, { temperature: 1 }).klToGumbelPrior()),
        )(theta),
      );
      const slope = (t: number) => {
        const c = 1 / Math.tanh(t / 2);
        return c - (t / 2) * (c * c - 1);
      };
      expect(g[0]).toBeCloseTo(1e-4 / 3, 9);
      expect(g[1]).toBeCloseTo(-2e-3 / 3, 9);
      expect(g[2]).toBeCloseTo(slope(0.05), 6);
      expect(g[3]).toBeCloseTo(-1, 6);
      expect(g[4]).toBeCloseTo(1, 6);
      theta.dispose();
    });
  });
});
