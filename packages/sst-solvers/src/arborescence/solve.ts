// One pass over a batch: load each item (tempered, compact), solve it on the fast path or, when
// that cannot be trusted, on the log-space elimination, and scatter the outputs back.

import type { FusedKernels } from '../linalg/dense.js';
import { resolveThreads, splitBatch } from '../threads/pool.js';
import {
  assertFiniteArray,
  assertSameLength,
  resolveTemperature,
  temperedScoreError,
} from '../validate.js';
import { logEliminationArborescence } from './log-elimination.js';
import { matrixTreeArborescence } from './matrix-tree.js';
import {
  type ArborescenceOptions,
  type ArborescenceOutBuffers,
  checkArborescenceScores,
  outputBuffer,
  resolveLengths,
  resolveRootMode,
} from './options.js';
import { type ArborescenceWorkspace, arborescenceWorkspace } from './workspace.js';

export interface ArborescenceOutputs {
  marginals: Float64Array | null;
  logZ: Float64Array | null;
  vjp: Float64Array | null;
}

/** Solves one loaded item: the inverse-based fast path, else the exact log-space elimination. */
export function solveItem(
  ws: ArborescenceWorkspace,
  L: number,
  single: boolean,
  withJvp: boolean,
): number {
  const logZ = matrixTreeArborescence(ws, L, single, withJvp);
  if (!Number.isNaN(logZ)) return logZ;
  return logEliminationArborescence(ws, L, single, withJvp);
}

/** Loads item `off` (L real nodes) as a = scores/t and da = g (compact, stride L). */
function loadItem(
  ws: ArborescenceWorkspace,
  scores: Float64Array,
  g: Float64Array | null,
  off: number,
  n: number,
  L: number,
  t: number,
): void {
  const { a, da } = ws;
  for (let h = 0; h < L; h++) {
    for (let m = 1; m < L; m++) {
      if (h === m) continue;
      const src = off + h * n + m;
      const v = scores[src] / t;
      if (!Number.isFinite(v)) {
        throw temperedScoreError(scores, src, t);
      }
      a[h * L + m] = v;
      if (g !== null) da[h * L + m] = g[src];
    }
  }
}

/** Writes item `off`'s clamped marginals and its VJP (÷ t: the chain rule of a = scores/t). */
function scatterItem(
  ws: ArborescenceWorkspace,
  out: ArborescenceOutputs,
  off: number,
  n: number,
  L: number,
  t: number,
): void {
  const { mu, dmu } = ws;
  const { marginals, vjp } = out;
  for (let h = 0; h < L; h++) {
    const src = h * L;
    const dst = off + h * n;
    if (marginals !== null) {
      for (let m = 1; m < L; m++) {
        // μ ∈ [0, 1] exactly; clamping only removes rounding (e.g. −1e−211 from a share × t).
        if (h !== m) marginals[dst + m] = Math.min(Math.max(mu[src + m], 0), 1);
      }
    }
    if (vjp !== null) {
      for (let m = 1; m < L; m++) if (h !== m) vjp[dst + m] = dmu[src + m] / t;
    }
  }
}

export function runArborescence(
  scores: Float64Array,
  n: number,
  g: Float64Array | null,
  options: ArborescenceOptions | undefined,
  wantMarginals: boolean,
): ArborescenceOutputs {
  const batch = checkArborescenceScores(scores, n);
  if (g !== null) {
    assertFiniteArray('g', g);
    assertSameLength('g', g, scores.length);
  }
  const t = resolveTemperature(options);
  const single = resolveRootMode(options) === 'single';
  const lengths = resolveLengths(options, batch, n);
  const ws = arborescenceWorkspace(n);
  // Fresh arrays are already zero; only the caller's (options.out) may hold a previous call's
  // values, so those are zero-filled once checked not to overlap the inputs.
  const given: Float64Array[] = [];
  const take = (name: keyof ArborescenceOutBuffers, length: number) => {
    const { buffer, given: isGiven } = outputBuffer(options, name, length);
    if (isGiven) given.push(buffer);
    return buffer;
  };
  const out: ArborescenceOutputs = {
    marginals: wantMarginals ? take('marginals', scores.length) : null,
    logZ: wantMarginals ? take('logZ', batch) : null,
    vjp: g !== null ? take('vjp', scores.length) : null,
  };
  checkDistinctBuffers(out, scores, g);
  for (const buffer of given) buffer.fill(0);
  const fused = ws.dense.fused;
  const solveRange = (from: number, count: number) => {
    for (let b = from; b < from + count; b++) {
      const off = b * n * n;
      const L = lengths[b] as number;
      const logZ =
        fused === null
          ? solveLoadedItem(ws, scores, g, off, n, L, t, single, out)
          : solveItemFused(ws, fused, scores, g, off, n, L, t, single, out);
      if (out.logZ !== null) out.logZ[b] = logZ;
    }
  };
  const threads = resolveThreads(options);
  if (threads > 1 && batch > 1) {
    const job = {
      kind: 'arborescence',
      n,
      itemSize: n * n,
      hasG: g !== null,
      wantMarginals,
    } as const;
    const optionsFor = (from: number, count: number) => ({
      temperature: t,
      rootMode: single ? 'single' : 'multi',
      lengths: Array.from(lengths.subarray(from, from + count)),
    });
    if (splitBatch(job, threads, batch, scores, g, optionsFor, solveRange, out)) return out;
  }
  solveRange(0, batch);
  return out;
}

/** options.out's buffers must not overlap the inputs or each other (views of one buffer may). */
function checkDistinctBuffers(
  out: ArborescenceOutputs,
  scores: Float64Array,
  g: Float64Array | null,
): void {
  const outputs = (['marginals', 'logZ', 'vjp'] as const).filter((k) => out[k] !== null);
  for (const [i, name] of outputs.entries()) {
    const mine = out[name] as Float64Array;
    if (overlaps(mine, scores)) throw new RangeError(`out.${name} must not overlap scores`);
    if (g !== null && overlaps(mine, g)) throw new RangeError(`out.${name} must not overlap g`);
    for (const other of outputs.slice(i + 1)) {
      if (overlaps(mine, out[other] as Float64Array)) {
        throw new RangeError(`out.${name} and out.${other} must not overlap`);
      }
    }
  }
}

function overlaps(a: Float64Array, b: Float64Array): boolean {
  return (
    a.buffer === b.buffer &&
    a.byteOffset < b.byteOffset + b.byteLength &&
    b.byteOffset < a.byteOffset + a.byteLength
  );
}

function solveLoadedItem(
  ws: ArborescenceWorkspace,
  scores: Float64Array,
  g: Float64Array | null,
  off: number,
  n: number,
  L: number,
  t: number,
  single: boolean,
  out: ArborescenceOutputs,
): number {
  loadItem(ws, scores, g, off, n, L, t);
  const logZ = solveItem(ws, L, single, g !== null);
  scatterItem(ws, out, off, n, L, t);
  return logZ;
}

/**
 * The same steps on the WebAssembly path in one module call (wasm/arborescence.ts arbItem): the
 * item is copied into the arena (a memcpy), loaded, solved and scattered there, and copied out.
 * Only an untrusted fast path falls back to the JS log-space elimination, on the same (already
 * loaded) buffers.
 */
function solveItemFused(
  ws: ArborescenceWorkspace,
  fused: FusedKernels,
  scores: Float64Array,
  g: Float64Array | null,
  off: number,
  n: number,
  L: number,
  t: number,
  single: boolean,
  out: ArborescenceOutputs,
): number {
  const nn = n * n;
  const withJvp = g !== null;
  const { marginals, vjp } = out;
  ws.rawScores.set(scores.subarray(off, off + nn));
  if (g !== null) ws.rawG.set(g.subarray(off, off + nn));
  const k = fused.exports;
  let logZ = k.arbItem(
    ws.table.byteOffset,
    n,
    L,
    t,
    single ? 1 : 0,
    withJvp ? 1 : 0,
    marginals === null ? 0 : 1,
  );
  const status = ws.info[0];
  if (status === 1) {
    const src = off + (ws.info[1] as number);
    throw temperedScoreError(scores, src, t);
  }
  if (status === 2) {
    logZ = logEliminationArborescence(ws, L, single, withJvp);
    const at = fused.address;
    k.arbScatter(
      at(ws.mu),
      at(ws.dmu),
      marginals === null ? 0 : at(ws.rawMu),
      vjp === null ? 0 : at(ws.rawVjp),
      n,
      L,
      t,
    );
  }
  if (marginals !== null) marginals.set(ws.rawMu, off);
  if (vjp !== null) vjp.set(ws.rawVjp, off);
  return logZ;
}
