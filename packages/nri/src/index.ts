// @sst-tricks/nri: Neural Relational Inference with structured latent graphs. This release holds
// the data layer (generators, simulators, dataset files); the model and training come next.
export * from './data/index.js';
export * from './model/index.js';
