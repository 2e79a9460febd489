// Runs a validated request through its structure's solvers and shapes the JSON response.
import type { SolveRequest } from './request.js';
import type { Parts } from './structures/spec.js';

type Rows = number[] | number[][];
/** One array per score part; an object keyed by part for multi-part structures. */
type PartsJson = Rows | Record<string, Rows>;

export type SolveResponse =
  | { argmax: PartsJson }
  | { marginals: PartsJson; logZ?: number | number[]; converged?: boolean | boolean[] }
  | { vjp: PartsJson };

/** Splits a flat buffer into rows (batched) or returns the single row as a plain array. */
function rows(values: Float64Array, rowLength: number, batched: boolean): Rows {
  if (!batched) return Array.from(values);
  const out: number[][] = [];
  for (let r = 0; r < values.length / Math.max(rowLength, 1); r++) {
    out.push(Array.from(values.subarray(r * rowLength, (r + 1) * rowLength)));
  }
  return out;
}

function partsJson(request: SolveRequest, parts: Parts): PartsJson {
  const shaped: Record<string, Rows> = {};
  for (const part of request.spec.parts) {
    const length = request.scores[part]?.rowLength ?? 0;
    if (length === 0 && request.batched) {
      shaped[part] = Array.from({ length: request.scores[part]?.rows ?? 0 }, () => []);
    } else {
      shaped[part] = rows(parts[part] as Float64Array, length, request.batched);
    }
  }
  return request.spec.parts.length === 1
    ? (shaped[request.spec.parts[0] as string] as Rows)
    : shaped;
}

function perItem<T>(values: ArrayLike<number>, batched: boolean, map: (x: number) => T): T | T[] {
  const items = Array.from(values, map);
  return batched ? items : (items[0] as T);
}

/** Runs one validated request. Solver input errors propagate as TypeError/RangeError. */
export function runSolve(request: SolveRequest): SolveResponse {
  const { spec } = request;
  switch (request.op) {
    case 'argmax':
      return { argmax: partsJson(request, spec.argmax(request)) };
    case 'marginals': {
      const { values, logZ, converged } = spec.relax(request);
      const response: SolveResponse = { marginals: partsJson(request, values) };
      if (logZ) response.logZ = perItem(logZ, request.batched, (x) => x);
      if (converged) response.converged = perItem(converged, request.batched, (x) => x === 1);
      return response;
    }
    case 'vjp':
      return { vjp: partsJson(request, spec.vjp(request)) };
  }
}
