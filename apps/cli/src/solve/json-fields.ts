// Checks on the fields of a JSON request. Every rejection is a CliError naming the field and value.
import { CliError } from '../cli-error.js';

/** A number[] (one problem) or number[][] (a batch) flattened into float64 rows. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  rowLength: number;
  /** Whether the field was given as number[][]. */
  batched: boolean;
}

/** A description shown as is in an error message (e.g. "an array of length 3"), not as JSON. */
export class Verbatim {
  constructor(readonly text: string) {}
}

/** "an array of length n", for messages about wrong lengths. */
export function arrayOfLength(length: number): Verbatim {
  return new Verbatim(`an array of length ${length}`);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof Verbatim) return value.text;
  // JSON has no NaN/Infinity (1e999 parses to Infinity; JSON.stringify would print null).
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function fail(field: string, expectation: string, value: unknown): never {
  throw new CliError(`field "${field}" ${expectation}, got ${describe(value)}`);
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    fail(field, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`, value);
  }
  return value as T;
}

export function finiteNumber(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(field, 'must be a finite number', value);
  return value;
}

/** A finite number > 0. */
export function positiveNumber(field: string, value: unknown): number {
  const x = finiteNumber(field, value);
  if (x <= 0) fail(field, 'must be > 0', x);
  return x;
}

/**
 * Flattens number[] or number[][] (rows of equal length) into a Matrix. Rows must be non-empty
 * unless `allowEmptyRows` (a correlated subset of one word has no pairs).
 */
export function numberMatrix(field: string, value: unknown, allowEmptyRows = false): Matrix {
  if (!Array.isArray(value) || (value.length === 0 && !allowEmptyRows)) {
    fail(field, 'must be a non-empty array of numbers or of arrays of numbers', value);
  }
  const batched = value.length > 0 && Array.isArray(value[0]);
  const rows: unknown[][] = batched ? (value as unknown[][]) : [value as unknown[]];
  const rowLength = Array.isArray(rows[0]) ? rows[0].length : 0;
  if (rowLength === 0 && !allowEmptyRows) {
    fail(`${field}[0]`, 'must be a non-empty array of numbers', rows[0]);
  }
  const data = new Float64Array(rows.length * rowLength);
  rows.forEach((row, r) => {
    const where = batched ? `${field}[${r}]` : field;
    if (!Array.isArray(row))
      fail(where, 'must be an array of numbers (every batch item an array)', row);
    if (row.length !== rowLength) {
      fail(
        where,
        `must have length ${rowLength} like ${field}[0] (ragged batch)`,
        arrayOfLength(row.length),
      );
    }
    row.forEach((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        fail(`${where}[${i}]`, 'must be a finite number', x);
      data[r * rowLength + i] = x;
    });
  });
  return { data, rows: rows.length, rowLength, batched };
}

/** Rejects `other` unless it has the same batch shape as `reference`. */
export function assertSameBatch(
  field: string,
  other: Matrix,
  reference: Matrix,
  referenceField: string,
): void {
  if (other.batched !== reference.batched || other.rows !== reference.rows) {
    const shape = reference.batched
      ? `a batch of ${reference.rows} like ${referenceField}`
      : `a single item like ${referenceField}`;
    fail(
      field,
      `must be ${shape}`,
      new Verbatim(other.batched ? `a batch of ${other.rows}` : 'a single item'),
    );
  }
}
