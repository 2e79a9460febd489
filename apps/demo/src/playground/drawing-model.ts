// What to draw for one picture (hard or relaxed), independent of the DOM: node positions, and per
// logit slot a mark (an edge, a bar, a matrix cell) whose strength is the sample's value there.
// Edge opacity = marginal, bar height = marginal, cell shade = marginal.
import type { LogitSlot, StructureSpec } from './structures';

export interface Point {
  x: number;
  y: number;
}

export interface Mark {
  slot: number;
  /** 0..1: opacity of an edge or cell, height fraction of a bar. */
  strength: number;
}

/** n nodes evenly on a circle of radius 0.42 around (0.5, 0.5), node 0 at the top. */
export function circleLayout(n: number): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return { x: 0.5 + 0.42 * Math.cos(angle), y: 0.5 + 0.42 * Math.sin(angle) };
  });
}

/**
 * One mark per slot; strengths are the values clamped to [0, 1] (Sinkhorn and float64 rounding can
 * land a hair outside), and a non-finite value is an error, not a blank.
 */
export function marks(values: Float64Array): Mark[] {
  return Array.from(values, (value, slot) => {
    if (!Number.isFinite(value))
      throw new RangeError(`value of slot ${slot} must be finite, got ${value}`);
    return { slot, strength: Math.min(1, Math.max(0, value)) };
  });
}

/** Bars: items first; for correlated k-subsets the pair slots come after the m items. */
export function isPairSlot(spec: StructureSpec, slot: LogitSlot): boolean {
  return spec.id === 'correlated-k-subset' && slot.column >= 0;
}
