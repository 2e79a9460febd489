// Maximum-weight perfect assignment: the hard solver (SMT) for permutations.
import { permutationBatch } from './options.js';

/**
 * Returns, per n×n item of `scores` (row-major; entry [i][j] = utility of assigning row i to
 * column j), the 0/1 permutation matrix maximising Σ_i scores[i][σ(i)].
 *
 * Shortest augmenting paths with dual potentials (the Jonker–Volgenant / Kuhn–Munkres O(n³)
 * form): rows are inserted one at a time and each is routed to a free column along a
 * Dijkstra-like shortest path in reduced costs, which stay ≥ 0 thanks to the potentials.
 */
export function hungarianArgmax(scores: Float64Array, n: number): Float64Array {
  const batch = permutationBatch(scores, n);
  const size = n * n;
  const out = new Float64Array(scores.length);
  const work = new AssignmentWorkspace(n);
  for (let b = 0; b < batch; b++) {
    const rowToColumn = work.solve(scores, b * size);
    for (let i = 0; i < n; i++) out[b * size + i * n + rowToColumn[i]] = 1;
  }
  return out;
}

/** Buffers reused across batch items (1-based arrays with slot 0 as the virtual source). */
class AssignmentWorkspace {
  private readonly rowPotential: Float64Array;
  private readonly columnPotential: Float64Array;
  private readonly minSlack: Float64Array;
  private readonly columnOwner: Int32Array; // row (1-based) assigned to column j, 0 if free
  private readonly previousColumn: Int32Array; // predecessor of column j on the shortest path
  private readonly visited: Uint8Array;
  private readonly rowToColumn: Int32Array;

  constructor(private readonly n: number) {
    this.rowPotential = new Float64Array(n + 1);
    this.columnPotential = new Float64Array(n + 1);
    this.minSlack = new Float64Array(n + 1);
    this.columnOwner = new Int32Array(n + 1);
    this.previousColumn = new Int32Array(n + 1);
    this.visited = new Uint8Array(n + 1);
    this.rowToColumn = new Int32Array(n);
  }

  /** Solves the item starting at `offset`; returns row → column (0-based). */
  solve(scores: Float64Array, offset: number): Int32Array {
    const { n, rowPotential: u, columnPotential: v, minSlack, columnOwner: owner, visited } = this;
    const way = this.previousColumn;
    u.fill(0);
    v.fill(0);
    owner.fill(0);
    for (let row = 1; row <= n; row++) {
      // Grow a shortest-path tree from `row` (via virtual column 0) until it reaches a free column.
      owner[0] = row;
      let column = 0;
      minSlack.fill(Number.POSITIVE_INFINITY);
      visited.fill(0);
      do {
        visited[column] = 1;
        const i = owner[column];
        const base = offset + (i - 1) * n - 1; // cost(i, j) = −scores[i−1][j−1]
        const ui = u[i];
        let delta = Number.POSITIVE_INFINITY;
        let next = 0;
        for (let j = 1; j <= n; j++) {
          if (visited[j]) continue;
          const slack = -scores[base + j] - ui - v[j];
          if (slack < minSlack[j]) {
            minSlack[j] = slack;
            way[j] = column;
          }
          if (minSlack[j] < delta) {
            delta = minSlack[j];
            next = j;
          }
        }
        // Move the duals so the tree's reduced costs stay ≥ 0 and `next` becomes tight.
        for (let j = 0; j <= n; j++) {
          if (visited[j]) {
            u[owner[j]] += delta;
            v[j] -= delta;
          } else {
            minSlack[j] -= delta;
          }
        }
        column = next;
      } while (owner[column] !== 0);
      // Augment: flip the assignment along the path back to the virtual column.
      do {
        const previous = way[column];
        owner[column] = owner[previous];
        column = previous;
      } while (column !== 0);
    }
    for (let j = 1; j <= n; j++) this.rowToColumn[owner[j] - 1] = j - 1;
    return this.rowToColumn;
  }
}
