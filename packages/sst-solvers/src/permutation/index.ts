// Permutations: Hungarian (hard, SMT) and Gumbel-Sinkhorn (entropy relaxation, SST) with its VJP.
export { hungarianArgmax } from './hungarian.js';
export type { SinkhornOptions } from './options.js';
export { type SinkhornResult, sinkhorn } from './sinkhorn.js';
export { sinkhornVjp, sinkhornVjpFromMarginals } from './sinkhorn-vjp.js';
