// @sst-tricks/training/bench: benchmark helpers the data-parallel models share (not part of the
// runtime entry).
export type {
  BenchedModel,
  ParallelStepsOptions,
  ParallelStepsResult,
} from './parallel-steps.js';
export { benchParallelSteps, parallelStepsHeader } from './parallel-steps.js';
export { load, median } from './timing.js';
