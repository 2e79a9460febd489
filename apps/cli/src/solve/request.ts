// Parsing and validation of one `sst solve` request. Every rejection names the field and value.
import { CliError } from '../cli-error.js';
import {
  assertSameBatch,
  describe,
  fail,
  finiteNumber,
  type Matrix,
  numberMatrix,
  oneOf,
  positiveNumber,
} from './json-fields.js';
import { STRUCTURE_SPECS, STRUCTURES, type Structure } from './structures/index.js';
import {
  type Problem,
  partField,
  type SolveOptions,
  type StructureSpec,
} from './structures/spec.js';

export { STRUCTURES, type Structure };
export const OPS = ['argmax', 'marginals', 'vjp'] as const;
export type Op = (typeof OPS)[number];

/** A validated request: the structure's spec, the op, and the problem (scores, options, g). */
export interface SolveRequest extends Problem {
  structure: Structure;
  spec: StructureSpec;
  op: Op;
  /** Whether scores were given as a batch (the response then holds one entry per item). */
  batched: boolean;
}

const GENERIC_FIELDS = ['structure', 'op', 'scores', 'temperature', 'regularizer', 'g'];
const STRUCTURE_FIELDS = ['k', 'maxRange', 'rootMode'] as const;
const KNOWN_FIELDS = [...GENERIC_FIELDS, ...STRUCTURE_FIELDS];

/** Reads `scores` or `g`: a matrix for one-part structures, an object of matrices otherwise. */
function readParts(field: string, value: unknown, spec: StructureSpec): Record<string, Matrix> {
  if (spec.parts.length === 1) return { [spec.parts[0] as string]: numberMatrix(field, value) };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(
      field,
      `must be an object with fields ${spec.parts.map((p) => `"${p}"`).join(', ')}`,
      value,
    );
  }
  const body = value as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!spec.parts.includes(key))
      fail(
        `${field}.${key}`,
        `is not a part of ${field} (parts: ${spec.parts.join(', ')})`,
        body[key],
      );
  }
  const parts: Record<string, Matrix> = {};
  spec.parts.forEach((part, index) => {
    // Later parts may be empty rows (a one-word sequence has no adjacent pairs).
    const matrix = numberMatrix(`${field}.${part}`, body[part], index > 0);
    const first = parts[spec.parts[0] as string];
    if (first) assertSameBatch(`${field}.${part}`, matrix, first, `${field}.${spec.parts[0]}`);
    parts[part] = matrix;
  });
  return parts;
}

function readOptions(
  body: Record<string, unknown>,
  structure: Structure,
  spec: StructureSpec,
): SolveOptions {
  for (const field of STRUCTURE_FIELDS) {
    if (body[field] !== undefined && !spec.fields.includes(field)) {
      const owners = STRUCTURES.filter((s) =>
        (STRUCTURE_SPECS[s] as StructureSpec).fields.includes(field),
      );
      fail(
        field,
        `applies only to structure ${owners.map((s) => `"${s}"`).join(', ')}, not "${structure}"`,
        body[field],
      );
    }
  }
  const options: SolveOptions = {
    regularizer:
      body.regularizer === undefined
        ? (spec.regularizers[0] as string)
        : oneOf('regularizer', body.regularizer, spec.regularizers),
  };
  if (body.temperature !== undefined)
    options.temperature = positiveNumber('temperature', body.temperature);
  if (body.maxRange !== undefined) options.maxRange = positiveNumber('maxRange', body.maxRange);
  if (body.rootMode !== undefined)
    options.rootMode = oneOf('rootMode', body.rootMode, ['multi', 'single'] as const);
  if (body.k !== undefined) options.k = finiteNumber('k', body.k);
  return options;
}

/** Parses and validates the JSON text of one request. */
export function parseSolveRequest(text: string): SolveRequest {
  if (text.trim() === '') throw new CliError('expected one JSON request on stdin, got nothing');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // V8 may quote the raw input, newlines included: keep the message on one line.
    throw new CliError(
      `request is not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CliError(`request must be a JSON object, got ${describe(raw)}`);
  }
  const body = raw as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.includes(key))
      fail(key, `is not a known field (known: ${KNOWN_FIELDS.join(', ')})`, body[key]);
  }
  const structure = oneOf('structure', body.structure, STRUCTURES);
  const spec: StructureSpec = STRUCTURE_SPECS[structure];
  const op = oneOf('op', body.op, OPS);
  const options = readOptions(body, structure, spec);
  const scores = readParts('scores', body.scores, spec);
  const first = scores[spec.parts[0] as string] as Matrix;
  const request: SolveRequest = { structure, spec, op, scores, options, batched: first.batched };
  spec.checkShape(request);
  if (op === 'vjp') {
    if (body.g === undefined) fail('g', 'is required for op "vjp"', undefined);
    const g = readParts('g', body.g, spec);
    for (const part of spec.parts) {
      const [a, b] = [g[part] as Matrix, scores[part] as Matrix];
      if (a.batched !== b.batched || a.rows !== b.rows || a.rowLength !== b.rowLength) {
        const shape = `${b.batched ? `${b.rows}×` : ''}${b.rowLength}`;
        fail(
          partField(spec, part, 'g'),
          `must have the shape of ${partField(spec, part)} (${shape})`,
          body.g,
        );
      }
    }
    request.g = g;
  } else if (body.g !== undefined) {
    fail('g', 'applies only to op "vjp"', body.g);
  }
  return request;
}
