// The NRI model: the MLP encoder and decoder on 2-D node-major activations (every matMul plain,
// PERF-NOTES 1–3), the loss terms per node and the edge metrics.

export { sliceBatch, sliceItems } from './batch-items.js';
export type { DecoderOptions, Rollout } from './decoder.js';
export { Decoder, rolloutPlan, undirectedEdgeWeights } from './decoder.js';
export type { EncoderOptions } from './encoder.js';
export { Encoder } from './encoder.js';
export { evaluateNri } from './evaluate.js';
export type { NodeRows, TrajectoryShape } from './layout.js';
export { toNodeRows } from './layout.js';
export type { ElboTerms, PerNode } from './loss.js';
export { elboTerms, gaussianNll, klPerNode, NLL_VARIANCE } from './loss.js';
export type { EdgeCounts } from './metrics.js';
export { edgePrecisionRecall, undirectedFromDirected } from './metrics.js';
export type {
  ForwardMode,
  NriBatch,
  NriDistribution,
  NriEvalBatch,
  NriForward,
  NriLatent,
  NriLatentSample,
  NriMetrics,
  NriModelOptions,
  NriNetwork,
} from './model-types.js';
export { NriModel, nriBatch } from './nri-model.js';
export { directedIndex, Relations, undirectedIndex } from './relations.js';
export { createNriReplica } from './replica.js';
export { nriParallelSupport, shardLoss } from './shard-loss.js';
export { slicedLossAndGradients, sliceRanges } from './sliced-gradients.js';
