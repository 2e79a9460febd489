// Maximum spanning tree of K_n (the hard SMT sample): Kruskal on edges sorted by descending score.
import { edgeCount } from '../validate.js';
import { checkTreeScores } from './check.js';
import { edgeEndpoints } from './edges.js';
import { EdgeSorter } from './sort.js';
import { UnionFind } from './union-find.js';

/**
 * 0/1 mask (per batch item, in edge order) of the MAXIMUM spanning tree of K_n under `scores`.
 * Ties are broken deterministically: among equal scores the lower edge index is taken first, so
 * the result is the unique maximum tree under the order (score desc, index asc).
 */
export function kruskalArgmax(scores: Float64Array, n: number): Float64Array {
  const batch = checkTreeScores(scores, n);
  const m = edgeCount(n);
  const { i: ei, j: ej } = edgeEndpoints(n);
  const sorter = new EdgeSorter(m);
  const uf = new UnionFind(n);
  const out = new Float64Array(scores.length);
  for (let b = 0; b < batch; b++) {
    const off = b * m;
    const order = sorter.sortDescending(scores, off, m);
    uf.reset();
    for (let k = 0; k < m && uf.count > 1; k++) {
      const e = order[k];
      if (uf.union(ei[e], ej[e])) out[off + e] = 1;
    }
  }
  return out;
}
