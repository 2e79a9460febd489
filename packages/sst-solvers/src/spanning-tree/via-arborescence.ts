// Exact fallback for weight spreads that neither one float64 Laplacian resolves nor a wide gap
// lets us split (e.g. maximum-tree log-weights 0, −3, −6, …, −45): every undirected spanning tree
// of K_n is exactly one arborescence rooted at node 0 of the symmetric digraph (orient each edge
// away from the root), with the same weight. So log Z is the arborescence log Z, μ_e = μ(i→j) +
// μ(j→i), and — the two arcs being tied to one edge score — the edge's VJP is the sum of the two
// arc VJPs. The arborescence solver switches to its compensated log-space elimination when its
// inverse is untrustworthy, which is exact at any spread.
import { arborescenceMarginals, arborescenceMarginalsAndVjp } from '../arborescence/index.js';
import type { TreeWorkspace } from './workspace.js';

/** Fills `ws.mu` (and `ws.vjp` when `withVjp`) for the item in `ws.s`/`ws.g`; returns log Z. */
export function solveTreeViaArborescence(ws: TreeWorkspace, withVjp: boolean): number {
  const { n, m, s, g, ei, ej, mu, vjp } = ws;
  const arcs = new Float64Array(n * n);
  const arcG = new Float64Array(n * n);
  for (let e = 0; e < m; e++) {
    const forward = ei[e] * n + ej[e];
    const backward = ej[e] * n + ei[e];
    arcs[forward] = s[e];
    arcs[backward] = s[e];
    arcG[forward] = g[e];
    arcG[backward] = g[e];
  }
  const result = withVjp
    ? arborescenceMarginalsAndVjp(arcs, n, arcG)
    : { ...arborescenceMarginals(arcs, n), vjp: undefined };
  for (let e = 0; e < m; e++) {
    const forward = ei[e] * n + ej[e];
    const backward = ej[e] * n + ei[e];
    // The two arc marginals are disjoint events, so their sum is ≤ 1; only rounding can exceed it.
    mu[e] = Math.min(1, result.marginals[forward] + result.marginals[backward]);
    if (result.vjp) vjp[e] = result.vjp[forward] + result.vjp[backward];
  }
  return result.logZ[0];
}
