// Arborescences rooted at node 0 (directed spanning trees): Chu–Liu/Edmonds (hard sample),
// directed matrix-tree marginals (multi-root and single-root) and their exact VJP.
export { chuLiuEdmondsArgmax } from './chu-liu-edmonds.js';
export {
  arborescenceMarginals,
  arborescenceMarginalsAndVjp,
  arborescenceVjp,
} from './marginals.js';
export type {
  ArborescenceOptions,
  ArborescenceOutBuffers,
  ArborescenceShapeOptions,
  RootMode,
} from './options.js';
