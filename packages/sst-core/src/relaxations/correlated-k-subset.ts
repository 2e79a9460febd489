// Correlated k-subsets of a sequence (DESIGN §3.2, the chain form is ours):
// p(x) ∝ exp(Σ W_i x_i + Σ V_i x_i x_{i+1}) over x ∈ {0,1}^m with Σx = k. Operands are the word
// utilities W [batch, m] and adjacent-pair utilities V [batch, m − 1]; outputs are the word and
// pair marginals (relaxed) or the Viterbi selection and its adjacent pairs (hard).
import {
  correlatedKSubsetArgmax,
  correlatedKSubsetMarginals,
  correlatedKSubsetVjp,
} from '@sst-tricks/sst-solvers';
import type * as tf from '@tensorflow/tfjs-core';
import { checkKFitsM } from './k-subset.js';
import { checkInteger, checkOptionsObject, checkTemperature } from './options.js';
import type { Structure } from './structure.js';
import { runHard, runRelaxed } from './structure.js';

export interface HardCorrelatedKSubsetOptions {
  /** Number of selected words, 0..m. */
  k: number;
}

export interface RelaxedCorrelatedKSubsetOptions extends HardCorrelatedKSubsetOptions {
  /** > 0; the relaxation is evaluated at (W, V) / temperature. */
  temperature: number;
}

/** Word and adjacent-pair tensors of a correlated k-subset ([batch, m] and [batch, m − 1]). */
export interface WordPair {
  word: tf.Tensor;
  pair: tf.Tensor;
}

interface Resolved {
  k: number;
  temperature: number;
}

export const correlatedKSubset: Structure<Resolved> = {
  relaxedName: 'relaxedCorrelatedKSubset',
  hardName: 'hardCorrelatedKSubset',
  operands: ['word', 'pair'],
  square: false,
  resolve(op, options, relaxed) {
    const opts = checkOptionsObject(op, options, true);
    const k = checkInteger(op, 'k', opts.k, 0, Number.MAX_SAFE_INTEGER);
    return { k, temperature: relaxed ? checkTemperature(op, opts.temperature) : 1 };
  },
  sizes(op, o, m) {
    if (m < 1) throw new RangeError(`${op}: word must hold at least one word per item, got ${m}`);
    checkKFitsM(op, o.k, m, 'the last dimension of word');
    return [
      { size: m, label: 'm' },
      { size: m - 1, label: `m − 1 for m = ${m}, the last dimension of word` },
    ];
  },
  hard([w, p], o, [m]) {
    const x = correlatedKSubsetArgmax(w, p, m, o.k);
    return [x.word, x.pair];
  },
  relax([w, p], o, [m]) {
    const opts = { temperature: o.temperature };
    const mu = correlatedKSubsetMarginals(w, p, m, o.k, opts);
    return {
      outputs: [mu.word, mu.pair],
      vjp([gw, gp]) {
        const v = correlatedKSubsetVjp(w, p, m, o.k, gw, gp, opts);
        return [v.word, v.pair];
      },
    };
  },
};

/** Relaxed correlated k-subset (word and pair marginals at (W, V)/t); one differentiable op. */
export function relaxedCorrelatedKSubset(
  word: tf.Tensor,
  pair: tf.Tensor,
  options: RelaxedCorrelatedKSubsetOptions,
): WordPair {
  const [w, p] = runRelaxed(correlatedKSubset, [word, pair], options);
  return { word: w, pair: p };
}

/** The best chain selection with k words (Viterbi with a count) and its adjacent pairs, 0/1. */
export function hardCorrelatedKSubset(
  word: tf.Tensor,
  pair: tf.Tensor,
  options: HardCorrelatedKSubsetOptions,
): WordPair {
  const [w, p] = runHard(correlatedKSubset, [word, pair], options);
  return { word: w, pair: p };
}
