// @sst-tricks/sst-core: stochastic argmax and softmax tricks as differentiable tfjs ops.
// Importing this module sets no backend and registers nothing; call selectBackend() first.
export * from './backend/index.js';
export * from './diagnostics/index.js';
export * from './distributions/index.js';
export * from './estimators/index.js';
export * from './noise/index.js';
export * from './relaxations/index.js';
