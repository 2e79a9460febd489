// k-subsets of m items (m = the utilities' last dimension): top-k (hard) and four relaxations —
// the E.F. entropy (the exact marginals, by a DP) and the Euclidean, categorical-entropy and
// binary-entropy regularisers (threshold solutions).
import {
  kSubsetMarginals,
  kSubsetRegularized,
  kSubsetRegularizedVjp,
  kSubsetVjp,
  topKArgmax,
} from '@sst-tricks/sst-solvers';
import type * as tf from '@tensorflow/tfjs-core';
import { checkChoice, checkInteger, checkOptionsObject, checkTemperature } from './options.js';
import type { Structure } from './structure.js';
import { runHard, runRelaxed } from './structure.js';

export type KSubsetRegularizerName =
  | 'ef-entropy'
  | 'euclidean'
  | 'categorical-entropy'
  | 'binary-entropy';
export const K_SUBSET_REGULARIZER_NAMES: readonly KSubsetRegularizerName[] = [
  'ef-entropy',
  'euclidean',
  'categorical-entropy',
  'binary-entropy',
];

export interface HardKSubsetOptions {
  /** Subset size, 0..m. */
  k: number;
}

export interface RelaxedKSubsetOptions extends HardKSubsetOptions {
  /** > 0; the relaxation is evaluated at U / temperature. */
  temperature: number;
  /** Default 'ef-entropy' (the marginals of p(x) ∝ exp(⟨U/t, x⟩) over k-subsets). */
  regularizer?: KSubsetRegularizerName;
}

interface Resolved {
  k: number;
  temperature: number;
  regularizer: KSubsetRegularizerName;
}

/** k must fit m, which is only known from the tensor: checked when the sizes are. */
export function checkKFitsM(op: string, k: number, m: number, what: string): void {
  if (k > m) throw new RangeError(`${op}: k must be in 0..${m} (m = ${what}), got ${k}`);
}

export const kSubset: Structure<Resolved> = {
  relaxedName: 'relaxedKSubset',
  hardName: 'hardKSubset',
  operands: ['utilities'],
  square: false,
  resolve(op, options, relaxed) {
    const opts = checkOptionsObject(op, options, true);
    const k = checkInteger(op, 'k', opts.k, 0, Number.MAX_SAFE_INTEGER);
    if (!relaxed) return { k, temperature: 1, regularizer: 'ef-entropy' };
    const regularizer = checkChoice(
      op,
      'regularizer',
      opts.regularizer,
      K_SUBSET_REGULARIZER_NAMES,
      'ef-entropy',
    );
    return { k, temperature: checkTemperature(op, opts.temperature), regularizer };
  },
  sizes(op, o, m) {
    checkKFitsM(op, o.k, m, 'the last dimension of utilities');
    return [{ size: m, label: 'm' }];
  },
  hard: ([u], o, [m]) => [topKArgmax(u, m, o.k)],
  relax([u], o, [m]) {
    const opts = { temperature: o.temperature };
    const { k, regularizer } = o;
    if (regularizer === 'ef-entropy') {
      return {
        outputs: [kSubsetMarginals(u, m, k, opts).marginals],
        vjp: ([g]) => [kSubsetVjp(u, m, k, g, opts)],
      };
    }
    return {
      outputs: [kSubsetRegularized(u, m, k, regularizer, opts)],
      vjp: ([g]) => [kSubsetRegularizedVjp(u, m, k, regularizer, g, opts)],
    };
  },
};

/** Relaxed k-subset X_t(U) of utilities u [batch, m]; differentiable with the exact VJP. */
export function relaxedKSubset(u: tf.Tensor, options: RelaxedKSubsetOptions): tf.Tensor {
  return runRelaxed(kSubset, [u], options)[0];
}

/** Top-k of utilities u [batch, m] as a float32 0/1 mask (ties → lower indices). */
export function hardKSubset(u: tf.Tensor, options: HardKSubsetOptions): tf.Tensor {
  return runHard(kSubset, [u], options)[0];
}
