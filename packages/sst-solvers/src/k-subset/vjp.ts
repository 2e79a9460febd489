// Exact VJP of the k-subset marginals. ∂μ/∂a is the covariance of x (symmetric), so
// gᵀ ∂μ/∂a = d/dε μ(a + εg): one tangent sweep forward (dual.ts) and one dual adjoint sweep
// backward (backward.ts). With a = scores/t, the chain rule adds the factor 1/t.
import type { RelaxOptions } from '../validate.js';
import { assertFiniteArray, assertSameLength, resolveTemperature } from '../validate.js';
import { allTakenLogZ, checkKSubsetArgs } from './args.js';
import { backwardMarginalsAndJvp } from './backward.js';
import { forwardTangents } from './dual.js';
import { forwardItem } from './marginals.js';
import type { KSubsetWorkspace } from './workspace.js';
import { createWorkspace } from './workspace.js';

/** Marginals, log Z and ∂(g·μ)/∂scores in one pass (the VJP computes μ on the way). */
export function kSubsetMarginalsAndVjp(
  scores: Float64Array,
  m: number,
  k: number,
  g: Float64Array,
  options?: RelaxOptions,
): { marginals: Float64Array; logZ: Float64Array; vjp: Float64Array } {
  const batch = checkKSubsetArgs(scores, m, k);
  assertFiniteArray('g', g);
  assertSameLength('g', g, scores.length);
  const t = resolveTemperature(options);
  const marginals = new Float64Array(scores.length);
  const logZ = new Float64Array(batch);
  const vjp = new Float64Array(scores.length);
  // k = 0 and k = m have a single structure: μ is constant, so the VJP is 0.
  if (k === 0) return { marginals, logZ, vjp };
  if (k === m) {
    marginals.fill(1);
    for (let b = 0; b < batch; b++) logZ[b] = allTakenLogZ(scores, b * m, m, t);
    return { marginals, logZ, vjp };
  }
  runBatch(createWorkspace(m, k, true), scores, g, t, marginals, logZ, vjp);
  return { marginals, logZ, vjp };
}

/** The per-item sweeps: values, tangents, then the dual adjoint; all buffers come from ws. */
function runBatch(
  ws: KSubsetWorkspace,
  scores: Float64Array,
  g: Float64Array,
  t: number,
  marginals: Float64Array,
  logZ: Float64Array,
  vjp: Float64Array,
): void {
  const m = ws.m;
  for (let b = 0; b < logZ.length; b++) {
    const off = b * m;
    logZ[b] = forwardItem(ws, scores, off, t);
    forwardTangents(ws, g, off);
    backwardMarginalsAndJvp(ws, marginals, vjp, off);
  }
  for (let i = 0; i < vjp.length; i++) vjp[i] /= t;
}

/** ∂(g·μ)/∂scores for the k-subset marginals μ at temperature t (exact, O(m·k) per item). */
export function kSubsetVjp(
  scores: Float64Array,
  m: number,
  k: number,
  g: Float64Array,
  options?: RelaxOptions,
): Float64Array {
  return kSubsetMarginalsAndVjp(scores, m, k, g, options).vjp;
}
