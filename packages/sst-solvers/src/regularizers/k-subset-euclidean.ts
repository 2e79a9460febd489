// Euclidean k-subset relaxation: argmax_{x ∈ [0,1]^m, Σx = k} ⟨a, x⟩ − ½‖x‖², i.e. the Euclidean
// projection of a onto the capped simplex. KKT: x_i = clip(a_i − ν, 0, 1) for one scalar ν.
import { HI, LO, MAX_POLISH, POLISH_TOL, sortedCopy } from './threshold.js';

/**
 * Finds ν = c + ν' by sorting, with c = a_(k) the k-th largest score and ν' ∈ [−1, 0]: at ν = c
 * at most k − 1 scores lie above ν, so Σx ≤ k − 1; at ν = c − 1 the top k are all capped, so
 * Σx ≥ k. Hence every score with a_i − c ≥ 1 is capped and every one with a_i − c ≤ −1 is 0,
 * and only the window |a_i − c| < 1 matters. On it, w_i = a_i − c is exact (or off by one
 * rounding of an O(1) number), so the search never adds or cancels scores of very different
 * magnitude, which would wreck it once |a| ≫ 1.
 *
 * Σ clip(w_i − ν', 0, 1) is piecewise linear in ν' with breakpoints at w_i (x_i leaves 0) and
 * w_i − 1 (x_i reaches 1); walking ν' down through the two sorted breakpoint lists (merged on
 * the fly) finds the segment where the sum crosses k, on which ν' = (Σ_free w_i + #capped − k) /
 * #free. Writes c to nu[HI] and ν' to nu[LO]. O(m log m). Requires 0 < k < m, work.length = m.
 */
function euclideanThreshold(
  a: Float64Array,
  off: number,
  m: number,
  k: number,
  work: Float64Array,
  nu: Float64Array,
): void {
  const s = sortedCopy(a, off, work);
  const c = s[m - k];
  nu[HI] = c;
  // The window [low, high] of sorted scores with −1 < s_i − c < 1 (s_i − c is monotone in i).
  let high = m - k;
  while (high + 1 < m && s[high + 1] - c < 1) high++;
  let low = m - k;
  while (low > 0 && s[low - 1] - c > -1) low--;
  let p = high; // next breakpoint w_p (coordinate becomes free), descending
  let q = high; // next breakpoint w_q − 1 (coordinate becomes capped), descending
  let nFree = 0;
  let nCapped = m - 1 - high;
  let sumFree = 0;
  let previous = Infinity;
  while (q >= low) {
    const wp = p >= low ? s[p] - c : -Infinity;
    const wq = s[q] - c;
    const fromP = wp >= wq - 1;
    const b = fromP ? wp : wq - 1;
    // Σx at ν' = b, from the state of the segment just above b (the sum is continuous).
    const sumAtB = nCapped + sumFree - nFree * b;
    if (sumAtB >= k) {
      // A free-less segment with Σx = nCapped = k: every ν' in [b, previous] gives the same 0/1
      // mask; b is one of them.
      if (nFree === 0) {
        nu[LO] = b;
        return;
      }
      const v = (nCapped + sumFree - k) / nFree;
      // Rounding may put ν' a hair outside its segment; clamping keeps the active set right.
      nu[LO] = Math.min(Math.max(v, b), previous);
      return;
    }
    if (fromP) {
      nFree++;
      sumFree += wp;
      p--;
    } else {
      nFree--;
      nCapped++;
      sumFree -= wq;
      q--;
    }
    previous = b;
  }
  // Reached only by rounding: Σx(ν' = −1) ≥ k always holds in exact arithmetic.
  nu[LO] = -1;
}

/**
 * Writes x = clip(a − ν, 0, 1) of item `off` into `out`, evaluated as clip((a_i − c) − ν', 0, 1),
 * and ν = c + ν' into `nu`. A final Newton step on ν' (exact on a linear piece) absorbs the
 * rounding left in Σx. Requires 0 < k < m.
 */
export function euclideanItem(
  a: Float64Array,
  off: number,
  m: number,
  k: number,
  out: Float64Array,
  work: Float64Array,
  nu: Float64Array,
): void {
  euclideanThreshold(a, off, m, k, work, nu);
  const c = nu[HI];
  let shift = nu[LO];
  for (let pass = 0; pass <= MAX_POLISH; pass++) {
    let sum = 0;
    let nFree = 0;
    for (let i = off; i < off + m; i++) {
      const x = Math.min(Math.max(a[i] - c - shift, 0), 1);
      if (x > 0 && x < 1) nFree++;
      out[i] = x;
      sum += x;
    }
    const r = sum - k;
    if (nFree === 0 || Math.abs(r) <= POLISH_TOL * k || pass === MAX_POLISH) break;
    shift += r / nFree;
  }
  nu[LO] = shift;
}

/**
 * Overwrites x (item `off`) with h'(a_i − ν) = 1 on free coordinates, 0 on clamped ones. A
 * coordinate exactly at 0 or 1 (a kink) counts as clamped: see kSubsetRegularizedVjp.
 */
export function euclideanSlopes(x: Float64Array, off: number, m: number): void {
  for (let i = off; i < off + m; i++) x[i] = x[i] > 0 && x[i] < 1 ? 1 : 0;
}
