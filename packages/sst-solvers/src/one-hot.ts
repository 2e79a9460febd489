// One-hot structures over m items: the hard solver (argmax), the E.F.-entropy relaxation (softmax)
// and its exact VJP. All entry points take a flat batch of problems laid end to end.
import type { RelaxOptions } from './validate.js';
import {
  assertFiniteArray,
  assertIntInRange,
  assertSameLength,
  batchCount,
  resolveTemperature,
} from './validate.js';

function checkScores(scores: unknown, m: unknown): number {
  assertFiniteArray('scores', scores);
  assertIntInRange('m', m, 1, Number.MAX_SAFE_INTEGER);
  return batchCount('scores', scores.length, m);
}

/** 0/1 mask with a single one per batch item, at the highest score (ties → lowest index). */
export function oneHotArgmax(scores: Float64Array, m: number): Float64Array {
  const batch = checkScores(scores, m);
  const out = new Float64Array(scores.length);
  for (let b = 0; b < batch; b++) {
    const off = b * m;
    let best = off;
    // Strict comparison keeps the first (lowest-index) maximiser.
    for (let i = off + 1; i < off + m; i++) if (scores[i] > scores[best]) best = i;
    out[best] = 1;
  }
  return out;
}

/**
 * Writes softmax(scores/t) of one item into `out` and returns log Σ exp(scores/t). Shifting by the
 * maximum keeps every exponent ≤ 0, so nothing overflows even at scores/t ≈ ±1e7.
 */
function softmaxInto(scores: Float64Array, off: number, m: number, t: number, out: Float64Array) {
  let max = -Infinity;
  for (let i = off; i < off + m; i++) {
    const a = scores[i] / t;
    if (a > max) max = a;
  }
  if (!Number.isFinite(max)) {
    throw new RangeError(`scores / temperature must be finite, got a maximum of ${max}`);
  }
  let sum = 0;
  for (let i = off; i < off + m; i++) {
    const e = Math.exp(scores[i] / t - max);
    out[i] = e;
    sum += e;
  }
  for (let i = off; i < off + m; i++) out[i] /= sum;
  return max + Math.log(sum);
}

/** softmax(scores/t) per batch item, with logZ = log Σ_i exp(scores_i/t). */
export function oneHotMarginals(
  scores: Float64Array,
  m: number,
  options?: RelaxOptions,
): { marginals: Float64Array; logZ: Float64Array } {
  const batch = checkScores(scores, m);
  const t = resolveTemperature(options);
  const marginals = new Float64Array(scores.length);
  const logZ = new Float64Array(batch);
  for (let b = 0; b < batch; b++) logZ[b] = softmaxInto(scores, b * m, m, t, marginals);
  return { marginals, logZ };
}

/**
 * ∂(g·softmax(scores/t))/∂scores. The Jacobian of softmax is diag(μ) − μμᵀ (symmetric), so the
 * product is μ ⊙ (g − ⟨g, μ⟩) / t: exact, O(m) per item.
 */
export function oneHotVjp(
  scores: Float64Array,
  m: number,
  g: Float64Array,
  options?: RelaxOptions,
): Float64Array {
  const batch = checkScores(scores, m);
  assertFiniteArray('g', g);
  assertSameLength('g', g, scores.length);
  const t = resolveTemperature(options);
  const out = new Float64Array(scores.length);
  for (let b = 0; b < batch; b++) {
    const off = b * m;
    softmaxInto(scores, off, m, t, out);
    let dot = 0;
    for (let i = off; i < off + m; i++) dot += g[i] * out[i];
    for (let i = off; i < off + m; i++) out[i] = (out[i] * (g[i] - dot)) / t;
  }
  return out;
}
