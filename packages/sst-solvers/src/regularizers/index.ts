// Regularised relaxations beyond the E.F. entropy: k-subsets with Euclidean / categorical-entropy /
// binary-entropy regularisers, sparsemax for one-hot, and independent binary (sigmoid).
export type { KSubsetRegularizer } from './args.js';
export { K_SUBSET_REGULARIZERS } from './args.js';
export { binaryArgmax, binaryMarginals, binaryVjp } from './binary.js';
export { kSubsetRegularized, kSubsetRegularizedVjp } from './k-subset-regularized.js';
export { sparsemax, sparsemaxVjp } from './sparsemax.js';
