// Argument checks shared by the correlated k-subset entry points.
import { assertFiniteArray, assertIntInRange, batchCount } from '../validate.js';

/**
 * Validates word (batch × m), pair (batch × (m−1)), m and k; returns the batch size, which is
 * inferred from word (pair must match it).
 */
export function checkCorrelatedArgs(word: unknown, pair: unknown, m: unknown, k: unknown): number {
  assertFiniteArray('word', word);
  assertFiniteArray('pair', pair);
  assertIntInRange('m', m, 1, Number.MAX_SAFE_INTEGER);
  assertIntInRange('k', k, 0, m);
  const batch = batchCount('word', word.length, m);
  const pairs = batch * (m - 1);
  if (pair.length !== pairs) {
    throw new RangeError(
      `pair must have length batch·(m−1) = ${batch}·${m - 1} = ${pairs}, got ${pair.length}`,
    );
  }
  return batch;
}

/** Validates the cotangents gWord and gPair, which must match word and pair entry for entry. */
export function checkCotangents(
  gWord: unknown,
  gPair: unknown,
  wordLength: number,
  pairLength: number,
): void {
  assertFiniteArray('gWord', gWord);
  assertFiniteArray('gPair', gPair);
  if (gWord.length !== wordLength) {
    throw new RangeError(
      `gWord must have length ${wordLength} (that of word), got ${gWord.length}`,
    );
  }
  if (gPair.length !== pairLength) {
    throw new RangeError(
      `gPair must have length ${pairLength} (that of pair), got ${gPair.length}`,
    );
  }
}

/** Scaled score value/t, which must stay finite (finite inputs can still overflow for small t). */
export function scaledScore(
  name: 'word' | 'pair',
  values: Float64Array,
  at: number,
  t: number,
): number {
  const a = values[at] / t;
  if (!Number.isFinite(a)) {
    throw new RangeError(`${name} / temperature must stay finite, got ${name}[${at}] / t = ${a}`);
  }
  return a;
}

/** log Z when every word is taken (k = m): Σ word/t + Σ pair/t, which must not overflow. */
export function allTakenLogZ(
  word: Float64Array,
  pair: Float64Array,
  b: number,
  m: number,
  t: number,
): number {
  let s = 0;
  for (let i = b * m; i < (b + 1) * m; i++) s += scaledScore('word', word, i, t);
  for (let i = b * (m - 1); i < (b + 1) * (m - 1); i++) s += scaledScore('pair', pair, i, t);
  if (!Number.isFinite(s)) {
    throw new RangeError(
      `word / temperature and pair / temperature must have a finite sum, got ${s} ` +
        `for batch item ${b}`,
    );
  }
  return s;
}
