// Correlated k-subsets of a sequence (DESIGN.md §3.2):
// p(x) ∝ exp(Σ_i W_i x_i + Σ_i V_i x_i x_{i+1}) over binary x of length m with Σx = k, relaxed at
// (W, V)/t. Hard solver (Viterbi with a count),
// E.F.-entropy marginals (word and adjacent-pair) and their exact VJP, all O(m·k) per item.
export { correlatedKSubsetMarginals } from './marginals.js';
export { correlatedKSubsetArgmax } from './viterbi.js';
export type { CorrelatedKSubsetMarginalsAndVjp } from './vjp.js';
export { correlatedKSubsetMarginalsAndVjp, correlatedKSubsetVjp } from './vjp.js';
