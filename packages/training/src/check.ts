// Argument checks shared by the public functions: TypeError for a wrong type, RangeError for a
// value out of range, each naming the function, the option and the value it got.

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

export function checkNumber(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: ${name} must be a number, got ${show(value)}`);
  }
  return value;
}

/** An integer ≥ `min` (a safe one). */
export function checkInteger(where: string, name: string, value: unknown, min: number): number {
  checkNumber(where, name, value);
  if (!Number.isSafeInteger(value) || (value as number) < min) {
    const what =
      min === 0
        ? 'a non-negative integer'
        : min === 1
          ? 'a positive integer'
          : `an integer ≥ ${min}`;
    throw new RangeError(`${where}: ${name} must be ${what}, got ${show(value)}`);
  }
  return value as number;
}

/** A finite number > 0. */
export function checkPositive(where: string, name: string, value: unknown): number {
  checkNumber(where, name, value);
  if (!Number.isFinite(value) || (value as number) <= 0) {
    throw new RangeError(`${where}: ${name} must be a finite number > 0, got ${show(value)}`);
  }
  return value as number;
}

export function checkString(where: string, name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(`${where}: ${name} must be a string, got ${show(value)}`);
  }
  if (value === '') throw new RangeError(`${where}: ${name} must not be empty`);
  return value;
}

export function checkObject(where: string, name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: ${name} must be an object, got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Rejects keys outside `allowed` (catches typos such as `lr` for `learningRate`). */
export function checkKeys(
  where: string,
  name: string,
  value: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${where}: ${name} has an unknown option '${key}' (expected ${allowed.join(', ')})`,
      );
    }
  }
}
