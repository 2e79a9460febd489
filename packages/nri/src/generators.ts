// The browser-safe part of @sst-tricks/nri: the seeded trajectory generators (graph layout,
// springs, charged particles) and the sample-index bound, without the dataset reader/writer
// (node:fs) or training (node:worker_threads) that the main entry also exports. A web page
// imports `@sst-tricks/nri/generators`, so a dev server never evaluates a Node-only module.
export {
  GRAPH_LAYOUT_DEFAULTS,
  type GraphLayoutParams,
  type GraphLayoutTrajectory,
  generateGraphLayout,
  resolveGraphLayoutParams,
  sampleGraphLayout,
} from './data/graph-layout.js';
export {
  CHARGED_DEFAULTS,
  generateParticles,
  MAX_PARTICLES,
  type ParticleKind,
  type ParticleParams,
  type ParticleTrajectory,
  SPRINGS_DEFAULTS,
  sampleParticles,
} from './data/particles.js';
export { MAX_SAMPLE_INDEX } from './data/seed-stream.js';
