// Gradient estimators around the relaxations (DESIGN.md §3.6): the score-function (REINFORCE)
// estimator with its baselines, and L2X's two subset relaxations (Concrete, SoftSub).
export {
  leaveOneOutBaseline,
  MovingAverageBaseline,
  type MovingAverageBaselineState,
} from './baselines.js';
export { concreteSubset } from './concrete-subset.js';
export { gumbelLogDensity, gumbelScore, logisticLogDensity } from './gumbel-log-density.js';
export {
  type ScoreFunctionBaseline,
  type ScoreFunctionOptions,
  scoreFunctionSurrogate,
} from './score-function.js';
export { softSubset } from './soft-subset.js';
export { stopGradient } from './stop-gradient.js';
export type { SubsetRelaxationOptions } from './subset-options.js';
