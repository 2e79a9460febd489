// Independent binary structures: m bits per item, p(x) ∝ exp(⟨a, x⟩) over {0,1}^m with
// a = scores / t. The bits are independent, so the marginals are σ(a) and
// log Z = Σ_i log(1 + exp(a_i)) = Σ softplus(a_i); the Jacobian is diagonal.
import type { RelaxOptions } from '../validate.js';
import { assertFiniteArray, resolveTemperature } from '../validate.js';
import { checkCotangent, checkScores, scaledScores } from './args.js';

/**
 * The hard solver: 1 where score > 0, else 0. A score of exactly 0 (a tie between the bit's two
 * values) gives 0, like a strict comparison. Works on any flat buffer (no m needed: the bits are
 * independent).
 */
export function binaryArgmax(scores: Float64Array): Float64Array {
  assertFiniteArray('scores', scores);
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i] > 0 ? 1 : 0;
  return out;
}

/**
 * Marginals σ(scores/t) and logZ = Σ softplus(scores/t) per item (RangeError if log Z itself
 * exceeds float64). Both are evaluated from
 * e = exp(−|a|) ≤ 1: σ(a) = 1/(1+e) or e/(1+e), softplus(a) = max(a, 0) + log1p(e), so nothing
 * overflows and small values keep their relative precision.
 */
export function binaryMarginals(
  scores: Float64Array,
  m: number,
  options?: RelaxOptions,
): { marginals: Float64Array; logZ: Float64Array } {
  const batch = checkScores(scores, m);
  const a = scaledScores(scores, options);
  const marginals = new Float64Array(scores.length);
  const logZ = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    let sum = 0;
    for (let i = b * m; i < (b + 1) * m; i++) {
      const z = a[i];
      const e = Math.exp(-Math.abs(z));
      marginals[i] = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      sum += Math.max(z, 0) + Math.log1p(e);
    }
    // Only a true overflow gets here (log Z > 1.8e308, e.g. two scores/t near 1e308).
    if (!Number.isFinite(sum)) {
      throw new RangeError(
        `log Z of batch item ${b} overflows float64: scores / temperature too large`,
      );
    }
    logZ[b] = sum;
  }
  return { marginals, logZ };
}

/** ∂(g·σ(scores/t))/∂scores = g ⊙ σ(a)σ(−a) / t, with σ(a)σ(−a) = e/(1+e)², e = exp(−|a|). */
export function binaryVjp(
  scores: Float64Array,
  m: number,
  g: Float64Array,
  options?: RelaxOptions,
): Float64Array {
  checkScores(scores, m);
  checkCotangent(g, scores.length);
  const t = resolveTemperature(options);
  const a = scaledScores(scores, options);
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp(-Math.abs(a[i]));
    const s = 1 / (1 + e);
    out[i] = (g[i] * e * s * s) / t;
  }
  return out;
}
