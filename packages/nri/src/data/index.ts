// NRI data: graph-layout trajectories over a latent spanning tree (DESIGN.md §4), the springs and
// charged-particle simulators of the original NRI paper, and the streamed binary dataset files.
export { crc32, crc32Update } from './crc32.js';
export { type DatasetErrorCode, DatasetFileError } from './dataset-error.js';
export {
  type DatasetHeader,
  FORMAT_NAME,
  FORMAT_VERSION,
  MAGIC,
  recordLayout,
} from './file-format.js';
export {
  createLayoutScratch,
  fruchtermanReingoldStep,
  fruchtermanReingoldStepInPlace,
  type LayoutScratch,
} from './fruchterman-reingold.js';
export {
  GRAPH_LAYOUT_DEFAULTS,
  type GraphLayoutParams,
  type GraphLayoutTrajectory,
  generateGraphLayout,
  resolveGraphLayoutParams,
  sampleGraphLayout,
} from './graph-layout.js';
export { fillStandardNormal } from './normal.js';
export {
  CHARGED_DEFAULTS,
  generateParticles,
  MAX_PARTICLES,
  type ParticleDynamics,
  type ParticleInitialState,
  type ParticleKind,
  type ParticleParams,
  type ParticleSample,
  type ParticleTrajectory,
  resolveParticleParams,
  SPRINGS_DEFAULTS,
  sampleParticles,
  simulateParticles,
} from './particles.js';
export {
  type DatasetExpectation,
  DatasetReader,
  type OpenDatasetOptions,
  openDataset,
  readDatasetBatches,
} from './reader.js';
export type { SampleBatch } from './sample-batch.js';
export { MAX_SAMPLE_INDEX, SPLITS, type Split, sampleSeed } from './seed-stream.js';
export {
  type DatasetSpec,
  type DatasetSpecInput,
  featuresOf,
  generateSamples,
  resolveSpec,
  SOURCE_KINDS,
  type SourceKind,
  type SourceParams,
} from './sources.js';
export { MAX_FRAMES, MAX_NODES } from './validate.js';
export {
  type WriteDatasetOptions,
  type WriteDatasetResult,
  type WriteProgress,
  writeDataset,
} from './writer.js';
