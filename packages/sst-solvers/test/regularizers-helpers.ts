// Shared helpers for the regularizers tests: a seeded generator and small vector utilities.

export { seededUniform as rng } from '../src/testing/random.js';

/** `length` scores uniform in [−scale, scale). */
export function randomVector(random: () => number, length: number, scale = 3): Float64Array {
  return Float64Array.from({ length }, () => (random() * 2 - 1) * scale);
}

export function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s;
}

export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs((x[i] as number) - (y[i] as number)));
  return d;
}

export function allFinite(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i] as number)) return false;
  return true;
}

/** scores / t elementwise: the a at which every relaxation is evaluated. */
export function scale(scores: Float64Array, t: number): Float64Array {
  return scores.map((s) => s / t);
}

/** Item b (length m) of a flat batch, as a copy. */
export function item(x: Float64Array, b: number, m: number): Float64Array {
  return x.slice(b * m, (b + 1) * m);
}

/** One-sided directional derivative (f(x + h v) − f(x)) / h, projected on w: ⟨w, ·⟩. */
export function oneSidedDerivative(
  f: (x: Float64Array) => Float64Array,
  x: Float64Array,
  v: Float64Array,
  w: Float64Array,
  h = 1e-7,
): number {
  const base = f(x);
  const moved = f(x.map((xi, i) => xi + h * (v[i] as number)));
  let s = 0;
  for (let i = 0; i < w.length; i++)
    s += (w[i] as number) * ((moved[i] as number) - (base[i] as number));
  return s / h;
}
