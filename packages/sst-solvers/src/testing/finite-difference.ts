// Central finite differences in float64: the independent oracle every exact VJP is tested against.

/**
 * Returns ∂(g·f(x))/∂x by central differences with step `h` (relative to max(1, |x_i|)).
 * `f` maps a Float64Array to a Float64Array of the same length as `g`.
 */
export function finiteDifferenceVjp(
  f: (x: Float64Array) => Float64Array,
  x: Float64Array,
  g: Float64Array,
  h = 1e-6,
): Float64Array {
  const out = new Float64Array(x.length);
  const probe = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const step = h * Math.max(1, Math.abs(xi));
    probe[i] = xi + step;
    const plus = f(probe);
    probe[i] = xi - step;
    const minus = f(probe);
    probe[i] = xi;
    let s = 0;
    for (let j = 0; j < g.length; j++)
      s += (g[j] as number) * ((plus[j] as number) - (minus[j] as number));
    out[i] = s / (2 * step);
  }
  return out;
}

/** Largest |a_i − b_i| / max(1e-12, max|b|): the relative error used by the gradient checks. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} vs ${b.length}`);
  let scale = 1e-12;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i] as number));
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst / scale;
}
