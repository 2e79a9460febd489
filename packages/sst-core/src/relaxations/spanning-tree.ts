// Spanning trees of K_n: Kruskal (hard, max) and the matrix-tree marginals (E.F. entropy).
// Utilities hold the n(n−1)/2 edge weights in (i<j) row-major order.
import { kruskalArgmax, MAX_TREE_NODES, spanningTreeForward } from '@sst-tricks/sst-solvers';
import type * as tf from '@tensorflow/tfjs-core';
import { checkInteger, checkOptionsObject, checkPositive, checkTemperature } from './options.js';
import type { Structure } from './structure.js';
import { runHard, runRelaxed } from './structure.js';

export interface HardSpanningTreeOptions {
  /** Number of nodes (≥ 2); utilities have n(n−1)/2 entries per item. */
  n: number;
}

export interface RelaxedSpanningTreeOptions extends HardSpanningTreeOptions {
  /** > 0; the relaxation is evaluated at U / temperature. */
  temperature: number;
  /**
   * Clip U/t below at max(U/t) − maxRange before the matrix-tree theorem (> 0; default
   * Infinity, no clipping). Clipping is part of the function: clipped entries get no gradient
   * of their own; it flows to the maximum.
   */
  maxRange?: number;
}

interface Resolved {
  n: number;
  temperature: number;
  maxRange: number;
}

export const spanningTree: Structure<Resolved> = {
  relaxedName: 'relaxedSpanningTree',
  hardName: 'hardSpanningTree',
  operands: ['utilities'],
  square: false,
  resolve(op, options, relaxed) {
    const opts = checkOptionsObject(op, options, true);
    const n = checkInteger(op, 'n', opts.n, 2, MAX_TREE_NODES);
    if (!relaxed) return { n, temperature: 1, maxRange: Number.POSITIVE_INFINITY };
    return {
      n,
      temperature: checkTemperature(op, opts.temperature),
      maxRange: checkPositive(op, 'maxRange', opts.maxRange, Number.POSITIVE_INFINITY, true),
    };
  },
  sizes: (_op, o) => [{ size: (o.n * (o.n - 1)) / 2, label: `n(n−1)/2 for n = ${o.n}` }],
  hard: ([u], o) => [kruskalArgmax(u, o.n)],
  relax([u], o) {
    // The forward keeps each item's inverse Laplacian, so the backward is two matrix products
    // rather than a second factorisation (the op learns dy only after its forward).
    const forward = spanningTreeForward(u, o.n, {
      temperature: o.temperature,
      maxRange: o.maxRange,
    });
    return { outputs: [forward.marginals], vjp: ([g]) => [forward.vjp(g)] };
  },
};

/** Relaxed spanning tree (edge marginals at U/t) of u [batch, n(n−1)/2]; differentiable. */
export function relaxedSpanningTree(u: tf.Tensor, options: RelaxedSpanningTreeOptions): tf.Tensor {
  return runRelaxed(spanningTree, [u], options)[0];
}

/** Maximum spanning tree (Kruskal) of u [batch, n(n−1)/2], as float32 0/1 edge indicators. */
export function hardSpanningTree(u: tf.Tensor, options: HardSpanningTreeOptions): tf.Tensor {
  return runHard(spanningTree, [u], options)[0];
}
