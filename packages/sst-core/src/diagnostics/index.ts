// Gradient diagnostics: exact reference gradients of E[loss(X)] under the Gumbel argmax, and the
// bias / variance / cosine of each gradient estimator against them.
export {
  ESTIMATOR_NAMES,
  type EstimatorName,
  usesTemperature,
} from './estimator-gradients.js';
export {
  type ExactDistribution,
  type ExactGradient,
  exactExpectedLossGradient,
  gumbelArgmaxDistribution,
} from './exact-gradient.js';
export {
  BENCHMARK_STRUCTURES,
  benchmarkProblem,
  type DiagnosticLoss,
  type DiagnosticProblem,
  squaredLinearLoss,
} from './problems.js';
export {
  type EstimatorDiagnostics,
  type GradientDiagnosticsOptions,
  type GradientDiagnosticsResult,
  gradientDiagnostics,
} from './run-diagnostics.js';
export type { GradientStatistics } from './statistics.js';
export {
  checkStructure,
  type DiagnosticStructure,
  type KSubsetStructure,
  type OneHotStructure,
  type SpanningTreeStructure,
  STRUCTURE_KINDS,
  type StructureKind,
  structureDimension,
  structureLabel,
} from './structures.js';
