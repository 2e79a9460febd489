export type { DataFiles, GeneratedDataOptions, Splits } from './datasets.js';
export { DEFAULT_DATA, evaluationBatches, loadSplits, trainingBatches } from './datasets.js';
export { checkListOpsMetadata, modelFromMetadata } from './metadata.js';
export type { ListOpsMetadata, TrainListOpsOptions, TrainListOpsResult } from './train-listops.js';
export { trainListOps } from './train-listops.js';
