// Exact log-shifts of an item's scores. Every non-root node has exactly one incoming arc in every
// arborescence, so subtracting a constant c_m from all arcs into m (column m) multiplies every
// tree's weight by e^(−c_m): log Z moves by Σ c_m and the distribution not at all. In single-root
// mode exactly one arc leaves the root, so the root row can be shifted by one more constant ρ.

/**
 * Fills ws.shift[m] = c_m for m = 1..L−1 and returns the total log shift Σ c_m (+ ρ).
 * Multi-root: c_m = max of column m over all heads, so every column's heaviest weight is 1.
 * Single-root: c_m = max over the non-root heads (the root row is not a column's competitor: its
 * arcs are used once in total), then ρ = max_m (a[0][m] − c_m) makes the heaviest root weight 1.
 * `rootShift` receives ρ (0 in multi-root mode) through the returned pair.
 */
export function columnShifts(
  a: Float64Array,
  L: number,
  single: boolean,
  shift: Float64Array,
): { total: number; rootShift: number } {
  // Column maxima, walking `a` row by row (contiguous).
  for (let m = 1; m < L; m++) shift[m] = -Infinity;
  for (let h = single ? 1 : 0; h < L; h++) {
    const row = h * L;
    for (let m = 1; m < L; m++) {
      if (h !== m && a[row + m] > shift[m]) shift[m] = a[row + m];
    }
  }
  let total = 0;
  for (let m = 1; m < L; m++) {
    // Single-root with one non-root node: the root arc is the column's only arc.
    if (shift[m] === -Infinity) shift[m] = a[m];
    total += shift[m];
  }
  let rootShift = 0;
  if (single) {
    rootShift = -Infinity;
    for (let m = 1; m < L; m++) rootShift = Math.max(rootShift, a[m] - shift[m]);
    total += rootShift;
  }
  return { total, rootShift };
}
