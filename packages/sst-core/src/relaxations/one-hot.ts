// One-hot choices over m items: argmax (Gumbel-max) and softmax (Gumbel-softmax, E.F. entropy) or
// sparsemax (Euclidean regulariser) relaxations. m is the utilities' last dimension.
import {
  oneHotArgmax,
  oneHotMarginals,
  oneHotVjp,
  sparsemax,
  sparsemaxVjp,
} from '@sst-tricks/sst-solvers';
import type * as tf from '@tensorflow/tfjs-core';
import { checkChoice, checkOptionsObject, checkTemperature } from './options.js';
import type { Structure } from './structure.js';
import { runHard, runRelaxed } from './structure.js';

export type OneHotRegularizer = 'ef-entropy' | 'sparsemax';
export const ONE_HOT_REGULARIZERS: readonly OneHotRegularizer[] = ['ef-entropy', 'sparsemax'];

export interface RelaxedOneHotOptions {
  /** > 0; the relaxation is evaluated at U / temperature. */
  temperature: number;
  /** 'ef-entropy' (softmax, default) or 'sparsemax'. */
  regularizer?: OneHotRegularizer;
}

/** The relaxation's options minus temperature; none of them changes the argmax. */
export type HardOneHotOptions = Omit<RelaxedOneHotOptions, 'temperature'>;

interface Resolved {
  temperature: number;
  regularizer: OneHotRegularizer;
}

export const oneHot: Structure<Resolved> = {
  relaxedName: 'relaxedOneHot',
  hardName: 'hardOneHot',
  operands: ['utilities'],
  square: false,
  resolve(op, options, relaxed) {
    const opts = checkOptionsObject(op, options, relaxed);
    if (!relaxed) return { temperature: 1, regularizer: 'ef-entropy' };
    const regularizer = checkChoice(
      op,
      'regularizer',
      opts.regularizer,
      ONE_HOT_REGULARIZERS,
      'ef-entropy',
    );
    return { temperature: checkTemperature(op, opts.temperature), regularizer };
  },
  sizes: (_op, _o, m) => [{ size: m, label: 'm' }],
  hard: ([u], _o, [m]) => [oneHotArgmax(u, m)],
  relax([u], o, [m]) {
    const opts = { temperature: o.temperature };
    if (o.regularizer === 'sparsemax') {
      return { outputs: [sparsemax(u, m, opts)], vjp: ([g]) => [sparsemaxVjp(u, m, g, opts)] };
    }
    return {
      outputs: [oneHotMarginals(u, m, opts).marginals],
      vjp: ([g]) => [oneHotVjp(u, m, g, opts)],
    };
  },
};

/** Relaxed one-hot sample X_t(U) of utilities u [batch, m]; differentiable with the exact VJP. */
export function relaxedOneHot(u: tf.Tensor, options: RelaxedOneHotOptions): tf.Tensor {
  return runRelaxed(oneHot, [u], options)[0];
}

/** One-hot argmax of utilities u [batch, m] (lowest index on ties), as float32 0/1. */
export function hardOneHot(u: tf.Tensor, options?: HardOneHotOptions): tf.Tensor {
  return runHard(oneHot, [u], options)[0];
}
