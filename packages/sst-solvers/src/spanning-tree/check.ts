// Input checks shared by the spanning-tree entry points.
import { assertFiniteArray, assertIntInRange, batchCount, edgeCount } from '../validate.js';
import { MAX_TREE_NODES } from './edges.js';

/** Validates `scores` as a batch of K_n edge-weight vectors; returns the batch size. */
export function checkTreeScores(scores: unknown, n: unknown): number {
  assertFiniteArray('scores', scores);
  assertIntInRange('n', n, 2, MAX_TREE_NODES);
  return batchCount('scores', scores.length, edgeCount(n));
}
