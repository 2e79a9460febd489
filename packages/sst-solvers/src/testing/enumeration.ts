// Exact distribution statistics from an explicit list of structures: the brute-force oracle.
import { LOG_ZERO, logAddExp } from '../validate.js';

/** Exact statistics of p(x) ∝ exp(⟨scores, x⟩) over an enumerated set of 0/1 structures. */
export interface Enumeration {
  /** log Σ_x exp(⟨scores, x⟩). */
  logZ: number;
  /** E[x] under p. */
  marginals: Float64Array;
  /** The highest-scoring structure (first one found on ties). */
  argmax: Float64Array;
  /** Its score ⟨scores, argmax⟩. */
  maxScore: number;
  /** How many structures were enumerated. */
  count: number;
}

/** Computes log Z, marginals and argmax over `structures` (each a 0/1 vector of scores.length). */
export function enumerateStatistics(
  scores: Float64Array,
  structures: Iterable<Float64Array>,
): Enumeration {
  const d = scores.length;
  const list: Float64Array[] = [];
  const logWeights: number[] = [];
  let logZ = LOG_ZERO;
  let best = -Infinity;
  let argmax = new Float64Array(d);
  for (const x of structures) {
    let s = 0;
    for (let i = 0; i < d; i++) s += (scores[i] as number) * (x[i] as number);
    list.push(x);
    logWeights.push(s);
    logZ = logAddExp(logZ, s);
    if (s > best) {
      best = s;
      argmax = Float64Array.from(x);
    }
  }
  const marginals = new Float64Array(d);
  list.forEach((x, k) => {
    const p = Math.exp((logWeights[k] as number) - logZ);
    for (let i = 0; i < d; i++) marginals[i] = (marginals[i] as number) + p * (x[i] as number);
  });
  return { logZ, marginals, argmax, maxScore: best, count: list.length };
}
