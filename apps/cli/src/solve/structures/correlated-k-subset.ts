// Correlated k-subsets of a sequence for `sst solve`: scores {"word": W (m), "pair": V (m−1)};
// every output has the same two parts (word marginals and adjacent-pair marginals).
import {
  correlatedKSubsetArgmax,
  correlatedKSubsetMarginals,
  correlatedKSubsetVjp,
} from '@sst-tricks/sst-solvers';
import { arrayOfLength, fail } from '../json-fields.js';
import { relax } from './plain.js';
import { checkK, gOf, type Problem, rowLength, type StructureSpec, scoresOf } from './spec.js';

const m = (p: Problem) => rowLength(p, 'word');
const k = (p: Problem) => checkK(p, m(p), 'the number of words per item');
const word = (p: Problem) => scoresOf(p, 'word');
const pair = (p: Problem) => scoresOf(p, 'pair');

export const correlatedKSubset: StructureSpec = {
  parts: ['word', 'pair'],
  fields: ['k'],
  regularizers: ['ef-entropy'],
  checkShape: (p) => {
    const pairs = rowLength(p, 'pair');
    if (pairs !== m(p) - 1) {
      fail(
        p.scores.pair?.batched ? 'scores.pair[0]' : 'scores.pair',
        `must hold m-1 = ${m(p) - 1} adjacent-pair scores`,
        arrayOfLength(pairs),
      );
    }
    k(p);
  },
  argmax: (p) => correlatedKSubsetArgmax(word(p), pair(p), m(p), k(p)),
  relax: (p) => {
    const {
      word: w,
      pair: v,
      logZ,
    } = correlatedKSubsetMarginals(word(p), pair(p), m(p), k(p), relax(p));
    return { values: { word: w, pair: v }, logZ };
  },
  vjp: (p) =>
    correlatedKSubsetVjp(word(p), pair(p), m(p), k(p), gOf(p, 'word'), gOf(p, 'pair'), relax(p)),
};
