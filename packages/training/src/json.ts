// The JSON values a checkpoint can hold verbatim (data-stream positions, app metadata).

/** A value that survives `JSON.stringify` / `JSON.parse` unchanged (finite numbers only). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * The value after a JSON round trip, or a TypeError naming `what` when the round trip would change
 * it (NaN, functions, undefined, class instances …): a checkpoint must restore exactly what it got.
 */
export function checkJson(what: string, value: unknown): JsonValue {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new TypeError(`${what} must be JSON-serialisable (${(error as Error).message})`);
  }
  if (text === undefined)
    throw new TypeError(`${what} must be JSON-serialisable, got ${typeof value}`);
  const copy = JSON.parse(text) as JsonValue;
  if (!sameJson(value, copy)) {
    throw new TypeError(
      `${what} must survive a JSON round trip unchanged (no NaN, Infinity, undefined, functions or class instances), got ${text}`,
    );
  }
  return copy;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const proto = Object.getPrototypeOf(a);
  if (!Array.isArray(a) && proto !== Object.prototype && proto !== null) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
