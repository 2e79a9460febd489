// Edge indexing of K_n in the package-wide order (i<j) row-major: (0,1),(0,2),…,(0,n−1),(1,2),…
import { assertIntInRange, edgeCount } from '../validate.js';

/** Largest n the spanning-tree solvers accept (n(n−1)/2 edges must fit a typed array). */
export const MAX_TREE_NODES = 65536;

/** Index of edge {i, j} (i ≠ j, either order) without checks: for inner loops. */
export function edgeIndexUnchecked(i: number, j: number, n: number): number {
  if (i > j) {
    const t = i;
    i = j;
    j = t;
  }
  // Rows 0..i−1 hold (n−1) + (n−2) + … + (n−i) edges; then j − i − 1 more within row i.
  return i * n - (i * (i + 1)) / 2 + (j - i - 1);
}

/** Index of the undirected edge {i, j} of K_n in (i<j) row-major order; i ≠ j, either order. */
export function edgeIndex(i: number, j: number, n: number): number {
  assertIntInRange('n', n, 2, MAX_TREE_NODES);
  assertIntInRange('i', i, 0, n - 1);
  assertIntInRange('j', j, 0, n - 1);
  if (i === j) throw new RangeError(`i and j must differ (K_n has no self-loops), got ${i} twice`);
  return edgeIndexUnchecked(i, j, n);
}

/** Endpoints of every edge of K_n in edge order: edge e joins i[e] < j[e]. */
export function edgeEndpoints(n: number): { i: Int32Array; j: Int32Array } {
  assertIntInRange('n', n, 2, MAX_TREE_NODES);
  const m = edgeCount(n);
  const ei = new Int32Array(m);
  const ej = new Int32Array(m);
  let e = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      ei[e] = a;
      ej[e] = b;
      e++;
    }
  }
  return { i: ei, j: ej };
}
