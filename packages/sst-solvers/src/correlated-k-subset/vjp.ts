// Exact VJP of the correlated k-subset marginals. The sufficient statistics are (x, x_i x_{i+1});
// the Jacobian of their means with respect to the natural parameters (a, b) is their covariance,
// which is symmetric, so (gWord, gPair)ᵀ ∂(μ, ν)/∂(a, b) = d/dε (μ, ν)((a, b) + ε(gWord, gPair)):
// one tangent sweep forward (dual.ts) and one dual adjoint sweep backward (backward.ts).
// With (a, b) = (word, pair)/t, the chain rule adds the factor 1/t.
import type { RelaxOptions } from '../validate.js';
import { resolveTemperature } from '../validate.js';
import { checkCorrelatedArgs, checkCotangents } from './args.js';
import { backwardChainMarginalsAndJvp } from './backward.js';
import { forwardChainTangents } from './dual.js';
import { fillTrivial, forwardChainItem } from './marginals.js';
import { createChainWorkspace } from './workspace.js';

export interface CorrelatedKSubsetMarginalsAndVjp {
  /** Word marginals P(x_i = 1), batch × m. */
  word: Float64Array;
  /** Pair marginals P(x_i = x_{i+1} = 1), batch × (m−1). */
  pair: Float64Array;
  /** log Z, one per batch item. */
  logZ: Float64Array;
  /** ∂(gWord·word + gPair·pair)/∂word (the word scores). */
  vjpWord: Float64Array;
  /** ∂(gWord·word + gPair·pair)/∂pair (the pair scores). */
  vjpPair: Float64Array;
}

/** Marginals, log Z and the exact VJP in one pass (the VJP computes the marginals on the way). */
export function correlatedKSubsetMarginalsAndVjp(
  word: Float64Array,
  pair: Float64Array,
  m: number,
  k: number,
  gWord: Float64Array,
  gPair: Float64Array,
  options?: RelaxOptions,
): CorrelatedKSubsetMarginalsAndVjp {
  const batch = checkCorrelatedArgs(word, pair, m, k);
  checkCotangents(gWord, gPair, word.length, pair.length);
  const t = resolveTemperature(options);
  const result: CorrelatedKSubsetMarginalsAndVjp = {
    word: new Float64Array(word.length),
    pair: new Float64Array(pair.length),
    logZ: new Float64Array(batch),
    vjpWord: new Float64Array(word.length),
    vjpPair: new Float64Array(pair.length),
  };
  // k = 0 and k = m have a single structure: the marginals are constant, so the VJP is 0.
  if (fillTrivial(word, pair, m, k, t, result.word, result.pair, result.logZ)) return result;
  const ws = createChainWorkspace(m, k, true);
  for (let b = 0; b < batch; b++) {
    result.logZ[b] = forwardChainItem(ws, word, pair, b, t);
    forwardChainTangents(ws, gWord, gPair, b);
    backwardChainMarginalsAndJvp(ws, result.word, result.pair, result.vjpWord, result.vjpPair, b);
  }
  for (let i = 0; i < result.vjpWord.length; i++) result.vjpWord[i] /= t;
  for (let i = 0; i < result.vjpPair.length; i++) result.vjpPair[i] /= t;
  return result;
}

/**
 * ∂(gWord·μ_word + gPair·μ_pair)/∂(word, pair) for the correlated k-subset marginals at
 * temperature t (exact, O(m·k) per item).
 */
export function correlatedKSubsetVjp(
  word: Float64Array,
  pair: Float64Array,
  m: number,
  k: number,
  gWord: Float64Array,
  gPair: Float64Array,
  options?: RelaxOptions,
): { word: Float64Array; pair: Float64Array } {
  const { vjpWord, vjpPair } = correlatedKSubsetMarginalsAndVjp(
    word,
    pair,
    m,
    k,
    gWord,
    gPair,
    options,
  );
  return { word: vjpWord, pair: vjpPair };
}
