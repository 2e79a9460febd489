// Horizontal bar chart on a log10 scale (variances span orders of magnitude), pure geometry:
// the panel draws what this returns, and the tests check it.
export interface BarGeometry {
  label: string;
  value: number;
  /** Bar length as a fraction of the full width, 0..1. */
  fraction: number;
}

/**
 * Lengths on a log scale spanning [max/10^decades, max]; values at or below the lower end (and
 * zero) get a zero-length bar. Every value must be finite and ≥ 0.
 */
export function logBars(
  entries: readonly { label: string; value: number }[],
  decades = 3,
): BarGeometry[] {
  for (const e of entries)
    if (!Number.isFinite(e.value) || e.value < 0)
      throw new RangeError(`bar value for ${e.label} must be finite and ≥ 0, got ${e.value}`);
  const max = Math.max(...entries.map((e) => e.value));
  if (!(max > 0)) return entries.map((e) => ({ ...e, fraction: 0 }));
  const low = Math.log10(max) - decades;
  return entries.map((e) => ({
    ...e,
    fraction: e.value > 0 ? Math.max(0, (Math.log10(e.value) - low) / decades) : 0,
  }));
}
