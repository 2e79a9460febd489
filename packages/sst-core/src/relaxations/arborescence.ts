// Arborescences rooted at node 0: Chu–Liu/Edmonds (hard, max) and the directed matrix-tree
// marginals (E.F. entropy), multi-root or single-root, with optional per-item lengths (padding).
// Utilities are n×n (row = head, column = child): [batch, n·n] or [batch, n, n].
import {
  arborescenceMarginals,
  arborescenceVjp,
  chuLiuEdmondsArgmax,
} from '@sst-tricks/sst-solvers';
import type * as tf from '@tensorflow/tfjs-core';
import {
  checkChoice,
  checkInteger,
  checkOptionsObject,
  checkTemperature,
  show,
} from './options.js';
import type { Structure } from './structure.js';
import { runHard, runRelaxed } from './structure.js';

export type RootModeName = 'multi' | 'single';

/** The solver's limit: n² entries per item must stay a valid typed-array length. */
const MAX_NODES = 46340;

export interface HardArborescenceOptions {
  /** Number of nodes (≥ 2), node 0 the root. */
  n: number;
  /** 'multi' (default: the root may have several children) or 'single' (exactly one). */
  rootMode?: RootModeName;
  /** One entry per batch item: its number of real nodes (2..n); the rest is padding. */
  lengths?: ArrayLike<number>;
}

export interface RelaxedArborescenceOptions extends HardArborescenceOptions {
  /** > 0; the relaxation is evaluated at U / temperature. */
  temperature: number;
}

interface Resolved {
  n: number;
  temperature: number;
  rootMode: RootModeName;
  lengths: Int32Array | undefined;
}

function copyLengths(op: string, value: unknown, n: number): Int32Array | undefined {
  if (value === undefined) return undefined;
  const ok =
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ArrayLike<number>).length === 'number';
  if (!ok) throw new TypeError(`${op}: lengths must be an array of numbers, got ${show(value)}`);
  const list = value as ArrayLike<unknown>;
  // A copy, so a caller mutating the array later cannot change a distribution already built.
  const out = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = checkInteger(op, `lengths[${i}]`, list[i], 2, n);
  return out;
}

export const arborescence: Structure<Resolved> = {
  relaxedName: 'relaxedArborescence',
  hardName: 'hardArborescence',
  operands: ['utilities'],
  square: true,
  resolve(op, options, relaxed) {
    const opts = checkOptionsObject(op, options, true);
    const n = checkInteger(op, 'n', opts.n, 2, MAX_NODES);
    return {
      n,
      temperature: relaxed ? checkTemperature(op, opts.temperature) : 1,
      rootMode: checkChoice(op, 'rootMode', opts.rootMode, ['multi', 'single'], 'multi'),
      lengths: copyLengths(op, opts.lengths, n),
    };
  },
  sizes: (_op, o) => [{ size: o.n * o.n, label: `n·n for n = ${o.n}` }],
  checkBatch(op, o, batch) {
    if (o.lengths !== undefined && o.lengths.length !== batch) {
      throw new RangeError(
        `${op}: lengths must have one entry per batch item (${batch}), got ${o.lengths.length}`,
      );
    }
  },
  entryMask(o, batch) {
    const { n, lengths } = o;
    const mask = new Float64Array(batch * n * n);
    for (let b = 0; b < batch; b++) {
      const len = lengths === undefined ? n : lengths[b];
      // Arc h → c exists for heads h < len, children 1 ≤ c < len, h ≠ c.
      for (let h = 0; h < len; h++) {
        for (let c = 1; c < len; c++) if (h !== c) mask[(b * n + h) * n + c] = 1;
      }
    }
    return mask;
  },
  hard: ([u], o) => [chuLiuEdmondsArgmax(u, o.n, { rootMode: o.rootMode, lengths: o.lengths })],
  relax([u], o) {
    const opts = { temperature: o.temperature, rootMode: o.rootMode, lengths: o.lengths };
    return {
      outputs: [arborescenceMarginals(u, o.n, opts).marginals],
      vjp: ([g]) => [arborescenceVjp(u, o.n, g, opts)],
    };
  },
};

/** Relaxed arborescence (arc marginals at U/t) of u [batch, n·n] or [batch, n, n]. */
export function relaxedArborescence(u: tf.Tensor, options: RelaxedArborescenceOptions): tf.Tensor {
  return runRelaxed(arborescence, [u], options)[0];
}

/** Maximum arborescence rooted at 0 (Chu–Liu/Edmonds) of u, as float32 0/1 arc indicators. */
export function hardArborescence(u: tf.Tensor, options: HardArborescenceOptions): tf.Tensor {
  return runHard(arborescence, [u], options)[0];
}
