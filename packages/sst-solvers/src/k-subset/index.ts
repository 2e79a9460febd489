// k-subsets of m items: hard solver (top-k), E.F.-entropy marginals and their exact VJP.
export { kSubsetMarginals } from './marginals.js';
export { topKArgmax } from './top-k.js';
export { kSubsetMarginalsAndVjp, kSubsetVjp } from './vjp.js';
