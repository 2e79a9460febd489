// Spanning-tree log Z, marginals and VJP for one item whose edge weights may span any number of
// scales (scores ±1e4, temperature 1e−3 …): where one float64 Laplacian cannot hold all the
// weights, split the graph at a gap between scales and contract (DESIGN.md §3.3, extreme inputs).
//
// Why this is exact up to float64 at a gap: let the "heavy" edges be those with s ≥ θ and let
// every edge joining two heavy components score ≤ θ − G. A spanning tree whose restriction to a
// heavy component C is not connected can be turned into one whose restriction is, by adding a
// heavy edge inside C and removing a cross edge on the cycle this closes; each such exchange
// multiplies the tree weight by ≥ e^G. So, up to a relative error O(poly(n)·e^−G), every tree is
// a spanning tree of each component's induced subgraph plus a spanning tree of the contracted
// multigraph, and Z factorises: Z = Π_C Z(C) · Z(contracted), where parallel cross edges between
// two super-nodes form a bundle of log-weight logsumexp(s_e). A cross edge's marginal is then its
// bundle's marginal times its softmax share within the bundle.
import { edgeIndexUnchecked } from './edges.js';
import { plainMatrixTree } from './matrix-tree.js';
import { solveTreeViaArborescence } from './via-arborescence.js';
import type { TreeWorkspace } from './workspace.js';

/**
 * −ln(2⁻⁵²) ≈ 36.04: two weights more than e^36 apart cannot be added in float64 without the
 * smaller one vanishing. It measures both errors we trade off, in log units:
 *  - one Laplacian holding a spread S of maximum-spanning-tree log-weights loses up to ~e^(S−36)
 *    relative accuracy (a cluster of heavy edges grounded only through light ones: its diagonal
 *    entries absorb the light weights, so its effective resistances come out as differences of
 *    numbers ~e^S times larger than the answer);
 *  - contracting at a gap G between consecutive maximum-spanning-tree log-weights is off by
 *    ~e^−G (above).
 * So a single Laplacian is used while S + G ≤ 36 (i.e. e^(S−36) ≤ e^−G), and the graph is split
 * at its largest gap otherwise. At ±1e4 or t = 1e−3 gaps are hundreds to millions of log units
 * wide and the split is exact to float64; weights that underflow exp() never reach a Laplacian
 * that needs them (a fixed underflow threshold such as R ≈ 600 would not be enough: a spread of
 * 40 with clusters already destroys the plain formula). A wide spread without a gap of at least
 * this width (e.g. tree log-weights 0, −3, −6, …, −45) is resolved by no Laplacian and no split:
 * those items go to the exact arborescence route (via-arborescence.ts).
 */
export const FLOAT64_LOG_RESOLUTION = 36;

/**
 * If the edges within this distance of the maximum already connect every node, the maximum
 * tree's spread is S ≤ 8 and the plain formula's error is ≲ e^(S−36) ≈ 1e−12 relative: it applies
 * without the O(m log m) scale analysis. (This is the common case: NRI logits at temperatures
 * near 1.) Wider spreads go to the split or to the exact arborescence route.
 */
export const PLAIN_SPREAD = 8;

/**
 * Solves the item in `ws.s` (and `ws.g` when `withVjp`): fills `ws.mu` (and `ws.vjp`, the VJP
 * with respect to s) and returns log Z. Never returns NaN for finite s.
 */
export function solveTree(ws: TreeWorkspace, withVjp: boolean): number {
  const { n, s } = ws;
  ws.solvedPlain = false;
  if (n === 2) {
    ws.mu[0] = 1;
    if (withVjp) ws.vjp[0] = 0;
    return s[0];
  }
  if (quickSpread(ws)) {
    const logZ = plainMatrixTree(ws, withVjp, true);
    ws.solvedPlain = !Number.isNaN(logZ);
    if (ws.solvedPlain) return logZ;
  }

  const { spread, gap, threshold } = analyseScales(ws);
  // A gap at least as wide as float64's resolution makes the split exact. Anything else with a
  // spread beyond PLAIN_SPREAD would cost the plain Laplacian up to e^(S−36) (≈ 1e−7 at S = 20)
  // or a narrow split up to e^−gap (≈ 1e−4 at spreads of 50): the exact arborescence route.
  if (gap >= FLOAT64_LOG_RESOLUTION) return splitAndSolve(ws, threshold, withVjp);
  if (spread > 0) return solveTreeViaArborescence(ws, withVjp);
  // All maximum-tree edges tie (spread 0): nothing to split, and the Laplacian is as well
  // conditioned as it gets, so accept the plain result without the Σμ check.
  const logZ = plainMatrixTree(ws, withVjp, false);
  if (Number.isNaN(logZ)) {
    throw new Error(`spanning-tree solver: Cholesky failed on equal weights (n = ${n})`);
  }
  ws.solvedPlain = true;
  return logZ;
}

/** Whether the edges within PLAIN_SPREAD of the maximum connect every node. */
function quickSpread(ws: TreeWorkspace): boolean {
  const { n, m, s, ei, ej, uf } = ws;
  const fused = ws.dense.fused;
  if (fused !== null) {
    const at = fused.address;
    return fused.exports.treeQuick(at(s), at(ei), at(ej), at(ws.parent), n, m, PLAIN_SPREAD) === 1;
  }
  let c = s[0] as number;
  for (let e = 1; e < m; e++) if ((s[e] as number) > c) c = s[e] as number;
  uf.reset();
  const floor = c - PLAIN_SPREAD;
  for (let e = 0; e < m && uf.count > 1; e++) {
    if ((s[e] as number) >= floor) uf.union(ei[e] as number, ej[e] as number);
  }
  return uf.count === 1;
}

/**
 * Scales of the maximum spanning tree: the spread between its heaviest and lightest edge, and its
 * largest gap between consecutive edges (in Kruskal order) with the threshold just above it.
 */
function analyseScales(ws: TreeWorkspace): {
  spread: number;
  gap: number;
  threshold: number;
} {
  const { m, s, ei, ej, uf } = ws;
  const order = ws.sorter.sortDescending(s, 0, m);
  uf.reset();
  let first = 0;
  let previous = 0;
  let gap = 0;
  let threshold = 0;
  let merged = 0;
  for (let k = 0; k < m && uf.count > 1; k++) {
    const e = order[k];
    if (!uf.union(ei[e], ej[e])) continue;
    const v = s[e];
    if (merged === 0) first = v;
    else if (previous - v > gap) {
      gap = previous - v;
      threshold = previous;
    }
    previous = v;
    merged++;
  }
  return { spread: first - previous, gap, threshold };
}

/**
 * Contracts the components of the graph of edges with s ≥ threshold (which must leave ≥ 2
 * components, one of them with ≥ 2 nodes), solves each component and the contracted graph
 * recursively, and assembles log Z, μ and the VJP of the item in `ws`.
 */
function splitAndSolve(ws: TreeWorkspace, threshold: number, withVjp: boolean): number {
  const { n, m, s, g, mu, vjp, ei, ej, uf } = ws;
  const { label, rootLabel, members, start, bundle, share } = ws.split;
  uf.reset();
  for (let e = 0; e < m; e++) if (s[e] >= threshold) uf.union(ei[e], ej[e]);
  // Label components 0..K−1 in order of their smallest node, then group nodes by label (a
  // counting sort, so each group stays in ascending node order).
  rootLabel.fill(-1);
  let kc = 0;
  start.fill(0);
  for (let v = 0; v < n; v++) {
    const root = uf.find(v);
    if (rootLabel[root] < 0) rootLabel[root] = kc++;
    label[v] = rootLabel[root];
    start[label[v] + 1]++;
  }
  for (let c = 0; c < kc; c++) start[c + 1] += start[c];
  // rootLabel is free again: reuse it as the fill cursor of each group.
  for (let c = 0; c < kc; c++) rootLabel[c] = start[c];
  for (let v = 0; v < n; v++) members[rootLabel[label[v]]++] = v;

  // Sub-problems are re-centred on their own maximum (log Z shifts by (size − 1)·ref): at
  // |s| ~ 1e7 an ulp is ~2e−9, so adding log-sums to uncentred scores would cost that much.
  let logZ = 0;
  // Each component: the matrix-tree problem on its induced subgraph (all edges inside it).
  for (let c = 0; c < kc; c++) {
    const first = start[c];
    const k = start[c + 1] - first;
    if (k < 2) continue;
    const sub = ws.child(k);
    let ref = -Infinity;
    for (let e = 0; e < sub.m; e++) {
      const pe = edgeIndexUnchecked(members[first + sub.ei[e]], members[first + sub.ej[e]], n);
      sub.s[e] = s[pe];
      if (s[pe] > ref) ref = s[pe];
      if (withVjp) sub.g[e] = g[pe];
    }
    for (let e = 0; e < sub.m; e++) sub.s[e] -= ref;
    logZ += (k - 1) * ref + solveTree(sub, withVjp);
    for (let e = 0; e < sub.m; e++) {
      const pe = edgeIndexUnchecked(members[first + sub.ei[e]], members[first + sub.ej[e]], n);
      mu[pe] = sub.mu[e];
      if (withVjp) vjp[pe] = sub.vjp[e];
    }
  }

  // The contracted graph: one bundle per pair of components, log-weight logsumexp of its edges
  // (top.s first holds each bundle's maximum and top.mu its Σ exp(s_e − max), until the solve).
  const top = ws.child(kc);
  top.s.fill(-Infinity);
  top.mu.fill(0);
  if (withVjp) top.g.fill(0);
  for (let e = 0; e < m; e++) {
    const a = label[ei[e]];
    const b = label[ej[e]];
    if (a === b) {
      bundle[e] = -1;
      continue;
    }
    const be = edgeIndexUnchecked(a, b, kc);
    bundle[e] = be;
    if (s[e] > top.s[be]) top.s[be] = s[e];
  }
  let ref = -Infinity;
  for (let be = 0; be < top.m; be++) if (top.s[be] > ref) ref = top.s[be];
  for (let e = 0; e < m; e++) {
    const be = bundle[e];
    if (be >= 0) top.mu[be] += Math.exp(s[e] - top.s[be]);
  }
  // Softmax shares p_e within each bundle (from differences of inputs only); g_B = Σ p_e g_e.
  for (let e = 0; e < m; e++) {
    const be = bundle[e];
    if (be < 0) continue;
    share[e] = Math.exp(s[e] - top.s[be]) / top.mu[be];
    if (withVjp) top.g[be] += share[e] * g[e];
  }
  for (let be = 0; be < top.m; be++) top.s[be] = top.s[be] - ref + Math.log(top.mu[be]);
  logZ += (kc - 1) * ref;
  logZ += solveTree(top, withVjp);
  for (let e = 0; e < m; e++) {
    const be = bundle[e];
    if (be < 0) continue;
    mu[e] = top.mu[be] * share[e];
    // Through the bundle's softmax: μ_B p_e (g_e − g_B), plus the bundle-level VJP times p_e.
    if (withVjp) vjp[e] = share[e] * (top.mu[be] * (g[e] - top.g[be]) + top.vjp[be]);
  }
  return logZ;
}
