// The graph-layout data of DESIGN.md §4: a latent spanning tree drawn as Kruskal (maximum) on
// i.i.d. Gumbel(0) edge weights, initial positions ~ N(0, I), and T frames, frame t being the
// positions after t + 1 Fruchterman–Reingold steps. As in the reference SST code
// (generate_graph_layout_dataset.py with its defaults num_timeskip = 1, num_rounds = 1,
// noise_std = 0) the initial N(0, I) positions are not recorded: frame 0 is already one step in.
//
// Each sample has its own generator (see seed-stream.ts) and draws, in this order: n(n−1)/2
// uniforms → Gumbel weights (sst-core's gumbelFromUniform, float64), then 2n uniforms → N(0, 1)
// coordinates by Box–Muller (node i gets the i-th pair as (x, y)).
import { gumbelFromUniform, RandomGenerator } from '@sst-tricks/sst-core';
import { kruskalArgmax } from '@sst-tricks/sst-solvers';
import { createLayoutScratch, fruchtermanReingoldStepInPlace } from './fruchterman-reingold.js';
import { fillStandardNormal } from './normal.js';
import { allocateBatch, type SampleBatch } from './sample-batch.js';
import { MAX_SAMPLE_INDEX, type Split, sampleSeed } from './seed-stream.js';
import { checkInteger, checkSeed, MAX_FRAMES, MAX_NODES } from './validate.js';

export interface GraphLayoutParams {
  /** Nodes n (default 10). */
  readonly nodes: number;
  /** Recorded frames T (default 10). */
  readonly frames: number;
}

export const GRAPH_LAYOUT_DEFAULTS: GraphLayoutParams = { nodes: 10, frames: 10 };

/** Fills in defaults and checks every parameter. */
export function resolveGraphLayoutParams(
  options: Partial<GraphLayoutParams> = {},
): GraphLayoutParams {
  const nodes = options.nodes ?? GRAPH_LAYOUT_DEFAULTS.nodes;
  const frames = options.frames ?? GRAPH_LAYOUT_DEFAULTS.frames;
  return {
    nodes: checkInteger('nodes', nodes, 2, MAX_NODES),
    frames: checkInteger('frames', frames, 1, MAX_FRAMES),
  };
}

/** One graph-layout trajectory in float64, with its inputs (for inspection and tests). */
export interface GraphLayoutTrajectory {
  /** Gumbel(0) edge weights, (i<j) row-major. */
  readonly weights: Float64Array;
  /** 0/1 indicators of the maximum spanning tree of `weights`. */
  readonly tree: Float64Array;
  /** The N(0, I) starting positions, `[n][2]` (not a recorded frame). */
  readonly initial: Float64Array;
  /** `[frames][n][2]`: frame t = positions after t + 1 FR steps. */
  readonly positions: Float64Array;
}

/** Draws one trajectory from `generator` (consuming n(n−1)/2 + 2n uniforms). */
export function sampleGraphLayout(
  generator: RandomGenerator,
  options: Partial<GraphLayoutParams> = {},
): GraphLayoutTrajectory {
  if (!(generator instanceof RandomGenerator))
    throw new TypeError(`generator must be a RandomGenerator, got ${String(generator)}`);
  const { nodes: n, frames } = resolveGraphLayoutParams(options);
  const weights = drawWeights(generator, n);
  const initial = new Float64Array(2 * n);
  fillStandardNormal(generator, initial, 0, 2 * n);
  const tree = kruskalArgmax(weights, n);
  const positions = new Float64Array(frames * 2 * n);
  const current = Float64Array.from(initial);
  const scratch = createLayoutScratch(n);
  for (let t = 0; t < frames; t++) {
    fruchtermanReingoldStepInPlace(current, tree, scratch);
    positions.set(current, t * 2 * n);
  }
  return { weights, tree, initial, positions };
}

function drawWeights(generator: RandomGenerator, n: number): Float64Array {
  const weights = generator.uniforms((n * (n - 1)) / 2);
  for (let e = 0; e < weights.length; e++) weights[e] = gumbelFromUniform(weights[e]);
  return weights;
}

/**
 * Samples `start .. start + count − 1` of a split, each from its own seed stream: the result for
 * sample i never depends on `start` or `count`. Trajectories are stored as float32 (the models
 * compute in float32 and coordinates lie in [−1, 1], where float32 keeps 7 digits).
 */
export function generateGraphLayout(
  seed: number,
  split: Split,
  start: number,
  count: number,
  options: Partial<GraphLayoutParams> = {},
): SampleBatch {
  checkSeed('seed', seed);
  checkInteger('start', start, 0, MAX_SAMPLE_INDEX);
  checkInteger('count', count, 0, MAX_SAMPLE_INDEX + 1 - start);
  const { nodes: n, frames } = resolveGraphLayoutParams(options);
  const m = (n * (n - 1)) / 2;
  const batch = allocateBatch(start, count, frames, n, 2);
  if (count === 0) return batch;
  // Draw every sample's weights and starting positions first, so Kruskal runs once, batched.
  const weights = new Float64Array(count * m);
  const initial = new Float64Array(count * 2 * n);
  for (let s = 0; s < count; s++) {
    const generator = new RandomGenerator(sampleSeed(seed, split, start + s));
    weights.set(drawWeights(generator, n), s * m);
    fillStandardNormal(generator, initial, s * 2 * n, 2 * n);
  }
  const trees = kruskalArgmax(weights, n);
  const scratch = createLayoutScratch(n);
  const frameSize = 2 * n;
  for (let s = 0; s < count; s++) {
    const tree = trees.subarray(s * m, (s + 1) * m);
    const current = initial.subarray(s * frameSize, (s + 1) * frameSize);
    for (let e = 0; e < m; e++) batch.edges[s * m + e] = tree[e];
    const base = s * frames * frameSize;
    for (let t = 0; t < frames; t++) {
      fruchtermanReingoldStepInPlace(current, tree, scratch);
      batch.trajectories.set(current, base + t * frameSize);
    }
  }
  return batch;
}
