// @sst-tricks/nri: Neural Relational Inference with structured latent graphs: the data layer
// (generators, simulators, dataset files), the model, and training with the shared loop.
export * from './data/index.js';
export * from './model/index.js';
export * from './train/index.js';
