// Categorical-entropy k-subset relaxation:
// argmax_{x ∈ [0,1]^m, Σx = k} ⟨a, x⟩ − Σ (x_i log x_i − x_i).
// KKT: log x_i = a_i − ν where x_i < 1, so x_i = min(1, exp(a_i − ν)) (x_i > 0 always).
import { HI, LO, MAX_POLISH, POLISH_TOL, sortedCopy } from './threshold.js';

/**
 * Finds ν = nu[HI] + nu[LO] in log space by sorting (s ascending). If the top j coordinates
 * are capped at 1 and the rest, s_0..s_p with p = m − 1 − j, are free, then
 * Σ_{i≤p} exp(s_i − ν) = k − j, i.e. ν = s_p + log(S_p / (k − j)) with
 * S_p = Σ_{i≤p} exp(s_i − s_p) ≥ 1. The prefix sums S_p are
 * built upward with every exponent ≤ 0 (nothing overflows, even at a ≈ ±1e7). The solution is
 * the smallest j (largest p) whose largest free score is ≤ ν, i.e. S_p ≥ k − j; j = k − 1
 * always qualifies. ν is kept split as s_p + log(S_p / (k − j)), so x_i = exp((a_i − s_p) − log …)
 * is exact to rounding even at |a| ≈ 1e7, where a single float64 ν would be off by ≈ 2e-9.
 * O(m log m). Requires 0 < k < m and work.length = m.
 */
function categoricalEntropyThreshold(
  a: Float64Array,
  off: number,
  m: number,
  k: number,
  work: Float64Array,
  nu: Float64Array,
): void {
  const s = sortedCopy(a, off, work);
  const firstCandidate = m - k; // p for j = k − 1
  let S = 1;
  // Overwritten in the loop: p = m − k ≥ 1 always qualifies (S_p ≥ 1 = k − j).
  let bestP = firstCandidate;
  let bestS = 1;
  for (let p = 1; p < m; p++) {
    S = 1 + S * Math.exp(s[p - 1] - s[p]);
    // Capped count j = m − 1 − p; candidates have j ≤ k − 1, i.e. p ≥ m − k.
    if (p >= firstCandidate && S >= k - (m - 1 - p)) {
      bestP = p;
      bestS = S;
    }
  }
  nu[HI] = s[bestP];
  nu[LO] = Math.log(bestS / (k - (m - 1 - bestP)));
}

/**
 * Writes x = min(1, exp(a − ν)) of item `off` into `out` and ν (double-double) into `nu`.
 * Capped coordinates are tested on the exponent, so exp never sees a positive argument.
 * Requires 0 < k < m.
 */
export function categoricalEntropyItem(
  a: Float64Array,
  off: number,
  m: number,
  k: number,
  out: Float64Array,
  work: Float64Array,
  nu: Float64Array,
): void {
  categoricalEntropyThreshold(a, off, m, k, work, nu);
  const hi = nu[HI];
  let lo = nu[LO];
  for (let pass = 0; pass <= MAX_POLISH; pass++) {
    let sum = 0;
    let slope = 0; // −dΣx/dν = Σ_free x_i
    for (let i = off; i < off + m; i++) {
      const z = a[i] - hi - lo;
      const x = z >= 0 ? 1 : Math.exp(z);
      if (x < 1) slope += x;
      out[i] = x;
      sum += x;
    }
    const r = sum - k;
    if (slope === 0 || Math.abs(r) <= POLISH_TOL * k || pass === MAX_POLISH) break;
    lo += r / slope;
  }
  nu[HI] = hi;
  nu[LO] = lo;
}

/**
 * Overwrites x (item `off`) with h'(a_i − ν) = x_i on free coordinates and 0 on capped ones. A
 * coordinate exactly at 1 (the kink) counts as capped: see kSubsetRegularizedVjp.
 */
export function categoricalEntropySlopes(x: Float64Array, off: number, m: number): void {
  for (let i = off; i < off + m; i++) if (x[i] >= 1) x[i] = 0;
}
