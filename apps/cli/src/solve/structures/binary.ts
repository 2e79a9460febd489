// Independent binary structure for `sst solve`: m bits per item, relaxed by the sigmoid.
import { binaryArgmax, binaryMarginals, binaryVjp } from '@sst-tricks/sst-solvers';
import { relax } from './plain.js';
import { gOf, rowLength, type StructureSpec, scoresOf } from './spec.js';

export const binary: StructureSpec = {
  parts: ['scores'],
  fields: [],
  // For independent bits the exponential-family entropy is the binary entropy: both give sigmoid.
  regularizers: ['ef-entropy', 'binary-entropy'],
  checkShape: () => {},
  argmax: (p) => ({ scores: binaryArgmax(scoresOf(p)) }),
  relax: (p) => {
    const { marginals, logZ } = binaryMarginals(scoresOf(p), rowLength(p), relax(p));
    return { values: { scores: marginals }, logZ };
  },
  vjp: (p) => ({ scores: binaryVjp(scoresOf(p), rowLength(p), gOf(p), relax(p)) }),
};
