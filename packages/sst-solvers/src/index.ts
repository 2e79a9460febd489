// Public API of @sst-tricks/sst-solvers. Every solver works in float64 on flat, batched buffers.
export * from './validate.js';
export * from './one-hot.js';
export * from './k-subset/index.js';
export * from './linalg.js';
export * from './spanning-tree/index.js';
export * from './regularizers/index.js';
export * from './permutation/index.js';
export * from './arborescence/index.js';
