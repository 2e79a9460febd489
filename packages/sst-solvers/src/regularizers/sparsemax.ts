// Sparsemax (Martins & Astudillo 2016): the Euclidean projection of a = scores / t onto the
// probability simplex, argmax_{x ≥ 0, Σx = 1} ⟨a, x⟩ − ½‖x‖² = max(a − τ, 0) with Σx = 1.
// It is the one-hot structure's Euclidean relaxation (and the k = 1 case of the Euclidean
// k-subset relaxation, since Σx = 1 already forces x ≤ 1); its VJP is exact.
import type { RelaxOptions } from '../validate.js';
import { resolveTemperature } from '../validate.js';
import { checkCotangent, checkScores, scaledScores } from './args.js';
import { implicitVjpItem } from './implicit-vjp.js';
import { MAX_POLISH, POLISH_TOL } from './threshold.js';

/**
 * Writes sparsemax of item `off` into `out`. Everything is computed relative to c = max a: the
 * threshold is τ = c + τ' with τ' ∈ [−1, 0) (the maximum alone contributes 1 at τ = c − 1, and
 * must keep a positive share), and w_i = a_i − c is exact for every score near the maximum, so
 * no sum mixes scores of very different magnitude.
 *
 * τ' without sorting: φ(τ') = Σ max(w_i − τ', 0) is convex, decreasing and piecewise linear, so
 * Newton's method started left of the root climbs to it monotonically and stops after finitely
 * many steps (Michelot's algorithm): each step τ' ← (Σ_{w_i > τ'} w_i − 1) / #{w_i > τ'} solves
 * the current linear piece exactly, and the candidate set only shrinks. Starting at τ' = −1
 * keeps, after the first pass, only the scores within 1 of the maximum, so later passes are
 * short. Same τ as Martins & Astudillo's sort-based closed form, in O(m) expected time; a last
 * Newton step on the full vector absorbs the rounding left in Σx. `candidates` has length ≥ m.
 */
function sparsemaxItem(
  a: Float64Array,
  off: number,
  m: number,
  out: Float64Array,
  candidates: Float64Array,
): void {
  let c = a[off];
  for (let i = off + 1; i < off + m; i++) if (a[i] > c) c = a[i];
  // First Newton step from τ' = −1, where the subgradient may count w_i = −1 (either is valid
  // for a convex φ); ≥ keeps the maximum (w = 0) even if rounding misbehaved.
  let n = 0;
  let sum = 0;
  for (let i = off; i < off + m; i++) {
    const w = a[i] - c;
    if (w >= -1) {
      candidates[n++] = w;
      sum += w;
    }
  }
  let tau = (sum - 1) / n;
  for (;;) {
    let kept = 0;
    sum = 0;
    for (let j = 0; j < n; j++) {
      const w = candidates[j];
      if (w > tau) {
        candidates[kept++] = w;
        sum += w;
      }
    }
    // Same support: τ' is the root of this piece. (kept = 0 happens only by rounding, in a
    // degenerate case; the previous τ' is then as good as float64 gets.)
    if (kept === n || kept === 0) break;
    n = kept;
    tau = (sum - 1) / n;
  }
  for (let pass = 0; pass <= MAX_POLISH; pass++) {
    let total = 0;
    let support = 0;
    for (let i = off; i < off + m; i++) {
      const x = Math.max(a[i] - c - tau, 0);
      if (x > 0) support++;
      out[i] = x;
      total += x;
    }
    const r = total - 1;
    if (support === 0 || Math.abs(r) <= POLISH_TOL || pass === MAX_POLISH) break;
    tau += r / support;
  }
}

/** sparsemax(scores / t) per batch item: a point of the simplex, sparse for spread-out scores. */
export function sparsemax(scores: Float64Array, m: number, options?: RelaxOptions): Float64Array {
  const batch = checkScores(scores, m);
  const a = scaledScores(scores, options);
  const out = new Float64Array(scores.length);
  // m = 1: the simplex is one point; return it exactly rather than a − (a − 1).
  if (m === 1) return out.fill(1);
  const work = new Float64Array(m);
  for (let b = 0; b < batch; b++) sparsemaxItem(a, b * m, m, out, work);
  return out;
}

/**
 * ∂(g·sparsemax(scores/t))/∂scores = s ⊙ (g − mean of g over the support) / t, s the support
 * indicator (x > 0). At a kink (a_i = τ exactly, x_i = 0 on the edge of the support) the
 * coordinate counts as outside the support: the one-sided derivative for a_i moving down, as in
 * Martins & Astudillo.
 */
export function sparsemaxVjp(
  scores: Float64Array,
  m: number,
  g: Float64Array,
  options?: RelaxOptions,
): Float64Array {
  const batch = checkScores(scores, m);
  checkCotangent(g, scores.length);
  const t = resolveTemperature(options);
  const a = scaledScores(scores, options);
  const out = new Float64Array(scores.length);
  const support = new Float64Array(scores.length);
  const work = new Float64Array(m);
  for (let b = 0; b < batch; b++) {
    const off = b * m;
    sparsemaxItem(a, off, m, support, work);
    for (let i = off; i < off + m; i++) support[i] = support[i] > 0 ? 1 : 0;
    implicitVjpItem(support, g, off, m, t, out);
  }
  return out;
}
