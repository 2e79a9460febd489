// Baselines for the benchmark: the same computations written the direct way (a transcription of
// the numpy reference: full n×n×2 difference arrays allocated every step, an n×n adjacency
// matrix, every ordered pair visited). Same results; only the speed differs.

/** networkx's `_fruchterman_reingold` for one iteration plus `rescale_layout`, array by array. */
export function naiveFruchtermanReingoldStep(pos: number[][], adjacency: number[][]): number[][] {
  const n = pos.length;
  const k = Math.sqrt(1 / n);
  const xs = pos.map((p) => p[0]);
  const ys = pos.map((p) => p[1]);
  const t = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) * 0.1;
  const delta = pos.map((pi) => pos.map((pj) => [pi[0] - pj[0], pi[1] - pj[1]]));
  const distance = delta.map((row) => row.map(([dx, dy]) => Math.max(Math.hypot(dx, dy), 0.01)));
  const displacement = delta.map((row, i) =>
    row.reduce(
      (acc, [dx, dy], j) => {
        const c = (k * k) / distance[i][j] ** 2 - (adjacency[i][j] * distance[i][j]) / k;
        return [acc[0] + dx * c, acc[1] + dy * c];
      },
      [0, 0],
    ),
  );
  const moved = pos.map((p, i) => {
    const length = Math.max(Math.hypot(displacement[i][0], displacement[i][1]), 0.01);
    return [p[0] + (displacement[i][0] * t) / length, p[1] + (displacement[i][1] * t) / length];
  });
  const mean = [0, 1].map((d) => moved.reduce((a, p) => a + p[d], 0) / n);
  const centred = moved.map((p) => [p[0] - mean[0], p[1] - mean[1]]);
  const lim = Math.max(...centred.flat().map(Math.abs));
  return lim > 0 ? centred.map((p) => [p[0] / lim, p[1] / lim]) : centred;
}

/** One step of the reference springs loop (positions [2][n], as numpy), array by array. */
export function naiveSpringsStep(
  loc: number[][],
  vel: number[][],
  edges: number[][],
  strength: number,
  dt: number,
  box: number,
): void {
  const n = loc[0].length;
  const maxF = 0.1 / dt;
  for (let d = 0; d < 2; d++) for (let i = 0; i < n; i++) loc[d][i] += dt * vel[d][i];
  for (let d = 0; d < 2; d++)
    for (let i = 0; i < n; i++) {
      if (loc[d][i] > box) {
        loc[d][i] = 2 * box - loc[d][i];
        vel[d][i] = -Math.abs(vel[d][i]);
      }
      if (loc[d][i] < -box) {
        loc[d][i] = -2 * box - loc[d][i];
        vel[d][i] = Math.abs(vel[d][i]);
      }
    }
  const forces = edges.map((row, i) => row.map((a, j) => (i === j ? 0 : -strength * a)));
  const outer = [0, 1].map((d) => loc[d].map((a) => loc[d].map((b) => a - b)));
  const F = outer.map((o) =>
    o.map((row, i) =>
      Math.min(
        Math.max(
          row.reduce((s, diff, j) => s + forces[i][j] * diff, 0),
          -maxF,
        ),
        maxF,
      ),
    ),
  );
  for (let d = 0; d < 2; d++) for (let i = 0; i < n; i++) vel[d][i] += dt * F[d][i];
}
