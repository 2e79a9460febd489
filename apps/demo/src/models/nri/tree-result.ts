// The hard structure read off the encoder's output, as `sst infer` reads it: Kruskal's maximum
// spanning tree on the edge logits (float64 solver of @sst-tricks/sst-solvers, the same ties
// rule), and its edge precision against the true tree.
import { edgeEndpoints, kruskalArgmax } from '@sst-tricks/sst-solvers';

export type Edge = [number, number];

export interface TreeResult {
  /** 0/1 indicators of the inferred tree, (i<j) row-major. */
  tree: Float64Array;
  /** Its n − 1 edges [i, j] (i < j), in edge order. */
  edges: Edge[];
}

/** Kruskal on one item's `n(n−1)/2` edge logits. */
export function inferTree(logits: ArrayLike<number>, n: number): TreeResult {
  const m = (n * (n - 1)) / 2;
  if (logits.length !== m)
    throw new RangeError(
      `logits must hold n(n−1)/2 = ${m} edge scores for n = ${n}, got ${logits.length}`,
    );
  for (let e = 0; e < m; e++)
    if (!Number.isFinite(logits[e]))
      throw new RangeError(`logits[${e}] must be finite, got ${logits[e]}`);
  const tree = kruskalArgmax(Float64Array.from(logits), n);
  return { tree, edges: treeEdges(tree, n) };
}

/** The edges [i, j] of a 0/1 edge-indicator vector. */
export function treeEdges(tree: ArrayLike<number>, n: number): Edge[] {
  const { i, j } = edgeEndpoints(n);
  const edges: Edge[] = [];
  for (let e = 0; e < tree.length; e++) if (tree[e] === 1) edges.push([i[e], j[e]]);
  return edges;
}

/** The share of the inferred edges that are true edges (both trees have n − 1 edges). */
export function edgePrecision(inferred: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (inferred.length !== truth.length)
    throw new RangeError(
      `inferred and true trees must have the same edge count, got ${inferred.length} and ${truth.length}`,
    );
  let chosen = 0;
  let right = 0;
  for (let e = 0; e < inferred.length; e++) {
    if (inferred[e] !== 1) continue;
    chosen++;
    if (truth[e] === 1) right++;
  }
  if (chosen === 0) throw new RangeError('the inferred tree has no edges');
  return right / chosen;
}
