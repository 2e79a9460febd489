// Brute-force oracle for the regularised k-subset problems
//   max_{x ∈ [0,1]^m, Σx = k} ⟨a, x⟩ − Σ_i φ(x_i)
// that uses nothing but the regulariser's derivative φ' (no closed form, no sorting): for a
// multiplier ν, each coordinate maximises (a_i − ν) x − φ(x) on [0,1], found by bisection on
// φ'(x) = a_i − ν; an outer bisection on ν then makes Σx = k. Slow (≈ 10⁴ φ' calls per
// coordinate) and meant for tests only, at moderate scales (|a| ≲ 1e6: the bisection on ν works
// in absolute terms, so it cannot resolve a threshold among scores of size 1e300).
import type { KSubsetRegularizer } from '../regularizers/args.js';
import { assertFiniteArray, assertIntInRange } from '../validate.js';

/** φ'(x) for each regulariser, on [0, 1] (±∞ at the ends where the entropy is steep). */
const DERIVATIVES: Record<KSubsetRegularizer, (x: number) => number> = {
  euclidean: (x) => x,
  'categorical-entropy': (x) => Math.log(x),
  'binary-entropy': (x) => Math.log(x) - Math.log1p(-x),
};

/** φ(x) summed over the coordinates: the regulariser f. */
const PENALTIES: Record<KSubsetRegularizer, (x: number) => number> = {
  euclidean: (x) => 0.5 * x * x,
  'categorical-entropy': (x) => (x > 0 ? x * Math.log(x) : 0) - x,
  'binary-entropy': (x) => (x > 0 ? x * Math.log(x) : 0) + (x < 1 ? (1 - x) * Math.log1p(-x) : 0),
};

/** argmax_{x ∈ [0,1]} c·x − φ(x): 0 or 1 when φ' stays on one side of c, else φ'(x) = c. */
function coordinate(derivative: (x: number) => number, c: number): number {
  if (c <= derivative(0)) return 0;
  if (c >= derivative(1)) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (derivative(mid) < c) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function total(a: Float64Array, nu: number, derivative: (x: number) => number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += coordinate(derivative, (a[i] as number) - nu);
  return s;
}

/** The maximiser of ⟨a, x⟩ − f(x) over {x ∈ [0,1]^m : Σx = k}, by nested bisection. */
export function regularizedKSubsetOracle(
  a: Float64Array,
  k: number,
  regularizer: KSubsetRegularizer,
): Float64Array {
  assertFiniteArray('a', a);
  assertIntInRange('k', k, 0, a.length);
  // The feasible set is a single point.
  if (k === 0 || k === a.length) return new Float64Array(a.length).fill(k === 0 ? 0 : 1);
  const derivative = DERIVATIVES[regularizer];
  let lo = Math.min(...a) - 1;
  let hi = Math.max(...a) + 1;
  // Widen until Σx(lo) ≥ k ≥ Σx(hi) (Σx is non-increasing in ν).
  for (let width = 1; total(a, lo, derivative) < k; width *= 2) lo -= width;
  for (let width = 1; total(a, hi, derivative) > k; width *= 2) hi += width;
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (total(a, mid, derivative) > k) lo = mid;
    else hi = mid;
  }
  const nu = 0.5 * (lo + hi);
  return Float64Array.from(a, (ai) => coordinate(derivative, ai - nu));
}

/** The objective ⟨a, x⟩ − f(x) of the regularised problem at x. */
export function regularizedObjective(
  a: Float64Array,
  x: Float64Array,
  regularizer: KSubsetRegularizer,
): number {
  const penalty = PENALTIES[regularizer];
  let value = 0;
  for (let i = 0; i < a.length; i++)
    value += (a[i] as number) * (x[i] as number) - penalty(x[i] as number);
  return value;
}
