// @sst-tricks/training: the training loop shared by the NRI, ListOps-parser and L2X models —
// optimizer steps, evaluation every N steps, atomic resumable checkpoints, a JSONL metrics log and
// progress events. Node-only (checkpoints and logs use node:fs); sets no tfjs backend.
export { writeFileAtomic } from './atomic-file.js';
export { CheckpointError } from './checkpoint/errors.js';
export type {
  CheckpointContents,
  CheckpointManifest,
  CheckpointTensors,
  EvaluationRecord,
  RecordedOptions,
  StoredDtype,
  StoredTensor,
  StoredVariable,
  TensorEntry,
  VariableEntry,
} from './checkpoint/format.js';
export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './checkpoint/format.js';
export { restoreVariables } from './checkpoint/restore.js';
export type { LoadedCheckpoint } from './checkpoint/store.js';
export {
  latestCheckpoint,
  listCheckpoints,
  readCheckpoint,
  writeCheckpoint,
} from './checkpoint/store.js';
export type { BatchContext, BatchFunction, DataStream, TrainingData } from './data.js';
export { iterableData } from './data.js';
export type {
  CheckpointEvent,
  DoneEvent,
  EvalEvent,
  StartEvent,
  StepEvent,
  TrainingEvent,
} from './events.js';
export type { JsonValue } from './json.js';
export type { EvalRecord, LogRecord, StepRecord } from './metrics-log.js';
export { readMetricsLog } from './metrics-log.js';
export type {
  EvalBatches,
  EvalContext,
  ItemSlice,
  ItemTensor,
  Metrics,
  ParallelSupport,
  ReplicaFactory,
  ReplicaModel,
  Shard,
  SlicedLoss,
  StepContext,
  TrainableModel,
} from './model.js';
export type { AdamOptions, OptimizerRecord } from './optimizer.js';
export type { CheckpointOptions, EvaluationOptions, LogOptions, TrainOptions } from './options.js';
export { builtModuleUrl } from './parallel/built-module.js';
export { itemRanges } from './parallel/item-ranges.js';
export type { ReplicaPoolOptions, ReplicaPoolProfile } from './parallel/replica-pool.js';
export { ReplicaError, ReplicaPool } from './parallel/replica-pool.js';
export type { ReplicaTimings } from './parallel/replica-protocol.js';
export { ShardedGenerator } from './parallel/sharded-generator.js';
export type { RenderOptions } from './progress.js';
export { formatDuration, renderProgress } from './progress.js';
export type { CandidateWorker } from './restarts/candidate-pool.js';
export { RestartCandidateError } from './restarts/candidate-pool.js';
export type { CandidateHooks, CandidateTrainer } from './restarts/candidate-worker.js';
export { serveRestartCandidate } from './restarts/candidate-worker.js';
export type { RestartEvent, RunIdentity } from './restarts/events.js';
export type { RestartMetric, RestartPlan, RestartRun } from './restarts/plan.js';
export { checkRestartPlan } from './restarts/plan.js';
export type { CandidateRecord, RestartSelection } from './restarts/selection.js';
export {
  candidateDirectory,
  RESTARTS_FILE,
  readRestartSelection,
} from './restarts/selection.js';
export type { TrainWithRestartsOptions } from './restarts/train-with-restarts.js';
export { trainWithRestarts } from './restarts/train-with-restarts.js';
export type { SlicingOptions } from './slicing/sliced-gradients.js';
export { slicedLossAndGradients } from './slicing/sliced-gradients.js';
export type { TrainResult } from './train.js';
export { train } from './train.js';
