// VJP of a threshold map x_i = h(a_i − ν(a)) with Σx = k, by implicit differentiation.
//
// Differentiating Σ h(a_i − ν) = k gives ∂ν/∂a_j = d_j / Σd with d = h'(a − ν), so
// ∂x/∂a = diag(d) − d dᵀ / Σd: symmetric, and its product with g is d ⊙ (g − ⟨d, g⟩ / Σd).
// When Σd = 0 every coordinate is clamped, x is locally constant and the product is 0.

/**
 * Writes ∂(g·x)/∂scores = d ⊙ (g − ⟨d, g⟩/Σd) / t of item `off` into `out`, where `d` holds the
 * slopes h'(a_i − ν) and a = scores / t (hence the 1/t). O(m), no allocation.
 */
export function implicitVjpItem(
  d: Float64Array,
  g: Float64Array,
  off: number,
  m: number,
  t: number,
  out: Float64Array,
): void {
  let sumD = 0;
  let sumDG = 0;
  for (let i = off; i < off + m; i++) {
    sumD += d[i];
    sumDG += d[i] * g[i];
  }
  const mean = sumD > 0 ? sumDG / sumD : 0;
  for (let i = off; i < off + m; i++) out[i] = (d[i] * (g[i] - mean)) / t;
}
