// Split-exponent numbers for the k-subset DP: a positive value is stored as mantissa · B^exponent
// with B = 2^512, the mantissa kept in [2^-256, 2^256) and the exponent an integer (in a float64).
//
// Why not plain log space: a log-space cell costs one exp and one log (≈ 20 ns in V8), which alone
// would blow the (45, 9) × 128 budget. Here the integer part of the logarithm lives in the exponent
// and the rest in a linear mantissa, so a DP cell is a few multiply–adds: rescaling by powers of two
// is exact, and the range is unbounded in practice (|exponent| < 2^53), so scores/t ≈ ±1e7 neither
// overflow nor underflow. The mantissa range is centred on 1 so that ordinary scores never leave
// exponent 0 (no rescaling, predictable branches). A term two or more exponent steps below the
// other (a ratio < 2^-256) is dropped, exactly as logaddexp would round it away; its branch weight
// is then exactly 0. When the values provably fit in plain float64, forward.ts skips the exponents.
import type { KSubsetWorkspace } from './workspace.js';

/** Upper end of the mantissa range, 2^256; mantissas lie in [1/MANT_HIGH, MANT_HIGH). */
export const MANT_HIGH = 2 ** 256;
export const MANT_LOW = 2 ** -256;
/** The exponent base B = 2^512 and its inverse (exact powers of two). */
export const BASE = 2 ** 512;
export const INV_BASE = 2 ** -512;

// log B = 512·ln 2 split Cody–Waite style: LOG_BASE_HI has 21 trailing zero bits, so
// exponent · LOG_BASE_HI is exact for |exponent| < 2^21 (|scores/t| up to ≈ 7e8).
const LOG_BASE_HI = 512 * 6.9314718036912382e-1;
const LOG_BASE_LO = 512 * 1.9082149292705877e-10;
const LOG_BASE = LOG_BASE_HI + LOG_BASE_LO;
/** Weights above e^-HALF_LOG_BASE keep exponent 0. */
export const HALF_LOG_BASE = LOG_BASE / 2;

/** log(mantissa · B^exponent). */
export function scaledLog(mantissa: number, exponent: number): number {
  return Math.log(mantissa) + exponent * LOG_BASE_HI + exponent * LOG_BASE_LO;
}

/**
 * Writes the weights exp(a[i] − shift) of the item at scores[off ..] (a = scores/t) in split form
 * into ws.weightMant / ws.weightExp, and their spread max a − min a into ws.weightSpread.
 * Returns shift = max a. Throws if scores/t overflows float64.
 */
export function splitWeights(
  ws: KSubsetWorkspace,
  scores: Float64Array,
  off: number,
  t: number,
): number {
  const { m, weightMant: mant, weightExp: expo } = ws;
  let shift = -Infinity;
  let low = Infinity;
  for (let i = 0; i < m; i++) {
    const a = scores[off + i] / t;
    if (a > shift) shift = a;
    if (a < low) low = a;
  }
  const spread = shift - low;
  if (!Number.isFinite(spread)) {
    throw new RangeError(
      `scores / temperature must stay finite, got a range of ${low}..${shift} at offset ${off}`,
    );
  }
  ws.weightSpread = spread;
  for (let i = 0; i < m; i++) {
    const x = scores[off + i] / t - shift;
    if (x > -HALF_LOG_BASE) {
      // Exponent 0: the mantissa is the weight itself, with no reduction error.
      mant[i] = Math.exp(x);
      expo[i] = 0;
      continue;
    }
    const e = Math.round(x / LOG_BASE);
    let r = x - e * LOG_BASE_HI - e * LOG_BASE_LO;
    // Rounding can push r a hair outside ±log(B)/2; clamping keeps the mantissa in range.
    if (r < -HALF_LOG_BASE) r = -HALF_LOG_BASE;
    else if (r > HALF_LOG_BASE) r = HALF_LOG_BASE;
    mant[i] = Math.exp(r);
    expo[i] = e;
  }
  return shift;
}
