// Options of the arborescence solvers and the checks every public entry point runs on its input.
import {
  assertFiniteArray,
  assertIntInRange,
  batchCount,
  describeValue,
  optionOr,
  type RelaxOptions,
} from '../validate.js';

/**
 * 'multi': node 0 may have any number of children (Koo et al. 2007's multi-root form);
 * 'single': node 0 has exactly one child (a dependency tree with a single root word).
 */
export type RootMode = 'multi' | 'single';

/** Options shared by the hard solver and the relaxation. */
export interface ArborescenceShapeOptions {
  /** Default 'multi'. */
  rootMode?: RootMode;
  /**
   * One entry per batch item: its number of real nodes (2..n). Nodes ≥ length are padding: their
   * arcs are excluded and get marginal 0, argmax 0 and VJP 0. Default: every item has n nodes.
   */
  lengths?: ArrayLike<number>;
}

/** Options of the relaxation (marginals, log Z, VJP). */
export interface ArborescenceOptions extends RelaxOptions, ArborescenceShapeOptions {
  /**
   * Split the batch over this many threads (default 1): Node worker threads, the calling thread
   * blocking until they finish; one thread where they are unavailable (browsers). Same results.
   */
  threads?: number;
  /**
   * Caller-owned output buffers, reused across calls in a hot loop: a fresh 2.5 MB array is
   * zero-filled by the system page by page on first touch, ≈ 1.7 ms per call for marginals + VJP
   * at batch 128, n = 50 (10 % of the call). Each given buffer must have the output's length
   * (marginals and vjp: scores.length; logZ: the batch); it is overwritten entirely (entries the
   * solver does not produce — diagonal, column 0, padding — are set to 0) and returned. Buffers
   * for outputs a call does not produce are ignored.
   */
  out?: ArborescenceOutBuffers;
}

export interface ArborescenceOutBuffers {
  marginals?: Float64Array;
  logZ?: Float64Array;
  vjp?: Float64Array;
}

/** Largest n accepted: n² entries per item must stay a valid typed-array length. */
export const MAX_ARBORESCENCE_NODES = 46340;

/** The rootMode option (default 'multi'); TypeError for a non-string, RangeError otherwise. */
export function resolveRootMode(options: ArborescenceShapeOptions | undefined): RootMode {
  const mode: unknown = optionOr(options?.rootMode, 'multi');
  if (typeof mode !== 'string') {
    throw new TypeError(`rootMode must be 'multi' or 'single', got ${describeValue(mode)}`);
  }
  if (mode !== 'multi' && mode !== 'single') {
    throw new RangeError(`rootMode must be 'multi' or 'single', got ${JSON.stringify(mode)}`);
  }
  return mode;
}

/** Per-item node counts (default n for every item), each checked to be an integer in 2..n. */
export function resolveLengths(
  options: ArborescenceShapeOptions | undefined,
  batch: number,
  n: number,
): Int32Array {
  const out = new Int32Array(batch).fill(n);
  const lengths: unknown = options?.lengths;
  if (lengths === undefined) return out;
  if (
    lengths === null ||
    typeof lengths !== 'object' ||
    typeof (lengths as ArrayLike<number>).length !== 'number'
  ) {
    throw new TypeError(`lengths must be an array of integers, got ${String(lengths)}`);
  }
  const list = lengths as ArrayLike<unknown>;
  if (list.length !== batch) {
    throw new RangeError(
      `lengths must have one entry per batch item (${batch}), got ${list.length}`,
    );
  }
  for (let b = 0; b < batch; b++) {
    assertIntInRange(`lengths[${b}]`, list[b], 2, n);
    out[b] = list[b] as number;
  }
  return out;
}

/**
 * Checks a batch of n×n score matrices (finite Float64Array, n an integer ≥ 2, length a positive
 * multiple of n²) and returns the batch size.
 */
export function checkArborescenceScores(scores: unknown, n: unknown): number {
  if (!(scores instanceof Float64Array)) assertFiniteArray('scores', scores);
  assertIntInRange('n', n, 2, MAX_ARBORESCENCE_NODES);
  const batch = batchCount('scores', (scores as Float64Array).length, n * n);
  assertFiniteArray('scores', scores);
  return batch;
}

/** An output array and whether it is the caller's (options.out), which must be zero-filled. */
export interface OutputBuffer {
  buffer: Float64Array;
  given: boolean;
}

/**
 * The output buffer `name` (length `length`): options.out's when given (the caller zero-fills it
 * once the buffers are checked not to overlap the inputs); else a fresh zeroed array. TypeError
 * for a non-Float64Array, RangeError for a wrong length.
 */
export function outputBuffer(
  options: ArborescenceOptions | undefined,
  name: keyof ArborescenceOutBuffers,
  length: number,
): OutputBuffer {
  const out: unknown = options?.out;
  if (out === undefined) return { buffer: new Float64Array(length), given: false };
  if (out === null || typeof out !== 'object') {
    throw new TypeError(`out must be an object of Float64Arrays, got ${describeValue(out)}`);
  }
  const given: unknown = (out as ArborescenceOutBuffers)[name];
  if (given === undefined) return { buffer: new Float64Array(length), given: false };
  if (!(given instanceof Float64Array)) {
    throw new TypeError(`out.${name} must be a Float64Array, got ${describeValue(given)}`);
  }
  if (given.length !== length) {
    throw new RangeError(`out.${name} must have length ${length}, got ${given.length}`);
  }
  return { buffer: given, given: true };
}
