// Public API of @sst-tricks/sst-solvers. Every solver works in float64 on flat, batched buffers.

export * from './arborescence/index.js';
export * from './correlated-k-subset/index.js';
export * from './k-subset/index.js';
export * from './linalg.js';
export * from './one-hot.js';
export * from './permutation/index.js';
export * from './regularizers/index.js';
export * from './spanning-tree/index.js';
export { MAX_THREADS, solverWorkerCount } from './threads/pool.js';
export * from './validate.js';
