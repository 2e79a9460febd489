// Relaxations as differentiable tfjs ops (one tf.customGrad op each, forward and exact VJP from
// the float64 solvers), the hard (SMT) solvers as tensor functions, and straight-through.

export type {
  HardArborescenceOptions,
  RelaxedArborescenceOptions,
  RootModeName,
} from './arborescence.js';
export { hardArborescence, relaxedArborescence } from './arborescence.js';
export type { HardBinaryOptions, RelaxedBinaryOptions } from './binary.js';
export { hardBinary, relaxedBinary } from './binary.js';
export type {
  HardCorrelatedKSubsetOptions,
  RelaxedCorrelatedKSubsetOptions,
  WordPair,
} from './correlated-k-subset.js';
export { hardCorrelatedKSubset, relaxedCorrelatedKSubset } from './correlated-k-subset.js';
export type {
  HardKSubsetOptions,
  KSubsetRegularizerName,
  RelaxedKSubsetOptions,
} from './k-subset.js';
export { hardKSubset, K_SUBSET_REGULARIZER_NAMES, relaxedKSubset } from './k-subset.js';
export type { HardOneHotOptions, OneHotRegularizer, RelaxedOneHotOptions } from './one-hot.js';
export { hardOneHot, ONE_HOT_REGULARIZERS, relaxedOneHot } from './one-hot.js';
export type { HardPermutationOptions, RelaxedPermutationOptions } from './permutation.js';
export { hardPermutation, relaxedPermutation } from './permutation.js';
export type { HardSpanningTreeOptions, RelaxedSpanningTreeOptions } from './spanning-tree.js';
export { hardSpanningTree, relaxedSpanningTree } from './spanning-tree.js';
export { straightThrough } from './straight-through.js';
