// Training NRI with the shared loop: generated graph-layout batches and a fixed validation set.
export type { LayoutShape } from './batches.js';
export { nriEvalBatch, trainingBatches, validationBatches } from './batches.js';
export type { CandidateEvent, RestartOptions, RestartSelection } from './restarts.js';
export { RESTARTS_FILE, readRestartSelection } from './restarts.js';
export type { TrainNriOptions, TrainNriResult } from './train-nri.js';
export { trainNri } from './train-nri.js';
