// Shared pieces of the threshold solvers x_i = h(a_i − ν) with Σx = k (h non-decreasing).
//
// ν is carried as an unevaluated sum hi + lo: hi is a score near the threshold (or the last
// Newton iterate) and lo the small remainder. Once |a| ≈ 1e7 the spacing of float64 numbers
// near ν is ≈ 2e-9, so a single float64 ν would leave Σx off by ≈ m·2e-9; with the split,
// z_i = (a_i − hi) − lo is exact to rounding, because a_i − hi is exact (Sterbenz) for every
// coordinate near the threshold, the only ones whose x depends on ν. Each solver ends with a
// Newton polish that measures Σx − k and absorbs the correction into lo.

/** Where a threshold solver leaves its result: ν = nu[HI] + nu[LO]. */
export const HI = 0;
export const LO = 1;

/** Stop polishing once |Σx − k| ≤ POLISH_TOL · k (≈ 1.4e-14·k): far below the 1e-9 contract. */
export const POLISH_TOL = 2 ** -46;

/** Newton corrections applied to `lo` at most; one is almost always enough. */
export const MAX_POLISH = 4;

/**
 * Copies item `off` of `a` into `work` (length exactly m, so sorting it needs no subarray view
 * and no allocation) and sorts it ascending.
 */
export function sortedCopy(a: Float64Array, off: number, work: Float64Array): Float64Array {
  for (let i = 0; i < work.length; i++) work[i] = a[off + i];
  return work.sort();
}

/** Smallest and largest entry of item `off` (length m) of `a`, into minMax[0] and minMax[1]. */
export function itemRange(a: Float64Array, off: number, m: number, minMax: Float64Array): void {
  let lo = a[off];
  let hi = lo;
  for (let i = off + 1; i < off + m; i++) {
    const v = a[i];
    if (v < lo) lo = v;
    else if (v > hi) hi = v;
  }
  minMax[0] = lo;
  minMax[1] = hi;
}
