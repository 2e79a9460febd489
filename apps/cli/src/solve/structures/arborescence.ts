// Arborescences rooted at node 0 for `sst solve`: n×n row-major scores, row = head, column =
// child (diagonal and column 0 ignored); rootMode "multi" (default) or "single".
import {
  arborescenceMarginals,
  arborescenceVjp,
  chuLiuEdmondsArgmax,
} from '@sst-tricks/sst-solvers';
import { gOf, type Problem, type StructureSpec, scoresOf, squareSide } from './spec.js';

const options = (p: Problem) => ({
  temperature: p.options.temperature,
  rootMode: p.options.rootMode ?? 'multi',
});

export const arborescence: StructureSpec = {
  parts: ['scores'],
  fields: ['rootMode'],
  regularizers: ['ef-entropy'],
  checkShape: (p) => void squareSide(p, 2),
  argmax: (p) => ({
    scores: chuLiuEdmondsArgmax(scoresOf(p), squareSide(p, 2), { rootMode: options(p).rootMode }),
  }),
  relax: (p) => {
    const { marginals, logZ } = arborescenceMarginals(scoresOf(p), squareSide(p, 2), options(p));
    return { values: { scores: marginals }, logZ };
  },
  vjp: (p) => ({ scores: arborescenceVjp(scoresOf(p), squareSide(p, 2), gOf(p), options(p)) }),
};
