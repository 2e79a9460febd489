// Compensated ("double-double") sums for log-weights. Under widely separated scales a log-weight
// is a huge offset plus an O(1) correction (−2·10⁷ + log 3, say); one float64 keeps that
// correction only to ulp(2·10⁷) ≈ 4e−9, and the correction is all that survives when two such
// numbers are subtracted to form a share e^{x − y}. Carrying each value as hi + lo (Knuth's
// TwoSum keeps the rounding error of every addition) keeps those differences exact to float64.

/** Result of the last `add`: hi + lo with |lo| ≤ ulp(hi)/2. Module-level to avoid allocation. */
export let sumHi = 0;
export let sumLo = 0;

/** (ah + al) + (bh + bl) into (sumHi, sumLo), error-free up to the final O(u²) term. */
export function add(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const bb = s - ah;
  const e = ah - (s - bb) + (bh - bb) + (al + bl);
  sumHi = s + e;
  sumLo = e - (sumHi - s);
}

/** (ah + al) − (bh + bl) rounded to one float64: exact cancellation of the high parts when they
 * are close (Sterbenz), which is when the difference is small enough to matter in an exp(). */
export function difference(ah: number, al: number, bh: number, bl: number): number {
  return ah - bh + (al - bl);
}
