// @sst-tricks/nn: tfjs layers that stay fast on the wasm backend (every matMul, forward and
// backward, a plain non-transposed 2-D one), with seeded initialisers and stable variable names.
// Importing this module touches no tfjs engine state; select a backend (sst-core) first.
export type { Activation } from './activation.js';
export { ACTIVATIONS, activate } from './activation.js';
export type { CrossReplica, ModeOptions } from './batch-norm.js';
export { BatchNorm } from './batch-norm.js';
export type { ConstantMatrix } from './constant-matmul.js';
export { constantMatrix, leftMultiply } from './constant-matmul.js';
export type { Conv1dOptions, Conv1dPadding } from './conv1d.js';
export { Conv1d } from './conv1d.js';
export { applyDense, dense, matMulPlain } from './dense.js';
export type { DropoutOptions } from './dropout.js';
export { dropout } from './dropout.js';
export type { EmbeddingMethod, EmbeddingOptions } from './embedding.js';
export { Embedding, ONE_HOT_MAX_VOCABULARY } from './embedding.js';
export { normalValues, uniformValues } from './init.js';
export type { LstmOptions, LstmResult } from './lstm.js';
export { Lstm } from './lstm.js';
export type { MlpOptions } from './mlp.js';
export { Mlp } from './mlp.js';
export type { DenseInit, DenseLayer } from './parameters.js';
export { DENSE_INITS, ParameterSet } from './parameters.js';
