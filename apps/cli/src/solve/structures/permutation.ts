// Permutations for `sst solve`: Hungarian (hard) and Gumbel-Sinkhorn (entropy relaxation).
// Sinkhorn has no tractable log-partition (it would be a permanent): responses carry `converged`.
import { hungarianArgmax, sinkhorn, sinkhornVjp } from '@sst-tricks/sst-solvers';
import { relax } from './plain.js';
import { gOf, type StructureSpec, scoresOf, squareSide } from './spec.js';

export const permutation: StructureSpec = {
  parts: ['scores'],
  fields: [],
  regularizers: ['ef-entropy'],
  checkShape: (p) => void squareSide(p, 1),
  argmax: (p) => ({ scores: hungarianArgmax(scoresOf(p), squareSide(p, 1)) }),
  relax: (p) => {
    const { marginals, converged } = sinkhorn(scoresOf(p), squareSide(p, 1), relax(p));
    return { values: { scores: marginals }, converged };
  },
  vjp: (p) => ({ scores: sinkhornVjp(scoresOf(p), squareSide(p, 1), gOf(p), relax(p)) }),
};
