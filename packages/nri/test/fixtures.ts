// Reference numbers copied from shared/fixtures (sources and licences in ./fixtures/), loaded
// once with their types.
import { readFileSync } from 'node:fs';

export interface GraphLayoutCase {
  n: number;
  T: number;
  gumbel_edge_weights: number[];
  tree_edges: [number, number][];
  init_pos: [number, number][];
  /** positions[t][node] = [x, y] after t + 1 steps. */
  positions: [number, number][][];
}

/** A constructed near-equilibrium layout (fixtures/fr-corner.py). */
export interface FrCornerCase {
  name: string;
  n: number;
  edges: [number, number][];
  init_pos: [number, number][];
  /** positions[t][node] = [x, y] after t + 1 steps. */
  positions: [number, number][][];
  /** disp_norms[t][node] = |disp_i| before step t + 1. */
  disp_norms: number[][];
}

export interface ParticleCase {
  sim: 'springs' | 'charged';
  n_balls: number;
  T: number;
  sample_freq: number;
  /** n × n: 0/1 springs, or q_i q_j. */
  edges: number[][];
  /** [2][n]. */
  init_loc: number[][];
  init_vel: number[][];
  /** [frames][2][n]. */
  loc: number[][][];
  vel: number[][][];
}

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

export const graphLayoutCases = (load('graph-layout.json') as { cases: GraphLayoutCase[] }).cases;
export const frCornerCases = (load('fr-corner.json') as { cases: FrCornerCase[] }).cases;
export const particleCases = (load('nri-sim.json') as { cases: ParticleCase[] }).cases;

/** `[n][2]` nested arrays → node-major Float64Array. */
export function nodeMajor(points: number[][]): Float64Array {
  return Float64Array.from(points.flat());
}

/** numpy's `[2][n]` coordinate-major arrays → node-major `[n][2]`. */
export function fromCoordinateMajor(xy: number[][]): Float64Array {
  const n = xy[0].length;
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = xy[0][i];
    out[2 * i + 1] = xy[1][i];
  }
  return out;
}

/** Largest absolute difference of two equal-length arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
