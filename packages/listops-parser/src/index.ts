// @sst-tricks/listops-parser: unsupervised parsing of ListOps with latent graphs — the data layer
// (seeded generator, TSV reader/writer, exact evaluator, gold arcs), the model, and training on
// the shared loop.
export * from './data/index.js';
export * from './model/index.js';
export * from './train/index.js';
