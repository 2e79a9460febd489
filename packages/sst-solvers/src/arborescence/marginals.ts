// Public entry points of the arborescence relaxation (E.F. entropy over arborescences rooted at
// node 0, DESIGN.md §3.4): log Z, marginals, and their exact VJP, per item of a flat batch.
import { assertFiniteArray } from '../validate.js';
import type { ArborescenceOptions } from './options.js';
import { runArborescence } from './solve.js';

/**
 * Marginals μ(h→m) and log Z of p(T) ∝ exp(Σ_{(h→m)∈T} scores[h][m] / t) over the arborescences
 * rooted at node 0 of each n×n item (row = head, column = child; the diagonal, column 0 and
 * padded nodes get 0). Every child's incoming marginals sum to 1; in 'single' mode the root's
 * outgoing ones do too. Finite for every finite input, whatever the spread of scales.
 */
export function arborescenceMarginals(
  scores: Float64Array,
  n: number,
  options?: ArborescenceOptions,
): { marginals: Float64Array; logZ: Float64Array } {
  const { marginals, logZ } = runArborescence(scores, n, null, options, true);
  return { marginals: marginals as Float64Array, logZ: logZ as Float64Array };
}

/**
 * Exact vector–Jacobian product ∂(g·μ)/∂scores of `arborescenceMarginals` (it includes the 1/t
 * factor), O(n³) per item. Entries of g on the diagonal, column 0 or padding are ignored.
 */
export function arborescenceVjp(
  scores: Float64Array,
  n: number,
  g: Float64Array,
  options?: ArborescenceOptions,
): Float64Array {
  if (g === null) assertFiniteArray('g', g); // null would otherwise mean "no VJP"
  return runArborescence(scores, n, g, options, false).vjp as Float64Array;
}

/** Marginals, log Z and the VJP in one pass (the factorisation is shared between them). */
export function arborescenceMarginalsAndVjp(
  scores: Float64Array,
  n: number,
  g: Float64Array,
  options?: ArborescenceOptions,
): { marginals: Float64Array; logZ: Float64Array; vjp: Float64Array } {
  if (g === null) assertFiniteArray('g', g);
  const out = runArborescence(scores, n, g, options, true);
  return {
    marginals: out.marginals as Float64Array,
    logZ: out.logZ as Float64Array,
    vjp: out.vjp as Float64Array,
  };
}
