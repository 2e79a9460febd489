// Inverse-CDF transforms from a uniform u ∈ [0, 1) to Gumbel and logistic noise. u is clamped
// below at the smallest normal float32 (DESIGN §3) so log u is finite; u < 1 keeps 1 − u ≥ 2^−53.
// Hence every Gumbel value lies in [−4.48, 36.8] and every logistic one in [−87.4, 36.8].

/** The floor applied to u before the logarithms: the smallest positive normal float32. */
export const UNIFORM_FLOOR = 1.1754944e-38;

/** Standard Gumbel: g = −log(−log u). */
export function gumbelFromUniform(u: number): number {
  return -Math.log(-Math.log(Math.max(u, UNIFORM_FLOOR)));
}

/** Standard logistic: log u − log(1 − u). */
export function logisticFromUniform(u: number): number {
  const v = Math.max(u, UNIFORM_FLOOR);
  return Math.log(v) - Math.log1p(-v);
}
