// Permutations of n: Hungarian (hard, max) and Gumbel-Sinkhorn (entropy relaxation). Utilities
// are n×n: [batch, n·n] or [batch, n, n]. The VJP reuses the forward's Sinkhorn output
// (implicit differentiation of the fixed point), so the backward pass runs no sweeps.
import { hungarianArgmax, sinkhorn, sinkhornVjpFromMarginals } from '@sst-tricks/sst-solvers';
import type * as tf from '@tensorflow/tfjs-core';
import { checkInteger, checkOptionsObject, checkPositive, checkTemperature } from './options.js';
import type { Structure } from './structure.js';
import { runHard, runRelaxed } from './structure.js';

/** Largest n whose n² entries per item stay a valid typed-array length. */
const MAX_NODES = 46340;

export interface HardPermutationOptions {
  /** Size of the permutation (≥ 1); utilities have n·n entries per item. */
  n: number;
}

export interface RelaxedPermutationOptions extends HardPermutationOptions {
  /** > 0; Sinkhorn runs on U / temperature. */
  temperature: number;
  /** Stop once every row and column sum is within this of 1 (> 0, default 1e-9). */
  tolerance?: number;
  /** Cap on the Sinkhorn sweeps (integer ≥ 1, default 1000). */
  maxIterations?: number;
}

interface Resolved {
  n: number;
  temperature: number;
  tolerance: number;
  maxIterations: number;
}

export const permutation: Structure<Resolved> = {
  relaxedName: 'relaxedPermutation',
  hardName: 'hardPermutation',
  operands: ['utilities'],
  square: true,
  resolve(op, options, relaxed) {
    const opts = checkOptionsObject(op, options, true);
    const n = checkInteger(op, 'n', opts.n, 1, MAX_NODES);
    if (!relaxed) return { n, temperature: 1, tolerance: 1e-9, maxIterations: 1000 };
    const maxIterations =
      opts.maxIterations === undefined
        ? 1000
        : checkInteger(op, 'maxIterations', opts.maxIterations, 1, Number.MAX_SAFE_INTEGER);
    return {
      n,
      temperature: checkTemperature(op, opts.temperature),
      tolerance: checkPositive(op, 'tolerance', opts.tolerance, 1e-9, false),
      maxIterations,
    };
  },
  sizes: (_op, o) => [{ size: o.n * o.n, label: `n·n for n = ${o.n}` }],
  hard: ([u], o) => [hungarianArgmax(u, o.n)],
  relax([u], o) {
    const { n, temperature, tolerance, maxIterations } = o;
    const { marginals } = sinkhorn(u, n, { temperature, tolerance, maxIterations });
    return {
      outputs: [marginals],
      vjp: ([g]) => [sinkhornVjpFromMarginals(marginals, n, g, { temperature })],
    };
  },
};

/** Gumbel-Sinkhorn relaxation of u [batch, n·n] or [batch, n, n]; differentiable. */
export function relaxedPermutation(u: tf.Tensor, options: RelaxedPermutationOptions): tf.Tensor {
  return runRelaxed(permutation, [u], options)[0];
}

/** Maximum-weight permutation (Hungarian) of u, as a float32 0/1 permutation matrix. */
export function hardPermutation(u: tf.Tensor, options: HardPermutationOptions): tf.Tensor {
  return runHard(permutation, [u], options)[0];
}
