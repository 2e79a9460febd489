// The hard solvers named by a model's StructureSpec, applied to its output scores (float64
// solvers of @sst-tricks/sst-solvers; ties resolved by their documented order).
import {
  chuLiuEdmondsArgmax,
  correlatedKSubsetArgmax,
  edgeEndpoints,
  kruskalArgmax,
  topKArgmax,
} from '@sst-tricks/sst-solvers';
import { OnnxExportError } from '../builder/errors.js';
import type { StructureSpec } from './structure-spec.js';

export type Edge = [number, number];

/** One batch item's hard structure. */
export type HardStructure =
  /** spanning-tree: the n − 1 tree edges [i, j] (i < j), in edge order. */
  | { structure: 'spanning-tree'; edges: Edge[] }
  /** top-k: the selected item indices; with nodes, also the edges [i, j] they are. */
  | { structure: 'top-k'; selected: number[]; edges?: Edge[] }
  /** independent: the type of each directed edge (receiver-major) and the [sender, receiver] pairs of type ≥ 1. */
  | { structure: 'independent'; types: number[]; edges: Edge[] }
  /** correlated-top-k: the selected word indices (exactly k). */
  | { structure: 'correlated-top-k'; selected: number[]; edges?: undefined }
  /** arborescence: heads[c] of each real token (heads[0] = −1, the root) and the arcs [head, child]. */
  | { structure: 'arborescence'; heads: number[]; edges: Edge[] };

/** What a structure with a variable width (L2X's words, ListOps' tokens) needs besides the scores. */
export interface StructureInputs {
  /** Items per batch row when the spec has no fixed width (the output's last dimension). */
  readonly items?: number;
  /** correlated-top-k: the adjacent-pair scores [batch, items − 1]. */
  readonly pair?: Float32Array | Float64Array;
  /** arborescence: [batch] real tokens per item (the model's `lengthsInput`). */
  readonly lengths?: ArrayLike<number>;
}

/**
 * The scores per batch item the structure reads (n(n−1)/2, m, n(n−1)·types or length²); `items`
 * (for an arborescence: the padded length) for a structure without a fixed width
 * (OnnxExportError without it).
 */
export function structureWidth(spec: StructureSpec, items?: number): number {
  if (spec.name === 'arborescence') {
    if (items === undefined || !Number.isInteger(items) || items < 2)
      throw new OnnxExportError(
        `structureWidth: an arborescence's width is length², length must be an integer ≥ 2, got ${items}`,
      );
    return items * items;
  }
  if (spec.name === 'spanning-tree') return (spec.nodes * (spec.nodes - 1)) / 2;
  if (spec.name === 'top-k' && spec.items !== undefined) return spec.items;
  if (spec.name === 'top-k' || spec.name === 'correlated-top-k') {
    if (items === undefined || !Number.isInteger(items) || items < 1)
      throw new OnnxExportError(
        `${spec.name} without a fixed width needs items (the scores per row), got ${items}`,
      );
    return items;
  }
  return spec.nodes * (spec.nodes - 1) * spec.types;
}

/** Undirected edges of K_n in (i<j) row-major order. */
export function undirectedEdges(n: number): Edge[] {
  const { i, j } = edgeEndpoints(n);
  return Array.from(i, (a, e): Edge => [a, j[e]]);
}

/** Directed edges (receiver i, sender j), i ≠ j, row-major — NRI's encoder order. */
export function directedEdges(n: number): Edge[] {
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) edges.push([i, j]);
  return edges;
}

/**
 * Applies `spec`'s hard solver to `scores` ([batch, width] row-major; an arborescence's
 * [batch, length, length] with `inputs.lengths`).
 */
export function applyStructure(
  spec: StructureSpec,
  scores: Float32Array | Float64Array,
  inputs: StructureInputs = {},
): HardStructure[] {
  if (spec.name === 'arborescence') return maxArborescences(spec, scores, inputs);
  const width = structureWidth(spec, inputs.items);
  if (scores.length % width !== 0)
    throw new OnnxExportError(
      `scores: ${scores.length} values are not a whole number of ${spec.name} items of ${width}`,
    );
  for (let i = 0; i < scores.length; i++)
    if (!Number.isFinite(scores[i]))
      throw new OnnxExportError(`scores: value ${i} is ${scores[i]}, not finite`);
  const batch = scores.length / width;
  const s = Float64Array.from(scores);
  const items = (mask: Float64Array, b: number) => {
    const chosen: number[] = [];
    for (let e = 0; e < width; e++) if (mask[b * width + e] === 1) chosen.push(e);
    return chosen;
  };
  if (spec.name === 'spanning-tree') {
    const edges = undirectedEdges(spec.nodes);
    const mask = kruskalArgmax(s, spec.nodes);
    return Array.from({ length: batch }, (_, b) => ({
      structure: 'spanning-tree',
      edges: items(mask, b).map((e) => edges[e]),
    }));
  }
  if ((spec.name === 'top-k' || spec.name === 'correlated-top-k') && spec.k > width)
    throw new OnnxExportError(`scores: ${width} items per row, fewer than k = ${spec.k}`);
  if (spec.name === 'correlated-top-k') {
    const pair = inputs.pair;
    if (pair === undefined || pair.length !== batch * (width - 1))
      throw new OnnxExportError(
        `pair scores: correlated-top-k needs ${batch * (width - 1)} values ([${batch}, ${width - 1}]), got ${pair?.length ?? 'none'}`,
      );
    for (let i = 0; i < pair.length; i++)
      if (!Number.isFinite(pair[i]))
        throw new OnnxExportError(`pair scores: value ${i} is ${pair[i]}, not finite`);
    // The solver `hardCorrelatedKSubset` (sst-core; `sst explain`, `sst eval l2x`) runs.
    const mask = correlatedKSubsetArgmax(s, Float64Array.from(pair), width, spec.k).word;
    return Array.from({ length: batch }, (_, b) => ({
      structure: 'correlated-top-k',
      selected: items(mask, b),
    }));
  }
  if (spec.name === 'top-k') {
    const mask = topKArgmax(s, width, spec.k);
    const edges = spec.nodes === undefined ? undefined : undirectedEdges(spec.nodes);
    return Array.from({ length: batch }, (_, b) => {
      const selected = items(mask, b);
      return edges === undefined
        ? { structure: 'top-k', selected }
        : { structure: 'top-k', selected, edges: selected.map((e) => edges[e]) };
    });
  }
  const directed = directedEdges(spec.nodes);
  const t = spec.types;
  return Array.from({ length: batch }, (_, b) => {
    const types = directed.map((_, e) => {
      let best = 0;
      for (let k = 1; k < t; k++)
        if (s[(b * directed.length + e) * t + k] > s[(b * directed.length + e) * t + best])
          best = k;
      return best;
    });
    const edges = directed
      .map(([receiver, sender]): Edge => [sender, receiver])
      .filter((_, e) => types[e] >= 1);
    return { structure: 'independent', types, edges };
  });
}

/**
 * The maximum arborescence of each item: the solver call the ListOps model's hard latent makes
 * (sst-core's hardArborescence → chuLiuEdmondsArgmax with n = the padded length, the lengths and
 * the root mode), on the same scores, so `sst infer` reads the parse `sst parse` does.
 */
function maxArborescences(
  spec: Extract<StructureSpec, { name: 'arborescence' }>,
  scores: Float32Array | Float64Array,
  inputs: StructureInputs,
): HardStructure[] {
  const lengths = inputs.lengths;
  if (lengths === undefined || lengths.length < 1)
    throw new OnnxExportError(
      `arborescence: needs the ${spec.lengthsInput} of each item (one per batch item)`,
    );
  const batch = lengths.length;
  const n = Math.round(Math.sqrt(scores.length / batch));
  if (n * n * batch !== scores.length || n < 2)
    throw new OnnxExportError(
      `scores: ${scores.length} values are not ${batch} square matrices of side ≥ 2 (one per ${spec.lengthsInput} entry)`,
    );
  for (let i = 0; i < scores.length; i++)
    if (!Number.isFinite(scores[i]))
      throw new OnnxExportError(`scores: value ${i} is ${scores[i]}, not finite`);
  let mask: Float64Array;
  try {
    mask = chuLiuEdmondsArgmax(Float64Array.from(scores), n, { rootMode: spec.rootMode, lengths });
  } catch (error) {
    throw new OnnxExportError(`arborescence: ${(error as Error).message}`);
  }
  return Array.from({ length: batch }, (_, b) => {
    const length = lengths[b];
    const heads = new Array<number>(length).fill(-1);
    const edges: Edge[] = [];
    for (let h = 0; h < length; h++)
      for (let c = 1; c < length; c++)
        if (mask[(b * n + h) * n + c] === 1) {
          heads[c] = h;
          edges.push([h, c]);
        }
    return { structure: 'arborescence', heads, edges };
  });
}
