// What each structure contributes to `sst solve`: its score layout, fields, regularisers, solvers.
import { arrayOfLength, fail, type Matrix } from '../json-fields.js';

export type RootMode = 'multi' | 'single';

/** The optional request fields, validated generically before a structure sees them. */
export interface SolveOptions {
  regularizer: string;
  temperature?: number;
  k?: number;
  maxRange?: number;
  rootMode?: RootMode;
}

/** Named float64 buffers, one per score part (`scores`, or `word` and `pair`). */
export type Parts = Record<string, Float64Array>;

/** A validated problem: every part flattened over the batch. */
export interface Problem {
  scores: Record<string, Matrix>;
  options: SolveOptions;
  /** The cotangent, same parts and shapes as `scores` (op "vjp" only). */
  g?: Record<string, Matrix>;
}

/** The relaxed sample, plus log Z where the regulariser has one (E.F. entropy). */
export interface Relaxation {
  values: Parts;
  logZ?: Float64Array;
  /** Per item, whether an iterative solver met its tolerance (Sinkhorn). */
  converged?: Uint8Array;
}

export type StructureField = 'k' | 'maxRange' | 'rootMode';

export interface StructureSpec {
  /** Score parts: `['scores']` for plain structures, else the keys of the `scores` object. */
  parts: readonly string[];
  /** Structure-specific request fields it accepts. */
  fields: readonly StructureField[];
  /** Accepted regularisers; the first is the default. */
  regularizers: readonly string[];
  /** Checks row lengths and size-dependent options; throws a CliError naming the field. */
  checkShape(problem: Problem): void;
  argmax(problem: Problem): Parts;
  relax(problem: Problem): Relaxation;
  vjp(problem: Problem): Parts;
}

/** The name a part's field has in messages: `scores`, or `scores.word` for multi-part scores. */
export function partField(spec: StructureSpec, part: string, field = 'scores'): string {
  return spec.parts.length === 1 ? field : `${field}.${part}`;
}

/** Row length of the single `scores` part (the per-item size of a plain structure). */
export function rowLength(problem: Problem, part = 'scores'): number {
  return (problem.scores[part] as Matrix).rowLength;
}

/** The flat buffer of a score part. */
export function scoresOf(problem: Problem, part = 'scores'): Float64Array {
  return (problem.scores[part] as Matrix).data;
}

/** The flat buffer of a cotangent part (present when op is "vjp"). */
export function gOf(problem: Problem, part = 'scores'): Float64Array {
  const g = problem.g?.[part];
  if (!g) throw new Error(`no cotangent for part "${part}" (parseSolveRequest requires g for vjp)`);
  return g.data;
}

/** Validates k against the number of items per problem. */
export function checkK(problem: Problem, m: number, what: string): number {
  const k = problem.options.k;
  if (k === undefined) fail('k', 'is required for this structure', undefined);
  if (!Number.isInteger(k) || k < 0 || k > m)
    fail('k', `must be an integer in 0..${m} (${what})`, k);
  return k;
}

/** Side n of square n×n score rows (arborescences, permutations). */
export function squareSide(problem: Problem, minimum: number): number {
  const length = rowLength(problem);
  const n = Math.round(Math.sqrt(length));
  const field = problem.scores.scores?.batched ? 'scores[0]' : 'scores';
  if (n * n !== length || n < minimum) {
    fail(
      field,
      `must hold an n×n row-major matrix (n*n numbers, n >= ${minimum})`,
      arrayOfLength(length),
    );
  }
  return n;
}
