// Dispatches a validated request to the float64 solvers and shapes the JSON response.
import {
  kruskalArgmax,
  kSubsetMarginals,
  kSubsetVjp,
  nodesFromEdgeCount,
  oneHotArgmax,
  oneHotMarginals,
  oneHotVjp,
  spanningTreeMarginals,
  spanningTreeVjp,
  topKArgmax,
} from '@sst-tricks/sst-solvers';
import type { SolveRequest } from './request.js';

export type SolveResponse =
  | { argmax: number[] | number[][] }
  | { marginals: number[] | number[][]; logZ: number | number[] }
  | { vjp: number[] | number[][] };

interface Solver {
  argmax(scores: Float64Array): Float64Array;
  marginals(scores: Float64Array): { marginals: Float64Array; logZ: Float64Array };
  vjp(scores: Float64Array, g: Float64Array): Float64Array;
}

function solverFor(request: SolveRequest): Solver {
  const m = request.rowLength;
  const relax = { temperature: request.temperature };
  switch (request.structure) {
    case 'one-hot':
      return {
        argmax: (s) => oneHotArgmax(s, m),
        marginals: (s) => oneHotMarginals(s, m, relax),
        vjp: (s, g) => oneHotVjp(s, m, g, relax),
      };
    case 'k-subset': {
      const k = request.k as number;
      return {
        argmax: (s) => topKArgmax(s, m, k),
        marginals: (s) => kSubsetMarginals(s, m, k, relax),
        vjp: (s, g) => kSubsetVjp(s, m, k, g, relax),
      };
    }
    case 'spanning-tree': {
      const n = nodesFromEdgeCount('scores', m);
      const options = { ...relax, maxRange: request.maxRange };
      return {
        argmax: (s) => kruskalArgmax(s, n),
        marginals: (s) => spanningTreeMarginals(s, n, options),
        vjp: (s, g) => spanningTreeVjp(s, n, g, options),
      };
    }
  }
}

/** Splits a flat buffer into rows (batched) or returns the single row as a plain array. */
function rows(values: Float64Array, rowLength: number, batched: boolean): number[] | number[][] {
  if (!batched) return Array.from(values);
  const out: number[][] = [];
  for (let start = 0; start < values.length; start += rowLength) {
    out.push(Array.from(values.subarray(start, start + rowLength)));
  }
  return out;
}

/** Runs one validated request. Solver input errors propagate as TypeError/RangeError. */
export function runSolve(request: SolveRequest): SolveResponse {
  const solver = solverFor(request);
  const shape = (values: Float64Array) => rows(values, request.rowLength, request.batched);
  switch (request.op) {
    case 'argmax':
      return { argmax: shape(solver.argmax(request.scores)) };
    case 'marginals': {
      const { marginals, logZ } = solver.marginals(request.scores);
      return {
        marginals: shape(marginals),
        logZ: request.batched ? Array.from(logZ) : (logZ[0] as number),
      };
    }
    case 'vjp':
      return { vjp: shape(solver.vjp(request.scores, request.g as Float64Array)) };
  }
}
