// One Fruchterman–Reingold step, exactly as networkx 2.8.8's
// `spring_layout(G, pos, iterations=1, threshold=1e-10, center=0)` computes it (which is how the
// reference SST code makes each frame) and as DESIGN.md §4 writes it: k = sqrt(1/n);
// t = 0.1·max(range_x, range_y) of the current positions; Δ_ij = p_i − p_j, d_ij = max(|Δ_ij|, 0.01);
// disp_i = Σ_j Δ_ij (k²/d_ij² − A_ij d_ij/k); p_i += disp_i · t / L_i with L_i = |disp_i|, or
// L_i = 0.1 where |disp_i| < 0.01 (networkx's `np.where(length < 0.01, 0.1, length)`); then
// centre (subtract the mean) and scale so that max |coordinate| = 1. Float64 throughout.
//
// The L_i = 0.1 corner is a discontinuity (a node with |disp_i| just under 0.01 moves 10× less
// than one just over it), but the reference data has it, so we follow it.
import { checkPositions, checkTree } from './validate.js';

/** Reusable buffers for `fruchtermanReingoldStepInPlace`, sized for n nodes. */
export interface LayoutScratch {
  readonly n: number;
  readonly displacement: Float64Array;
}

export function createLayoutScratch(n: number): LayoutScratch {
  return { n, displacement: new Float64Array(2 * n) };
}

/**
 * One FR step in place. `positions` is node-major `[n][2]` (x, y per node); `tree` holds the
 * 0/1 edge indicators of K_n in (i<j) row-major order (any non-zero counts as an edge, with
 * weight A_ij = its value). No checks: the hot loop of the generator.
 */
export function fruchtermanReingoldStepInPlace(
  positions: Float64Array,
  tree: ArrayLike<number>,
  scratch: LayoutScratch,
): void {
  const n = scratch.n;
  const disp = scratch.displacement;
  disp.fill(0);
  const k = Math.sqrt(1 / n);
  const kk = k * k;

  let minX = positions[0];
  let maxX = minX;
  let minY = positions[1];
  let maxY = minY;
  for (let i = 1; i < n; i++) {
    const x = positions[2 * i];
    const y = positions[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const t = Math.max(maxX - minX, maxY - minY) * 0.1;

  // Each unordered pair once: the force on j from i is the negative of the force on i from j.
  let e = 0;
  for (let i = 0; i < n; i++) {
    const xi = positions[2 * i];
    const yi = positions[2 * i + 1];
    for (let j = i + 1; j < n; j++, e++) {
      const dx = xi - positions[2 * j];
      const dy = yi - positions[2 * j + 1];
      const d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
      const c = kk / (d * d) - (tree[e] * d) / k;
      disp[2 * i] += dx * c;
      disp[2 * i + 1] += dy * c;
      disp[2 * j] -= dx * c;
      disp[2 * j + 1] -= dy * c;
    }
  }

  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    const dx = disp[2 * i];
    const dy = disp[2 * i + 1];
    const length = Math.sqrt(dx * dx + dy * dy);
    const s = t / (length < 0.01 ? 0.1 : length);
    positions[2 * i] += dx * s;
    positions[2 * i + 1] += dy * s;
    meanX += positions[2 * i];
    meanY += positions[2 * i + 1];
  }
  meanX /= n;
  meanY /= n;
  let lim = 0;
  for (let i = 0; i < n; i++) {
    positions[2 * i] -= meanX;
    positions[2 * i + 1] -= meanY;
    lim = Math.max(lim, Math.abs(positions[2 * i]), Math.abs(positions[2 * i + 1]));
  }
  // All nodes on one point (lim = 0) stay there, as in networkx's rescale_layout.
  if (lim > 0) {
    const scale = 1 / lim;
    for (let i = 0; i < 2 * n; i++) positions[i] *= scale;
  }
}

/**
 * One Fruchterman–Reingold step (DESIGN.md §4) of n nodes laid out in 2-D.
 * @param positions node-major `[n][2]` float64 coordinates (finite); not modified.
 * @param tree edge indicators (or weights A_ij ≥ 0) of K_n in (i<j) row-major order, n(n−1)/2.
 * @returns the new positions, centred, with max |coordinate| = 1.
 */
export function fruchtermanReingoldStep(
  positions: Float64Array,
  tree: ArrayLike<number>,
): Float64Array {
  const n = checkPositions('positions', positions);
  checkTree('tree', tree, n);
  const out = Float64Array.from(positions);
  fruchtermanReingoldStepInPlace(out, tree, createLayoutScratch(n));
  return out;
}
