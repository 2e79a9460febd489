// Structured distributions over perturbed utilities U = θ + G: hard (SMT), relaxed (SST) and
// straight-through samples, and the KL of the utilities to the zero-location prior.
export { ArborescenceDistribution } from './arborescence.js';
export type { StructuredSample } from './base.js';
export { StructuredDistribution } from './base.js';
export { BinaryDistribution } from './binary.js';
export { CorrelatedKSubsetDistribution } from './correlated-k-subset.js';
export { KSubsetDistribution } from './k-subset.js';
export type { NoiseKind } from './kl.js';
export { OneHotDistribution } from './one-hot.js';
export { PermutationDistribution } from './permutation.js';
export { SpanningTreeDistribution } from './spanning-tree.js';
