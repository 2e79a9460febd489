// Test helpers: brute-force enumerators (exact oracles for small sizes) and finite differences.

export * from './enumerate-arborescences.js';
export * from './enumerate-correlated-k-subsets.js';
export * from './enumerate-k-subsets.js';
export * from './enumerate-one-hot.js';
export * from './enumerate-permutations.js';
export * from './enumerate-spanning-trees.js';
export * from './enumeration.js';
export * from './finite-difference.js';
export * from './random.js';
export * from './regularized-oracle.js';
