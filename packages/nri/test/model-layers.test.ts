// Relation routing and the encoder's node-permutation law (the generic layers' tests live in
// @sst-tricks/nn).
import { ParameterSet } from '@sst-tricks/nn';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { Encoder, Relations, toNodeRows, undirectedIndex } from '../src/index.js';

// As sst-core's test/backends.ts: each case once per backend; SST_TEST_BACKENDS narrows.

describeEachBackend('relations', () => {
  it('routes sender and receiver features in node-major rows', () => {
    const n = 3;
    const b = 2;
    const r = new Relations(n);
    // feature of (node i, item j) = 10 i + j
    const x = tf.tensor2d(
      Array.from({ length: n * b }, (_, row) => 10 * Math.floor(row / b) + (row % b)),
      [n * b, 1],
    );
    const edges = r.nodeToEdge(x).arraySync();
    // edge d = (receiver i, sender j) in receiver-major order: (0,1) (0,2) (1,0) (1,2) (2,0) (2,1)
    const pairs = [
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 2],
      [2, 0],
      [2, 1],
    ];
    pairs.forEach(([i, j], d) => {
      for (let item = 0; item < b; item++)
        expect(edges[d * b + item]).toEqual([10 * j + item, 10 * i + item]);
    });
    const mean = r
      .edgeToNode(tf.slice(r.nodeToEdge(x), [0, 0], [-1, 1]) as tf.Tensor2D)
      .arraySync();
    // mean over incoming edges of the sender's feature = mean of the other nodes
    expect(mean[0][0]).toBeCloseTo((10 + 20) / 2, 5);
    expect(undirectedIndex(1, 2, n)).toBe(2);
    r.dispose();
  });

  it('sumToEdges(x·W_s, x·W_r) is nodeToEdge(x)·[W_s; W_r], gradients included', () => {
    const n = 4;
    const b = 3;
    const f = 5;
    const r = new Relations(n);
    const g = new RandomGenerator(9);
    const random = (shape: [number, number]) =>
      tf.tensor2d(
        Float32Array.from(g.uniforms(shape[0] * shape[1]), (u) => 2 * u - 1),
        shape,
      );
    const x = random([n * b, f]);
    const w = random([2 * f, 6]);
    const dy = random([n * (n - 1) * b, 6]);
    const routed = (x: tf.Tensor, w: tf.Tensor) => {
      const [ws, wr] = tf.split(w as tf.Tensor2D, 2, 0) as tf.Tensor2D[];
      return r.sumToEdges(tf.matMul(x as tf.Tensor2D, ws), tf.matMul(x as tf.Tensor2D, wr));
    };
    // The oracle: the edge rows built first, then one tfjs matMul.
    const direct = (x: tf.Tensor, w: tf.Tensor) =>
      tf.matMul(r.nodeToEdge(x as tf.Tensor2D), w as tf.Tensor2D);
    const close = (a: tf.Tensor, c: tf.Tensor) => {
      const [u, v] = [a.dataSync(), c.dataSync()];
      expect(a.shape).toEqual(c.shape);
      for (let i = 0; i < u.length; i++) expect(Math.abs(u[i] - v[i])).toBeLessThan(1e-5);
    };
    close(routed(x, w), direct(x, w));
    const loss = (fn: typeof direct) => (x: tf.Tensor, w: tf.Tensor) =>
      tf.sum(tf.mul(fn(x, w), dy));
    const got = tf.grads(loss(routed))([x, w]);
    const want = tf.grads(loss(direct))([x, w]);
    for (const [i, t] of got.entries()) close(t, want[i]);
    expect(() => r.sumToEdges(x, random([n * b, f + 1]))).toThrow(
      /sumToEdges: both inputs must have one shape, got \[12,5\] and \[12,6\]/,
    );
    r.dispose();
  });
});

describeEachBackend('encoder', () => {
  const n = 5;
  const t = 4;
  const b = 3;
  it('gives [B, U] undirected and [E·B, 2] directed logits; permuting nodes permutes them', () => {
    const traj = new Float32Array(b * t * n * 2);
    const g = new RandomGenerator(3);
    traj.set(g.uniforms(traj.length).map((u) => 2 * u - 1));
    const perm = [2, 0, 4, 1, 3]; // new node p holds old node perm[p]
    const permuted = new Float32Array(traj.length);
    for (let s = 0; s < b * t; s++)
      for (let p = 0; p < n; p++)
        for (let k = 0; k < 2; k++) permuted[(s * n + p) * 2 + k] = traj[(s * n + perm[p]) * 2 + k];
    for (const output of ['undirected', 'directed'] as const) {
      const relations = new Relations(n);
      const encoder = new Encoder(new ParameterSet(new RandomGenerator(1)), relations, {
        inputs: t * 2,
        hidden: 16,
        output,
        edgeTypes: 2,
      });
      const run = (data: Float32Array, training = true) =>
        encoder.apply(
          tf.tensor2d(
            toNodeRows(data, { count: b, frames: t, nodes: n, features: 2 }).encoderInput,
            [n * b, t * 2],
          ),
          { training },
        );
      const a = run(traj);
      const c = run(permuted);
      const E = n * (n - 1);
      if (output === 'undirected') {
        expect(a.shape).toEqual([b, 10]);
        const av = a.arraySync();
        const cv = c.arraySync();
        for (let item = 0; item < b; item++)
          for (let p = 0; p < n; p++)
            for (let q = p + 1; q < n; q++)
              expect(cv[item][undirectedIndex(p, q, n)]).toBeCloseTo(
                av[item][undirectedIndex(perm[p], perm[q], n)],
                4,
              );
      } else {
        expect(a.shape).toEqual([E * b, 2]);
        const av = a.arraySync();
        const cv = c.arraySync();
        const di = (i: number, j: number) => i * (n - 1) + (j < i ? j : j - 1);
        for (let p = 0; p < n; p++)
          for (let q = 0; q < n; q++) {
            if (p === q) continue;
            for (let item = 0; item < b; item++) {
              const x = cv[di(p, q) * b + item];
              const y = av[di(perm[p], perm[q]) * b + item];
              expect(x[0]).toBeCloseTo(y[0], 4);
              expect(x[1]).toBeCloseTo(y[1], 4);
            }
          }
      }
      // Evaluation mode uses the running statistics, which the two passes above moved.
      const evalOut = run(traj, false);
      expect(Number.isFinite(evalOut.dataSync()[0])).toBe(true);
      relations.dispose();
    }
  });
});
