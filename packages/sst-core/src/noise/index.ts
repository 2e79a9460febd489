export { gumbelFromUniform, logisticFromUniform, UNIFORM_FLOOR } from './clamp.js';
export { sampleGumbel } from './gumbel.js';
export { sampleLogistic } from './logistic.js';
export { fillStandardNormal } from './normal.js';
export type { RandomGeneratorState } from './random-generator.js';
export { RandomGenerator } from './random-generator.js';
