// The registry of structures `sst solve` knows.
import { arborescence } from './arborescence.js';
import { binary } from './binary.js';
import { correlatedKSubset } from './correlated-k-subset.js';
import { permutation } from './permutation.js';
import { kSubset, oneHot, spanningTree } from './plain.js';
import type { StructureSpec } from './spec.js';

export const STRUCTURE_SPECS = {
  'one-hot': oneHot,
  binary,
  'k-subset': kSubset,
  'correlated-k-subset': correlatedKSubset,
  'spanning-tree': spanningTree,
  arborescence,
  permutation,
} satisfies Record<string, StructureSpec>;

export type Structure = keyof typeof STRUCTURE_SPECS;
export const STRUCTURES = Object.keys(STRUCTURE_SPECS) as Structure[];
