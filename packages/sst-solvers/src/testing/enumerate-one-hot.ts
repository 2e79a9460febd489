// Brute-force oracle for one-hot structures: the m unit vectors, lowest index first.
import { assertFiniteArray } from '../validate.js';
import type { Enumeration } from './enumeration.js';
import { enumerateStatistics } from './enumeration.js';

function* unitVectors(m: number): Generator<Float64Array> {
  for (let i = 0; i < m; i++) {
    const x = new Float64Array(m);
    x[i] = 1;
    yield x;
  }
}

/** Exact statistics of p(x) ∝ exp(⟨scores, x⟩) over the one-hot vectors of length scores.length. */
export function enumerateOneHot(scores: Float64Array): Enumeration {
  assertFiniteArray('scores', scores);
  if (scores.length === 0) throw new RangeError('scores must hold at least 1 item, got 0');
  return enumerateStatistics(scores, unitVectors(scores.length));
}
