// One-hot, k-subset and spanning-tree structures for `sst solve`. Non-entropic regularisers
// (sparsemax, Euclidean, …) have no log-partition, so their responses carry no logZ.
import {
  K_SUBSET_REGULARIZERS,
  type KSubsetRegularizer,
  kruskalArgmax,
  kSubsetMarginals,
  kSubsetRegularized,
  kSubsetRegularizedVjp,
  kSubsetVjp,
  nodesFromEdgeCount,
  oneHotArgmax,
  oneHotMarginals,
  oneHotVjp,
  spanningTreeMarginals,
  spanningTreeVjp,
  sparsemax,
  sparsemaxVjp,
  topKArgmax,
} from '@sst-tricks/sst-solvers';
import { checkK, gOf, type Problem, rowLength, type StructureSpec, scoresOf } from './spec.js';

export const relax = (p: Problem) => ({ temperature: p.options.temperature });

const isSparsemax = (p: Problem) => p.options.regularizer === 'sparsemax';

export const oneHot: StructureSpec = {
  parts: ['scores'],
  fields: [],
  regularizers: ['ef-entropy', 'sparsemax'],
  checkShape: () => {},
  argmax: (p) => ({ scores: oneHotArgmax(scoresOf(p), rowLength(p)) }),
  relax: (p) => {
    if (isSparsemax(p))
      return { values: { scores: sparsemax(scoresOf(p), rowLength(p), relax(p)) } };
    const { marginals, logZ } = oneHotMarginals(scoresOf(p), rowLength(p), relax(p));
    return { values: { scores: marginals }, logZ };
  },
  vjp: (p) => {
    const solve = isSparsemax(p) ? sparsemaxVjp : oneHotVjp;
    return { scores: solve(scoresOf(p), rowLength(p), gOf(p), relax(p)) };
  },
};

const k = (p: Problem) => checkK(p, rowLength(p), 'the number of scores per item');

/** The non-entropic k-subset regulariser requested, or undefined for the E.F. entropy. */
const kRegularizer = (p: Problem) =>
  p.options.regularizer === 'ef-entropy'
    ? undefined
    : (p.options.regularizer as KSubsetRegularizer);

export const kSubset: StructureSpec = {
  parts: ['scores'],
  fields: ['k'],
  regularizers: ['ef-entropy', ...K_SUBSET_REGULARIZERS],
  checkShape: (p) => void k(p),
  argmax: (p) => ({ scores: topKArgmax(scoresOf(p), rowLength(p), k(p)) }),
  relax: (p) => {
    const regularizer = kRegularizer(p);
    if (regularizer) {
      return {
        values: {
          scores: kSubsetRegularized(scoresOf(p), rowLength(p), k(p), regularizer, relax(p)),
        },
      };
    }
    const { marginals, logZ } = kSubsetMarginals(scoresOf(p), rowLength(p), k(p), relax(p));
    return { values: { scores: marginals }, logZ };
  },
  vjp: (p) => {
    const regularizer = kRegularizer(p);
    const scores = regularizer
      ? kSubsetRegularizedVjp(scoresOf(p), rowLength(p), k(p), regularizer, gOf(p), relax(p))
      : kSubsetVjp(scoresOf(p), rowLength(p), k(p), gOf(p), relax(p));
    return { scores };
  },
};

/** Nodes n of K_n from the row length; a RangeError naming `scores` if it is not n(n−1)/2. */
const nodes = (p: Problem) =>
  nodesFromEdgeCount(p.scores.scores?.batched ? 'scores[0]' : 'scores', rowLength(p));
const treeOptions = (p: Problem) => ({ ...relax(p), maxRange: p.options.maxRange });

export const spanningTree: StructureSpec = {
  parts: ['scores'],
  fields: ['maxRange'],
  regularizers: ['ef-entropy'],
  checkShape: (p) => void nodes(p),
  argmax: (p) => ({ scores: kruskalArgmax(scoresOf(p), nodes(p)) }),
  relax: (p) => {
    const { marginals, logZ } = spanningTreeMarginals(scoresOf(p), nodes(p), treeOptions(p));
    return { values: { scores: marginals }, logZ };
  },
  vjp: (p) => ({ scores: spanningTreeVjp(scoresOf(p), nodes(p), gOf(p), treeOptions(p)) }),
};
