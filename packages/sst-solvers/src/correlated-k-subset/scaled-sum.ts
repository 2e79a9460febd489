// Sums of split-exponent numbers mantissa · B^exponent (B = 2^512, ../k-subset/scaled.ts) for DP
// cells whose two incoming terms may both be products. The k-subset DP adds a normalised row
// entry to one product inline; here both terms of a take cell are products of a normalised row
// entry (mantissa in [2^-256, 2^256)) and a factor (mantissa in [2^-256, 2^256]), so mantissas
// lie in [2^-512, 2^512]. Rather than normalising each product first (two more branches per
// term), the sum tolerates an exponent gap of up to 2 steps: a term three or more steps below the
// other is below 2^-512 times it and is dropped, as logaddexp would round it away. Zero is
// mantissa 0 with exponent −∞: it passes through products and sums unchanged and takes no share,
// without a branch of its own.
import { BASE, INV_BASE, MANT_HIGH, MANT_LOW } from '../k-subset/scaled.js';

// Module-local aliases: V8 loads an imported binding (with a hole check) on every access, which
// costs ~20% of the split-exponent DP; a local const does not.
const UP = BASE;
const DOWN = INV_BASE;
const HIGH = MANT_HIGH;
const LOW = MANT_LOW;

// Alignment scales by exponent gap ex − ey clamped to −3..3 (index gap + 3): the larger term keeps
// its mantissa, the smaller is scaled down by B^-gap, or dropped (0) three or more steps down. A
// table lookup rather than a branch per case: at low temperatures the gaps vary from cell to cell.
const SCALE_X = Float64Array.of(0, DOWN * DOWN, DOWN, 1, 1, 1, 1);
const SCALE_Y = Float64Array.of(1, 1, 1, 1, DOWN, DOWN * DOWN, 0);

/**
 * Writes x + y (x = mx·B^ex, y = my·B^ey, mantissas in [2^-512, 2^512] or zero) into
 * outMant[slot], outExp[slot] with the mantissa normalised into [MANT_LOW, MANT_HIGH), and the
 * shares x / (x + y), y / (x + y) into shares[at], shares[at + 1] (each from its own term, so a
 * tiny share keeps its relative precision). A dropped term gets share exactly 0. x and y must not
 * both be zero.
 */
export function addScaled(
  mx: number,
  ex: number,
  my: number,
  ey: number,
  outMant: Float64Array,
  outExp: Float64Array,
  slot: number,
  shares: Float64Array,
  at: number,
): void {
  // Exact scalings by powers of two; a term two steps down may become subnormal, an error below
  // 2^-562 of the sum. A zero (exponent −∞) gives a gap of ±∞, clamped like any large gap.
  let xs = mx;
  let ys = my;
  if (ex !== ey) {
    const gap = ex - ey;
    const index = gap >= 3 ? 6 : gap <= -3 ? 0 : gap + 3;
    xs *= SCALE_X[index];
    ys *= SCALE_Y[index];
  }
  const sum = xs + ys;
  const inv = 1 / sum;
  shares[at] = xs * inv;
  shares[at + 1] = ys * inv;
  // sum ∈ [2^-512, 2^513): one step lands in [MANT_LOW, MANT_HIGH).
  // Not Math.max: its NaN / −0 handling made it the costliest operation in the cell (+30%).
  // biome-ignore lint/complexity/useMathMinMax: measured hot path, see above.
  const e = ex >= ey ? ex : ey;
  if (sum >= HIGH) {
    outMant[slot] = sum * DOWN;
    outExp[slot] = e + 1;
  } else if (sum < LOW) {
    outMant[slot] = sum * UP;
    outExp[slot] = e - 1;
  } else {
    outMant[slot] = sum;
    outExp[slot] = e;
  }
}
