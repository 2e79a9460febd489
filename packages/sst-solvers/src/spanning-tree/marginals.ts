// Public entry points of the spanning-tree relaxation (E.F. entropy over spanning trees of K_n):
// log Z, marginals and their exact VJP, per item of a flat batch. Temperature and clipping are
// applied here; the per-item maths lives in multi-scale.ts and matrix-tree.ts.
import type { FusedKernels } from '../linalg/dense.js';
import { resolveThreads, splitBatch } from '../threads/pool.js';
import {
  assertFiniteArray,
  assertSameLength,
  edgeCount,
  resolveTemperature,
  temperedScoreError,
} from '../validate.js';
import { checkTreeScores } from './check.js';
import { layOut, plainVjp } from './matrix-tree.js';
import { PLAIN_SPREAD, solveTree } from './multi-scale.js';
import { resolveMaxRange, type SpanningTreeOptions } from './options.js';
import { TreeWorkspace, treeWorkspace } from './workspace.js';

interface Outputs {
  marginals: Float64Array | null;
  logZ: Float64Array | null;
  vjp: Float64Array | null;
}

/**
 * Loads item b as s = max(a, max(a) − maxRange), a = scores/t, into ws.s (flags in ws.clipped)
 * and returns the index of max(a) (lowest on ties): the entry clipped shares flow back to.
 */
function loadItem(
  ws: TreeWorkspace,
  scores: Float64Array,
  off: number,
  t: number,
  maxRange: number,
) {
  const { m, s, clipped } = ws;
  let arg = 0;
  for (let e = 0; e < m; e++) {
    const a = scores[off + e] / t;
    if (!Number.isFinite(a)) {
      throw temperedScoreError(scores, off + e, t);
    }
    s[e] = a;
    if (a > s[arg]) arg = e;
  }
  const floor = s[arg] - maxRange;
  for (let e = 0; e < m; e++) {
    const isClipped = s[e] < floor;
    clipped[e] = isClipped ? 1 : 0;
    if (isClipped) s[e] = floor;
  }
  return arg;
}

function run(
  scores: Float64Array,
  n: number,
  g: Float64Array | null,
  options: SpanningTreeOptions | undefined,
  wantMarginals: boolean,
): Outputs {
  const batch = checkTreeScores(scores, n);
  if (g !== null) {
    assertFiniteArray('g', g);
    assertSameLength('g', g, scores.length);
  }
  const t = resolveTemperature(options);
  const maxRange = resolveMaxRange(options);
  const m = edgeCount(n);
  const ws = treeWorkspace(n);
  const out: Outputs = {
    marginals: wantMarginals ? new Float64Array(scores.length) : null,
    logZ: wantMarginals ? new Float64Array(batch) : null,
    vjp: g !== null ? new Float64Array(scores.length) : null,
  };
  const fused = ws.dense.fused;
  const solveRange = (from: number, count: number) => {
    for (let b = from; b < from + count; b++) {
      const off = b * m;
      if (g !== null) ws.g.set(g.subarray(off, off + m));
      const logZ =
        fused === null
          ? solveItem(ws, scores, off, t, maxRange, out.vjp)
          : solveItemFused(ws, fused, scores, off, t, maxRange, out.vjp);
      if (out.logZ !== null) out.logZ[b] = logZ;
      if (out.marginals !== null) out.marginals.set(ws.mu, off);
    }
  };
  const threads = resolveThreads(options);
  if (threads > 1 && batch > 1) {
    const job = { kind: 'spanning-tree', n, itemSize: m, hasG: g !== null, wantMarginals } as const;
    const optionsFor = () => ({ temperature: t, maxRange });
    if (splitBatch(job, threads, batch, scores, g, optionsFor, solveRange, out)) return out;
  }
  solveRange(0, batch);
  return out;
}

/** Loads, solves and scatters item `off` (g already in ws.g); returns log Z. */
function solveItem(
  ws: TreeWorkspace,
  scores: Float64Array,
  off: number,
  t: number,
  maxRange: number,
  vjp: Float64Array | null,
): number {
  const arg = loadItem(ws, scores, off, t, maxRange);
  const logZ = solveTree(ws, vjp !== null);
  if (vjp !== null) scatterVjp(ws.vjp, ws.clipped, arg, t, vjp, off);
  return logZ;
}

/**
 * The same in one WebAssembly call per item (wasm/spanning-tree.ts treeItem) when the plain
 * formula applies; otherwise the item, already loaded there, goes through `solveTree`.
 */
function solveItemFused(
  ws: TreeWorkspace,
  fused: FusedKernels,
  scores: Float64Array,
  off: number,
  t: number,
  maxRange: number,
  vjp: Float64Array | null,
): number {
  const { m, info } = ws;
  ws.rawScores.set(scores.subarray(off, off + m));
  const withVjp = vjp !== null;
  const plain = fused.exports.treeItem(
    ws.table.byteOffset,
    ws.n,
    m,
    t,
    maxRange,
    PLAIN_SPREAD,
    withVjp ? 1 : 0,
  );
  const status = info[1];
  if (status === 0) {
    if (vjp !== null) vjp.set(ws.rawVjp, off);
    return plain;
  }
  if (status === 1) {
    const src = off + (info[2] as number);
    throw temperedScoreError(scores, src, t);
  }
  const logZ = solveTree(ws, withVjp);
  if (vjp !== null) scatterVjp(ws.vjp, ws.clipped, info[3] as number, t, vjp, off);
  return logZ;
}

/**
 * Chain rule from the VJP with respect to s back to the scores: through the clip (a clipped entry
 * has no gradient of its own; its share goes to the arg-max entry, since the floor
 * max(a) − maxRange moves with it) and through a = scores/t. Writes item `off` of `res`.
 */
function scatterVjp(
  vjp: Float64Array,
  clipped: Uint8Array,
  arg: number,
  t: number,
  res: Float64Array,
  off: number,
): void {
  let flowsToMax = 0;
  for (let e = 0; e < vjp.length; e++) {
    if (clipped[e]) flowsToMax += vjp[e];
    else res[off + e] = vjp[e] / t;
  }
  res[off + arg] += flowsToMax / t;
}

/**
 * Marginals μ (edge probabilities) and log Z of p(T) ∝ exp(Σ_{e∈T} s_e) over the spanning trees of
 * K_n, with s the tempered (and optionally clipped) scores; one log Z per batch item. Finite for
 * every finite input, including weights on wildly different scales.
 */
export function spanningTreeMarginals(
  scores: Float64Array,
  n: number,
  options?: SpanningTreeOptions,
): { marginals: Float64Array; logZ: Float64Array } {
  const { marginals, logZ } = run(scores, n, null, options, true);
  return { marginals: marginals as Float64Array, logZ: logZ as Float64Array };
}

/** Exact vector–Jacobian product ∂(g·μ)/∂scores of `spanningTreeMarginals`, O(n³) per item. */
export function spanningTreeVjp(
  scores: Float64Array,
  n: number,
  g: Float64Array,
  options?: SpanningTreeOptions,
): Float64Array {
  if (g === null) assertFiniteArray('g', g); // null would otherwise mean "no VJP"
  return run(scores, n, g, options, false).vjp as Float64Array;
}

/** Marginals, log Z and the VJP in one pass (the factorisation is shared between them). */
export function spanningTreeMarginalsAndVjp(
  scores: Float64Array,
  n: number,
  g: Float64Array,
  options?: SpanningTreeOptions,
): { marginals: Float64Array; logZ: Float64Array; vjp: Float64Array } {
  if (g === null) assertFiniteArray('g', g); // null would otherwise mean "no VJP"
  const out = run(scores, n, g, options, true);
  return {
    marginals: out.marginals as Float64Array,
    logZ: out.logZ as Float64Array,
    vjp: out.vjp as Float64Array,
  };
}

/** The forward pass of the relaxation, keeping what its VJP needs (see spanningTreeForward). */
export interface SpanningTreeForward {
  marginals: Float64Array;
  logZ: Float64Array;
  /** ∂(g·marginals)/∂scores at the forward's scores and options; may be called repeatedly. */
  vjp(g: Float64Array): Float64Array;
}

/**
 * Marginals and log Z, plus a `vjp(g)` that reuses the forward pass's inverse Laplacian M for
 * every item solved by the plain formula, so a backward pass costs two matrix products instead of
 * a fresh factorisation — what a custom-gradient op needs, since it learns g only after the
 * forward. Items that took the multi-scale or arborescence route are re-solved. Keeps O(batch·n²)
 * floats alive until the returned object is dropped.
 */
export function spanningTreeForward(
  scores: Float64Array,
  n: number,
  options?: SpanningTreeOptions,
): SpanningTreeForward {
  const batch = checkTreeScores(scores, n);
  const t = resolveTemperature(options);
  const maxRange = resolveMaxRange(options);
  const m = edgeCount(n);
  const ws = new TreeWorkspace(n);
  const marginals = new Float64Array(scores.length);
  const logZ = new Float64Array(batch);
  const saved = {
    plain: new Uint8Array(batch),
    root: new Int32Array(batch),
    arg: new Int32Array(batch),
    clipped: new Uint8Array(scores.length),
    w: new Float64Array(scores.length),
    inv: new Float64Array(batch * n * n),
  };
  for (let b = 0; b < batch; b++) {
    const off = b * m;
    saved.arg[b] = loadItem(ws, scores, off, t, maxRange);
    logZ[b] = solveTree(ws, false);
    marginals.set(ws.mu, off);
    saved.clipped.set(ws.clipped, off);
    if (ws.solvedPlain) {
      saved.plain[b] = 1;
      saved.root[b] = ws.root;
      saved.w.set(ws.w, off);
      saved.inv.set(ws.inv.subarray(0, n * n), b * n * n);
    }
  }
  const vjp = (g: Float64Array): Float64Array => {
    assertFiniteArray('g', g);
    assertSameLength('g', g, scores.length);
    const out = new Float64Array(scores.length);
    for (let b = 0; b < batch; b++) {
      const off = b * m;
      ws.g.set(g.subarray(off, off + m));
      if (saved.plain[b]) {
        ws.root = saved.root[b];
        layOut(ws);
        const inv = saved.inv.subarray(b * n * n, (b + 1) * n * n);
        plainVjp(ws, inv, saved.w.subarray(off, off + m), marginals.subarray(off, off + m));
      } else {
        loadItem(ws, scores, off, t, maxRange);
        solveTree(ws, true);
      }
      scatterVjp(ws.vjp, saved.clipped.subarray(off, off + m), saved.arg[b], t, out, off);
    }
    return out;
  };
  return { marginals, logZ, vjp };
}
