// Binary-entropy k-subset relaxation: argmax_{x ∈ [0,1]^m, Σx = k} ⟨a, x⟩ − f(x) with
// f(x) = Σ x_i log x_i + (1 − x_i) log(1 − x_i) (minus the sum of the binary entropies).
// KKT: logit x_i = a_i − ν, so x_i = σ(a_i − ν).
import { HI, itemRange, LO, MAX_POLISH, POLISH_TOL } from './threshold.js';

/** Newton/bisection steps at most; bisection alone needs ≤ ~1100 even for |a| ≈ 1e308. */
const MAX_ITERATIONS = 2000;

/** |Σx − k| ≤ SUM_NOISE · k is as close as a float64 sum of m terms in [0, 1] resolves. */
const SUM_NOISE = 16 * 2 ** -52;

// The loops below evaluate σ(z) and σ(z)σ(−z) from one e = exp(−|z|) ≤ 1 with s = 1 / (1 + e):
// σ(z) = s for z ≥ 0, e·s otherwise, and σ(z)σ(−z) = e·s². Nothing overflows for any finite z.
// (Inlined rather than a helper returning two numbers, which would allocate or use globals.)

const range = new Float64Array(2);

/**
 * Solves φ(ν) = Σ σ(a_i − ν) − k = 0 (strictly decreasing) by safeguarded Newton: a Newton step
 * is taken when it stays inside the bracket and shrinks fast enough, a bisection step otherwise
 * (Numerical Recipes' rtsafe). The root lies in [min a − L, max a − L] with L = logit(k/m),
 * the roots for all scores equal to min a or to max a. Requires 0 < k < m.
 */
function binaryEntropyThreshold(a: Float64Array, off: number, m: number, k: number): number {
  itemRange(a, off, m, range);
  const logit = Math.log(k / (m - k));
  let lo = range[0] - logit; // φ(lo) ≥ 0
  let hi = range[1] - logit; // φ(hi) ≤ 0
  // Halves are taken as 0.5·lo + 0.5·hi: lo + hi or hi − lo can overflow at |a| ≈ 1e308.
  let nu = 0.5 * lo + 0.5 * hi;
  let step = hi - lo;
  let previousStep = step;
  for (let iteration = 0; iteration < MAX_ITERATIONS && lo < hi; iteration++) {
    let sum = 0;
    let slope = 0; // −φ'(ν)
    for (let i = off; i < off + m; i++) {
      const z = a[i] - nu;
      const e = Math.exp(-Math.abs(z));
      const s = 1 / (1 + e);
      sum += z >= 0 ? s : e * s;
      slope += e * s * s;
    }
    const r = sum - k;
    // Converged once r is down to the rounding noise of the sum, or the step to a few ulps of ν
    // (the polish in binaryEntropyItem takes the rest up as the low part of ν). Checked before
    // the safeguard, because ν now sits on a bracket end and the bracket test below would
    // reject the step in favour of useless bisections.
    if (Math.abs(r) <= SUM_NOISE * k) break;
    if (r > 0) lo = nu;
    else hi = nu;
    const newtonStep = r / slope;
    if (Math.abs(newtonStep) <= 2 ** -50 * Math.max(1, Math.abs(nu))) break;
    const newton = nu + newtonStep;
    previousStep = step;
    if (
      slope > 0 &&
      newton > lo &&
      newton < hi &&
      Math.abs(2 * r) <= Math.abs(previousStep * slope)
    ) {
      step = newtonStep;
      nu = newton;
    } else {
      nu = 0.5 * lo + 0.5 * hi;
      step = nu - lo;
      if (nu === lo || nu === hi) break; // the bracket is down to adjacent floats
    }
  }
  return nu;
}

/**
 * Writes x = σ(a − ν) of item `off` into `out` and ν (double-double) into `nu`. The sigmoid is
 * evaluated from exp(−|z|), so it cannot overflow. Requires 0 < k < m.
 */
export function binaryEntropyItem(
  a: Float64Array,
  off: number,
  m: number,
  k: number,
  out: Float64Array,
  nu: Float64Array,
): void {
  const hi = binaryEntropyThreshold(a, off, m, k);
  let lo = 0;
  for (let pass = 0; pass <= MAX_POLISH; pass++) {
    let sum = 0;
    let slope = 0;
    for (let i = off; i < off + m; i++) {
      const z = a[i] - hi - lo;
      const e = Math.exp(-Math.abs(z));
      const s = 1 / (1 + e);
      const x = z >= 0 ? s : e * s;
      out[i] = x;
      sum += x;
      slope += e * s * s;
    }
    const r = sum - k;
    if (slope === 0 || Math.abs(r) <= POLISH_TOL * k || pass === MAX_POLISH) break;
    lo += r / slope;
  }
  nu[HI] = hi;
  nu[LO] = lo;
}

/** Overwrites x (item `off`) with h'(a_i − ν) = σ(z)σ(−z), computed from z, not from x(1 − x). */
export function binaryEntropySlopes(
  a: Float64Array,
  off: number,
  m: number,
  nu: Float64Array,
  x: Float64Array,
): void {
  const hi = nu[HI];
  const lo = nu[LO];
  for (let i = off; i < off + m; i++) {
    const e = Math.exp(-Math.abs(a[i] - hi - lo));
    const s = 1 / (1 + e);
    x[i] = e * s * s;
  }
}
