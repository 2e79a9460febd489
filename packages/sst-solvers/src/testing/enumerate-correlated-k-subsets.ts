// Brute-force oracle for correlated k-subsets of a sequence: every 0/1 mask x of length m with
// Σx = k, scored through the sufficient statistics [x, x_0 x_1, …, x_{m−2} x_{m−1}] against the
// scores [word, pair]. Masks come in lexicographic order of their sorted index tuples, so the first
// best mask found (the oracle's argmax on ties) is the lexicographically smallest index set — the
// same rule correlatedKSubsetArgmax documents.
import { assertFiniteArray, assertIntInRange } from '../validate.js';
import { enumerateStatistics } from './enumeration.js';

/** Largest m enumerated: C(12, 6) = 924 structures at most. */
const MAX_WORDS = 12;

/** Masks with `left` more ones among positions from..m−1, taking before skipping. */
function* masks(x: Float64Array, from: number, left: number): Generator<Float64Array> {
  const m = x.length;
  if (left === 0) {
    yield statistics(x);
    return;
  }
  if (m - from < left) return;
  x[from] = 1;
  yield* masks(x, from + 1, left - 1);
  x[from] = 0;
  yield* masks(x, from + 1, left);
}

/** [x, x_i x_{i+1}] for a mask x. */
function statistics(x: Float64Array): Float64Array {
  const m = x.length;
  const out = new Float64Array(2 * m - 1);
  out.set(x);
  for (let i = 0; i + 1 < m; i++) out[m + i] = x[i] * x[i + 1];
  return out;
}

export interface CorrelatedKSubsetEnumeration {
  /** log Σ_x exp(Σ word_i x_i + Σ pair_i x_i x_{i+1}) over masks with Σx = k. */
  logZ: number;
  /** P(x_i = 1), length m. */
  word: Float64Array;
  /** P(x_i = x_{i+1} = 1), length m − 1. */
  pair: Float64Array;
  /** The best mask (first found on ties) and its adjacent-pair indicators. */
  argmaxWord: Float64Array;
  argmaxPair: Float64Array;
  /** Its score. */
  maxScore: number;
  /** How many masks were enumerated: C(m, k). */
  count: number;
}

/**
 * Exact statistics of p(x) ∝ exp(Σ word_i x_i + Σ pair_i x_i x_{i+1}) over masks with exactly k
 * ones, for one item (1 ≤ m = word.length ≤ 12, pair.length = m − 1). Apply any temperature to the
 * scores before calling.
 */
export function enumerateCorrelatedKSubsets(
  word: Float64Array,
  pair: Float64Array,
  k: number,
): CorrelatedKSubsetEnumeration {
  assertFiniteArray('word', word);
  assertFiniteArray('pair', pair);
  const m = word.length;
  if (m < 1 || m > MAX_WORDS) {
    throw new RangeError(`word must hold 1..${MAX_WORDS} scores for enumeration, got ${m}`);
  }
  if (pair.length !== m - 1) {
    throw new RangeError(`pair must have length m−1 = ${m - 1}, got ${pair.length}`);
  }
  assertIntInRange('k', k, 0, m);
  const scores = new Float64Array(2 * m - 1);
  scores.set(word);
  scores.set(pair, m);
  const e = enumerateStatistics(scores, masks(new Float64Array(m), 0, k));
  return {
    logZ: e.logZ,
    word: e.marginals.slice(0, m),
    pair: e.marginals.slice(m),
    argmaxWord: e.argmax.slice(0, m),
    argmaxPair: e.argmax.slice(m),
    maxScore: e.maxScore,
    count: e.count,
  };
}
