// Option checks shared by the layers: each names the layer, the parameter and the bad value.
import { describeValue } from '@sst-tricks/sst-solvers';

export function checkInteger(layer: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(
      `${layer}: ${name} must be an integer ≥ ${min}, got ${describeValue(value)}`,
    );
  }
  return value;
}

export function checkOneOf<T extends string>(
  layer: string,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new TypeError(
      `${layer}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}

/** Checks a tensor's rank and, where `shape` has a number, that dimension. */
export function checkShape(
  layer: string,
  name: string,
  tensor: { rank: number; shape: number[] },
  shape: ReadonlyArray<number | null>,
): void {
  const ok =
    tensor.rank === shape.length && shape.every((d, i) => d === null || tensor.shape[i] === d);
  if (!ok) {
    const want = shape.map((d) => (d === null ? '·' : d)).join(', ');
    throw new RangeError(`${layer}: ${name} must have shape [${want}], got [${tensor.shape}]`);
  }
}
