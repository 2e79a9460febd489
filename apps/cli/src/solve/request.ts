// Parsing and validation of one `sst solve` request. Every rejection names the field and value.
import { nodesFromEdgeCount } from '@sst-tricks/sst-solvers';
import { CliError } from '../cli-error.js';

export const STRUCTURES = ['one-hot', 'k-subset', 'spanning-tree'] as const;
export const OPS = ['argmax', 'marginals', 'vjp'] as const;
export type Structure = (typeof STRUCTURES)[number];
export type Op = (typeof OPS)[number];

/** A validated request: scores and g flattened into one float64 buffer of `batch` rows. */
export interface SolveRequest {
  structure: Structure;
  op: Op;
  scores: Float64Array;
  /** Entries per batch item (m for one-hot and k-subset, n(n−1)/2 for spanning trees). */
  rowLength: number;
  batch: number;
  /** Whether `scores` was given as number[][] (the response then holds one entry per item). */
  batched: boolean;
  k?: number;
  temperature?: number;
  maxRange?: number;
  g?: Float64Array;
}

const KNOWN_FIELDS = ['structure', 'op', 'scores', 'k', 'temperature', 'maxRange', 'g'];
/** Fields that only make sense for some structures or ops (a misplaced one is a likely mistake). */
const FIELD_STRUCTURES: Record<string, readonly Structure[]> = {
  k: ['k-subset'],
  maxRange: ['spanning-tree'],
};

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(field: string, expectation: string, value: unknown): never {
  throw new CliError(`field "${field}" ${expectation}, got ${describe(value)}`);
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    fail(field, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`, value);
  }
  return value as T;
}

function finiteNumber(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, 'must be a finite number', value);
  return value;
}

/** Flattens number[] or number[][] (all rows of equal, non-zero length) into a Float64Array. */
function numberMatrix(field: string, value: unknown): { data: Float64Array; rows: number; rowLength: number; batched: boolean } {
  if (!Array.isArray(value) || value.length === 0) fail(field, 'must be a non-empty array of numbers or of arrays of numbers', value);
  const batched = Array.isArray(value[0]);
  const rows: unknown[][] = batched ? (value as unknown[][]) : [value as unknown[]];
  const rowLength = Array.isArray(rows[0]) ? rows[0].length : 0;
  if (rowLength === 0) fail(`${field}[0]`, 'must be a non-empty array of numbers', rows[0]);
  const data = new Float64Array(rows.length * rowLength);
  rows.forEach((row, r) => {
    const where = batched ? `${field}[${r}]` : field;
    if (!Array.isArray(row)) fail(where, 'must be an array of numbers (every batch item an array)', row);
    if (row.length !== rowLength) fail(where, `must have length ${rowLength} like ${field}[0] (ragged batch)`, `array of length ${row.length}`);
    row.forEach((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${where}[${i}]`, 'must be a finite number', x);
      data[r * rowLength + i] = x;
    });
  });
  return { data, rows: rows.length, rowLength, batched };
}

/** Parses and validates the JSON text of one request. */
export function parseSolveRequest(text: string): SolveRequest {
  if (text.trim() === '') throw new CliError('expected one JSON request on stdin, got nothing');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`request is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CliError(`request must be a JSON object, got ${describe(raw)}`);
  }
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.includes(key)) fail(key, `is not a known field (known: ${KNOWN_FIELDS.join(', ')})`, body[key]);
  }
  const structure = oneOf('structure', body.structure, STRUCTURES);
  const op = oneOf('op', body.op, OPS);
  for (const [field, structures] of Object.entries(FIELD_STRUCTURES)) {
    if (body[field] !== undefined && !structures.includes(structure)) {
      fail(field, `applies only to structure ${structures.map((s) => `"${s}"`).join(', ')}, not "${structure}"`, body[field]);
    }
  }
  const scores = numberMatrix('scores', body.scores);
  const request: SolveRequest = {
    structure,
    op,
    scores: scores.data,
    rowLength: scores.rowLength,
    batch: scores.rows,
    batched: scores.batched,
  };
  if (body.temperature !== undefined) {
    const t = finiteNumber('temperature', body.temperature);
    if (t <= 0) fail('temperature', 'must be > 0', t);
    request.temperature = t;
  }
  if (body.maxRange !== undefined) {
    const r = finiteNumber('maxRange', body.maxRange);
    if (r <= 0) fail('maxRange', 'must be > 0', r);
    request.maxRange = r;
  }
  if (structure === 'k-subset') {
    if (body.k === undefined) fail('k', 'is required for structure "k-subset"', undefined);
    const k = finiteNumber('k', body.k);
    if (!Number.isInteger(k) || k < 0 || k > scores.rowLength) fail('k', `must be an integer in 0..${scores.rowLength} (the number of scores per item)`, k);
    request.k = k;
  }
  if (structure === 'spanning-tree') {
    // Throws a RangeError naming the field when the length is not n(n−1)/2.
    nodesFromEdgeCount(scores.batched ? 'scores[0]' : 'scores', scores.rowLength);
  }
  if (op === 'vjp') {
    if (body.g === undefined) fail('g', 'is required for op "vjp"', undefined);
    const g = numberMatrix('g', body.g);
    if (g.batched !== scores.batched || g.rows !== scores.rows || g.rowLength !== scores.rowLength) {
      fail('g', `must have the shape of scores (${scores.batched ? `${scores.rows}×` : ''}${scores.rowLength})`, body.g);
    }
    request.g = g.data;
  } else if (body.g !== undefined) {
    fail('g', 'applies only to op "vjp"', body.g);
  }
  return request;
}
