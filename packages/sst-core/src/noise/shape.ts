// Validation shared by the noise samplers.
import { RandomGenerator } from './random-generator.js';

/** Checks a tensor shape and returns its number of elements. */
export function checkShape(caller: string, shape: unknown): number {
  if (!Array.isArray(shape)) {
    throw new TypeError(`${caller}: shape must be an array of integers, got ${typeof shape}`);
  }
  let size = 1;
  for (const dim of shape) {
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) {
      throw new RangeError(
        `${caller}: shape must hold non-negative integers, got [${shape.join(', ')}]`,
      );
    }
    size *= dim;
  }
  return size;
}

export function checkGenerator(
  caller: string,
  generator: unknown,
): asserts generator is RandomGenerator {
  if (!(generator instanceof RandomGenerator)) {
    throw new TypeError(`${caller}: generator must be a RandomGenerator, got ${String(generator)}`);
  }
}
