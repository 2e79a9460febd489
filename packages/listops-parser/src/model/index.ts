export type { ListOpsBatch } from './batch.js';
export { encodeBatch } from './batch.js';
export { sliceBatch } from './batch-items.js';
export type { GraphLatent, LatentMode, ListOpsLatent } from './latent.js';
export { LATENTS, latentGraph } from './latent.js';
export type {
  ListOpsModelOptions,
  ListOpsOutput,
  ResolvedListOpsOptions,
} from './listops-model.js';
export { ListOpsModel } from './listops-model.js';
export { ArcTally, predictedArcs } from './metrics.js';
export type { Prediction } from './predict.js';
export { predict, renderTree, treeHeads } from './predict.js';
export { createListOpsReplica } from './replica.js';
