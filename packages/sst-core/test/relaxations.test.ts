// Every relaxation op on every backend: forward = the float64 solver's output cast to float32,
// gradient (tf.grads of ⟨X_t(U), g⟩ for a random cotangent g) = the solver's float64 VJP, X_t → X
// as t → 0, no tensor leaks, and each bad option rejected with an error naming it.
import {
  arborescenceMarginals,
  arborescenceVjp,
  binaryMarginals,
  binaryVjp,
  chuLiuEdmondsArgmax,
  correlatedKSubsetArgmax,
  correlatedKSubsetMarginals,
  correlatedKSubsetVjp,
  hungarianArgmax,
  kruskalArgmax,
  kSubsetMarginals,
  kSubsetRegularized,
  kSubsetRegularizedVjp,
  kSubsetVjp,
  oneHotArgmax,
  oneHotMarginals,
  oneHotVjp,
  sinkhorn,
  sinkhornVjp,
  spanningTreeMarginals,
  spanningTreeVjp,
  sparsemax,
  sparsemaxVjp,
  topKArgmax,
} from '@sst-tricks/sst-solvers';
import { randomScores } from '@sst-tricks/sst-solvers/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
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
  straightThrough,
} from '../src/relaxations/index.js';
import { describeEachBackend } from './backends.js';

/** One structure under test: operand shapes, the ops, and the float64 solver they must match. */
interface Case {
  name: string;
  shapes: number[][];
  /** Scale of the random utilities. */
  scale?: number;
  relaxed(u: tf.Tensor[], temperature: number): tf.Tensor[];
  hard(u: tf.Tensor[]): tf.Tensor[];
  forward(u: Float64Array[], temperature: number): Float64Array[];
  vjp(u: Float64Array[], g: Float64Array[], temperature: number): Float64Array[];
  argmax(u: Float64Array[]): Float64Array[];
  /** Temperature at which X_t must be within `coldGap` (default 1e-3) of the hard sample. */
  cold: number | null;
  coldGap?: number;
}

const BATCH = 3;
const single = (f: (u: tf.Tensor) => tf.Tensor) => (u: tf.Tensor[]) => [f(u[0])];

function kSubsetCase(
  regularizer: 'ef-entropy' | 'euclidean' | 'categorical-entropy' | 'binary-entropy',
): Case {
  const [m, k] = [8, 3];
  return {
    name: `k-subset (${regularizer})`,
    shapes: [[BATCH, m]],
    relaxed: (u, temperature) => [relaxedKSubset(u[0], { k, temperature, regularizer })],
    hard: single((u) => hardKSubset(u, { k })),
    forward: ([u], temperature) =>
      regularizer === 'ef-entropy'
        ? [kSubsetMarginals(u, m, k, { temperature }).marginals]
        : [kSubsetRegularized(u, m, k, regularizer, { temperature })],
    vjp: ([u], [g], temperature) =>
      regularizer === 'ef-entropy'
        ? [kSubsetVjp(u, m, k, g, { temperature })]
        : [kSubsetRegularizedVjp(u, m, k, regularizer, g, { temperature })],
    argmax: ([u]) => [topKArgmax(u, m, k)],
    cold: 1e-3,
  };
}

function treeCase(maxRange?: number): Case {
  const n = 5;
  return {
    name: maxRange === undefined ? 'spanning tree' : `spanning tree (maxRange ${maxRange})`,
    shapes: [[BATCH, (n * (n - 1)) / 2]],
    // Spread the utilities so maxRange = 1.5 clips some entries.
    scale: maxRange === undefined ? 1 : 2,
    relaxed: (u, temperature) => [relaxedSpanningTree(u[0], { n, temperature, maxRange })],
    hard: single((u) => hardSpanningTree(u, { n })),
    forward: ([u], temperature) => [
      spanningTreeMarginals(u, n, { temperature, maxRange }).marginals,
    ],
    vjp: ([u], [g], temperature) => [spanningTreeVjp(u, n, g, { temperature, maxRange })],
    argmax: ([u]) => [kruskalArgmax(u, n)],
    // maxRange clips U/t at max(U/t) − maxRange, so as t → 0 almost every edge sits at the floor
    // and X_t does not tend to the hard tree: by design, nothing to test.
    cold: maxRange === undefined ? 1e-3 : null,
  };
}

function arborescenceCase(rootMode: 'multi' | 'single', lengths?: number[]): Case {
  const n = 5;
  const shape = { rootMode, lengths };
  return {
    name: `arborescence (${rootMode}${lengths ? ', lengths' : ''})`,
    shapes: [[BATCH, n * n]],
    relaxed: (u, temperature) => [relaxedArborescence(u[0], { n, temperature, ...shape })],
    hard: single((u) => hardArborescence(u, { n, ...shape })),
    forward: ([u], temperature) => [
      arborescenceMarginals(u, n, { temperature, ...shape }).marginals,
    ],
    vjp: ([u], [g], temperature) => [arborescenceVjp(u, n, g, { temperature, ...shape })],
    argmax: ([u]) => [chuLiuEdmondsArgmax(u, n, shape)],
    // These utilities hold near-ties (X_t at t = 1e-2 is still 0.4 away from the hard sample).
    cold: 1e-4,
  };
}

const PERMUTATION_N = 4;
const SINKHORN = { tolerance: 1e-12, maxIterations: 100000 };

const CASES: Case[] = [
  {
    name: 'one-hot (softmax)',
    shapes: [[BATCH, 7]],
    relaxed: (u, temperature) => [relaxedOneHot(u[0], { temperature })],
    hard: single((u) => hardOneHot(u)),
    forward: ([u], temperature) => [oneHotMarginals(u, 7, { temperature }).marginals],
    vjp: ([u], [g], temperature) => [oneHotVjp(u, 7, g, { temperature })],
    argmax: ([u]) => [oneHotArgmax(u, 7)],
    cold: 1e-3,
  },
  {
    name: 'one-hot (sparsemax)',
    shapes: [[BATCH, 7]],
    relaxed: (u, temperature) => [relaxedOneHot(u[0], { temperature, regularizer: 'sparsemax' })],
    hard: single((u) => hardOneHot(u)),
    forward: ([u], temperature) => [sparsemax(u, 7, { temperature })],
    vjp: ([u], [g], temperature) => [sparsemaxVjp(u, 7, g, { temperature })],
    argmax: ([u]) => [oneHotArgmax(u, 7)],
    cold: 1e-3,
  },
  {
    name: 'binary',
    shapes: [[BATCH, 6]],
    relaxed: (u, temperature) => [relaxedBinary(u[0], { temperature })],
    hard: single((u) => hardBinary(u)),
    forward: ([u], temperature) => [binaryMarginals(u, 6, { temperature }).marginals],
    vjp: ([u], [g], temperature) => [binaryVjp(u, 6, g, { temperature })],
    argmax: ([u]) => [u.map((v) => (v > 0 ? 1 : 0))],
    cold: 1e-4,
  },
  kSubsetCase('ef-entropy'),
  kSubsetCase('euclidean'),
  kSubsetCase('categorical-entropy'),
  kSubsetCase('binary-entropy'),
  {
    name: 'correlated k-subset',
    shapes: [
      [BATCH, 8],
      [BATCH, 7],
    ],
    relaxed: ([w, p], temperature) => {
      const out = relaxedCorrelatedKSubset(w, p, { k: 3, temperature });
      return [out.word, out.pair];
    },
    hard: ([w, p]) => {
      const out = hardCorrelatedKSubset(w, p, { k: 3 });
      return [out.word, out.pair];
    },
    forward: ([w, p], temperature) => {
      const mu = correlatedKSubsetMarginals(w, p, 8, 3, { temperature });
      return [mu.word, mu.pair];
    },
    vjp: ([w, p], [gw, gp], temperature) => {
      const v = correlatedKSubsetVjp(w, p, 8, 3, gw, gp, { temperature });
      return [v.word, v.pair];
    },
    argmax: ([w, p]) => {
      const x = correlatedKSubsetArgmax(w, p, 8, 3);
      return [x.word, x.pair];
    },
    cold: 1e-3,
  },
  treeCase(),
  treeCase(1.5),
  arborescenceCase('multi'),
  arborescenceCase('single'),
  arborescenceCase('multi', [5, 3, 4]),
  {
    name: 'permutation',
    shapes: [[BATCH, PERMUTATION_N * PERMUTATION_N]],
    relaxed: (u, temperature) => [
      relaxedPermutation(u[0], { n: PERMUTATION_N, temperature, ...SINKHORN }),
    ],
    hard: single((u) => hardPermutation(u, { n: PERMUTATION_N })),
    forward: ([u], temperature) => [
      sinkhorn(u, PERMUTATION_N, { temperature, ...SINKHORN }).marginals,
    ],
    vjp: ([u], [g], temperature) => [
      sinkhornVjp(u, PERMUTATION_N, g, { temperature, ...SINKHORN }),
    ],
    argmax: ([u]) => [hungarianArgmax(u, PERMUTATION_N)],
    // Sinkhorn's convergence rate tends to 1 as t → 0 and it stops at maxIterations before
    // reaching the fixed point at t = 1e-2 (0.006 away from the permutation on these utilities).
    cold: 1e-2,
    coldGap: 1e-2,
  },
];

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Random float32 utilities (as tensors and as their exact float64 values). */
function utilities(c: Case, seed: number) {
  const data = c.shapes.map(
    (s, i) => new Float64Array(new Float32Array(randomScores(size(s), seed + i, c.scale ?? 1))),
  );
  return { data, tensors: data.map((d, i) => tf.tensor(new Float32Array(d), c.shapes[i])) };
}

/** max |a − b| / max |b| (b the reference), 0 when both are 0. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

const read = (t: tf.Tensor) => t.dataSync() as Float32Array;

describeEachBackend('relaxation ops', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it('forward equals the float64 solver output cast to float32', () => {
        const { data, tensors } = utilities(c, 11);
        const out = c.relaxed(tensors, 0.7);
        const expected = c.forward(data, 0.7);
        out.forEach((t, i) => {
          expect(t.shape).toEqual(c.shapes[i]);
          expect(Array.from(read(t))).toEqual(Array.from(new Float32Array(expected[i])));
        });
        tf.dispose([...out, ...tensors]);
      });

      it('tf.grads through the op equals the float64 VJP for a random cotangent', () => {
        const { data, tensors } = utilities(c, 23);
        const g = c.shapes.map(
          (s, i) => new Float64Array(new Float32Array(randomScores(size(s), 99 + i))),
        );
        const gTensors = g.map((d, i) => tf.tensor(new Float32Array(d), c.shapes[i]));
        const loss = (...u: tf.Tensor[]) =>
          tf.addN(c.relaxed(u, 0.7).map((x, i) => tf.sum(tf.mul(x, gTensors[i]))));
        const grads = tf.grads(loss)(tensors);
        const expected = c.vjp(data, g, 0.7);
        grads.forEach((grad, i) => {
          expect(grad.shape).toEqual(c.shapes[i]);
          expect(relativeError(read(grad), expected[i])).toBeLessThan(1e-4);
        });
        tf.dispose([...grads, ...gTensors, ...tensors]);
      });

      it('the hard op equals the float64 argmax', () => {
        const { data, tensors } = utilities(c, 37);
        const out = c.hard(tensors);
        const expected = c.argmax(data);
        out.forEach((t, i) => {
          expect(Array.from(read(t))).toEqual(Array.from(expected[i]));
        });
        tf.dispose([...out, ...tensors]);
      });

      // With maxRange the clip acts on U/t, so X_t does not tend to the hard tree as t → 0: the
      // law only holds for the other cases (maxRange's own tests live with its options).
      const cold = c.cold;
      if (cold !== null)
        it('the relaxed sample tends to the hard sample as t → 0', () => {
          const { tensors } = utilities(c, 41);
          const hard = c.hard(tensors);
          const gaps = [1, 0.1, cold].map((t) => {
            const relaxed = c.relaxed(tensors, t);
            const gap = Math.max(...relaxed.map((x, i) => maxAbsDiff(read(x), read(hard[i]))));
            tf.dispose(relaxed);
            return gap;
          });
          expect(gaps[2]).toBeLessThan(c.coldGap ?? 1e-3);
          expect(gaps[2]).toBeLessThanOrEqual(gaps[0]);
          tf.dispose([...hard, ...tensors]);
        });

      it('leaves no tensors behind after tf.tidy, gradient included', () => {
        const { tensors } = utilities(c, 53);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const loss = (...u: tf.Tensor[]) =>
            tf.addN(c.relaxed(u, 0.5).map((x) => tf.sum(tf.square(x))));
          const { value, grads } = tf.valueAndGrads(loss)(tensors);
          c.hard(tensors);
          expect(grads.length).toBe(tensors.length);
          expect(Number.isFinite(value.dataSync()[0])).toBe(true);
        });
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose(tensors);
      });

      it('rejects a temperature ≤ 0 and NaN utilities, naming them', () => {
        const { tensors } = utilities(c, 61);
        expect(() => c.relaxed(tensors, 0)).toThrow(RangeError);
        expect(() => c.relaxed(tensors, 0)).toThrow(/temperature/);
        expect(() => c.relaxed(tensors, -1)).toThrow(/temperature must be finite and > 0, got -1/);
        const bad = tensors.map((t) =>
          tf.where(tf.equal(tf.range(0, t.size).reshape(t.shape), 2), tf.scalar(Number.NaN), t),
        );
        const before = tf.memory().numTensors;
        expect(() => c.relaxed(bad, 0.5)).toThrow(RangeError);
        expect(() => c.relaxed(bad, 0.5)).toThrow(/(utilities|word)\[0\]\[2\] = NaN/);
        expect(() => c.hard(bad)).toThrow(/must be finite/);
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([...tensors, ...bad]);
      });
    });
  }

  describe('shapes and options', () => {
    const u = (shape: number[], seed = 5) =>
      tf.tensor(new Float32Array(randomScores(size(shape), seed)), shape);

    it('rejects a wrong last dimension for n, naming the utilities and n', () => {
      const x = u([2, 9]);
      expect(() => relaxedSpanningTree(x, { n: 5, temperature: 1 })).toThrow(RangeError);
      expect(() => relaxedSpanningTree(x, { n: 5, temperature: 1 })).toThrow(
        /utilities must have 10 entries per item \(n\(n−1\)\/2 for n = 5\), got 9/,
      );
      expect(() => hardArborescence(x, { n: 4 })).toThrow(/n·n for n = 4/);
      expect(() => relaxedPermutation(x, { n: 3, temperature: 1 })).not.toThrow();
      x.dispose();
    });

    it('rejects a wrong rank', () => {
      const x = tf.tensor1d([0.1, 0.2, 0.3]);
      expect(() => relaxedOneHot(x, { temperature: 1 })).toThrow(RangeError);
      expect(() => relaxedOneHot(x, { temperature: 1 })).toThrow(/utilities must have rank 2/);
      const cube = u([2, 3, 4]);
      expect(() => relaxedKSubset(cube, { k: 1, temperature: 1 })).toThrow(/rank 2/);
      expect(() => relaxedPermutation(cube, { n: 3, temperature: 1 })).toThrow(/\[batch, n, n\]/);
      tf.dispose([x, cube]);
    });

    it('accepts [batch, n, n] for square structures and keeps the shape', () => {
      const flat = u([2, 16], 7);
      const square = flat.reshape([2, 4, 4]);
      const a = relaxedPermutation(square, { n: 4, temperature: 0.5 });
      const b = relaxedPermutation(flat, { n: 4, temperature: 0.5 });
      expect(a.shape).toEqual([2, 4, 4]);
      expect(Array.from(read(a))).toEqual(Array.from(read(b)));
      const g = tf.grad((x: tf.Tensor) =>
        tf.sum(tf.square(relaxedArborescence(x, { n: 4, temperature: 1 }))),
      )(square);
      expect(g.shape).toEqual([2, 4, 4]);
      tf.dispose([flat, square, a, b, g]);
    });

    it('rejects k out of range, unknown regularizers and bad structure options', () => {
      const x = u([2, 6]);
      expect(() => relaxedKSubset(x, { k: 7, temperature: 1 })).toThrow(RangeError);
      expect(() => relaxedKSubset(x, { k: 7, temperature: 1 })).toThrow(/k must be in 0\.\.6/);
      expect(() => hardKSubset(x, { k: -1 })).toThrow(/k must be in/);
      expect(() => hardKSubset(x, { k: 1.5 })).toThrow(TypeError);
      const regularizer = 'entropy' as 'euclidean';
      expect(() => relaxedKSubset(x, { k: 2, temperature: 1, regularizer })).toThrow(RangeError);
      expect(() => relaxedKSubset(x, { k: 2, temperature: 1, regularizer })).toThrow(
        /regularizer must be one of .*"binary-entropy", got "entropy"/,
      );
      expect(() =>
        relaxedOneHot(x, { temperature: 1, regularizer: 'softmax' as 'sparsemax' }),
      ).toThrow(/regularizer/);
      expect(() => relaxedSpanningTree(x, { n: 4, temperature: 1, maxRange: 0 })).toThrow(
        /maxRange/,
      );
      expect(() => hardSpanningTree(x, { n: 1 })).toThrow(/n must be in 2\.\./);
      const arcs = u([2, 9]);
      expect(() =>
        relaxedArborescence(arcs, { n: 3, temperature: 1, rootMode: 'one' as 'single' }),
      ).toThrow(/rootMode/);
      expect(() => hardArborescence(arcs, { n: 3, lengths: [3] })).toThrow(
        /lengths must have one entry per batch item/,
      );
      expect(() => hardArborescence(arcs, { n: 3, lengths: [3, 4] })).toThrow(
        /lengths\[1\] must be in 2\.\.3/,
      );
      expect(() => relaxedPermutation(arcs, { n: 3, temperature: 1, tolerance: -1 })).toThrow(
        /tolerance/,
      );
      expect(() => relaxedPermutation(arcs, { n: 3, temperature: 1, maxIterations: 0 })).toThrow(
        /maxIterations/,
      );
      const word = u([2, 5]);
      const pair = u([2, 5]);
      expect(() => relaxedCorrelatedKSubset(word, pair, { k: 2, temperature: 1 })).toThrow(
        /pair must have 4 entries per item/,
      );
      expect(() => relaxedCorrelatedKSubset(word, u([3, 4]), { k: 2, temperature: 1 })).toThrow(
        /pair must have batch size 2 \(that of word\), got 3/,
      );
      expect(() =>
        relaxedCorrelatedKSubset(tf.zeros([2, 0]), tf.zeros([2, 0]), { k: 0, temperature: 1 }),
      ).toThrow(/relaxedCorrelatedKSubset: word must hold at least one word per item, got 0/);
      expect(() => relaxedOneHot(x, undefined as unknown as { temperature: number })).toThrow(
        TypeError,
      );
      expect(() => relaxedOneHot(x, { temperature: '1' as unknown as number })).toThrow(TypeError);
      expect(() =>
        relaxedOneHot(tf.tensor2d([[1, 2]], [1, 2], 'int32'), { temperature: 1 }),
      ).toThrow(/float32/);
      tf.dispose([x, arcs, word, pair]);
    });

    it('propagates a NaN cotangent as NaN gradients of that item only', () => {
      const x = u([2, 6]);
      const dy = tf.tensor2d([
        [1, 2, 3, 4, 5, 6],
        [1, Number.NaN, 0, 0, 0, 0],
      ]);
      const g = tf.grads((v: tf.Tensor) =>
        tf.sum(tf.mul(relaxedKSubset(v, { k: 2, temperature: 1 }), dy)),
      )([x])[0];
      const values = Array.from(read(g));
      expect(values.slice(0, 6).every(Number.isFinite)).toBe(true);
      expect(values.slice(6).every(Number.isNaN)).toBe(true);
      tf.dispose([x, dy, g]);
    });
  });

  describe('straightThrough', () => {
    it('forwards hard exactly and passes the whole gradient to relaxed', () => {
      const theta = tf.tensor2d([[0.3, -1.2, 2.0, 0.5, -0.1, 1.1]]);
      const hard = hardKSubset(theta, { k: 3 });
      const st = straightThrough(hard, relaxedKSubset(theta, { k: 3, temperature: 0.5 }));
      expect(Array.from(read(st))).toEqual(Array.from(read(hard)));
      const w = tf.tensor2d([[1, -2, 0.5, 3, 0, 1]]);
      const viaSt = tf.grad((t: tf.Tensor) =>
        tf.sum(
          tf.mul(
            straightThrough(
              hardKSubset(t, { k: 3 }),
              relaxedKSubset(t, { k: 3, temperature: 0.5 }),
            ),
            w,
          ),
        ),
      )(theta);
      const viaRelaxed = tf.grad((t: tf.Tensor) =>
        tf.sum(tf.mul(relaxedKSubset(t, { k: 3, temperature: 0.5 }), w)),
      )(theta);
      expect(Array.from(read(viaSt))).toEqual(Array.from(read(viaRelaxed)));
      expect(() => straightThrough(hard, w.reshape([6, 1]))).toThrow(/same shape/);
      tf.dispose([theta, hard, st, w, viaSt, viaRelaxed]);
    });
  });
});
