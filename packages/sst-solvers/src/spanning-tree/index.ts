// Spanning trees of K_n: Kruskal (hard sample), matrix-tree marginals and their exact VJP.
export { edgeEndpoints, edgeIndex, MAX_TREE_NODES } from './edges.js';
export { kruskalArgmax } from './kruskal.js';
export {
  type SpanningTreeForward,
  spanningTreeForward,
  spanningTreeMarginals,
  spanningTreeMarginalsAndVjp,
  spanningTreeVjp,
} from './marginals.js';
export type { SpanningTreeOptions } from './options.js';
