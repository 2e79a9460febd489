// The in-memory form of consecutive samples of a dataset, as the generators return them and the
// loader yields them.

export interface SampleBatch {
  /** Index of the first sample within its split. */
  readonly start: number;
  /** Samples in the batch. */
  readonly count: number;
  /** Recorded frames per trajectory (T). */
  readonly frames: number;
  /** Nodes (particles) per trajectory (n). */
  readonly nodes: number;
  /** Features per node and frame: 2 (x, y) for graph layout, 4 (x, y, vx, vy) for particles. */
  readonly features: number;
  /** `[count, frames, nodes, features]`, row-major. */
  readonly trajectories: Float32Array;
  /** `[count, n(n−1)/2]` 0/1 indicators of the latent edges, (i<j) row-major. */
  readonly edges: Uint8Array;
}

/** An empty batch of the given geometry, to be filled in place. */
export function allocateBatch(
  start: number,
  count: number,
  frames: number,
  nodes: number,
  features: number,
): SampleBatch {
  return {
    start,
    count,
    frames,
    nodes,
    features,
    trajectories: new Float32Array(count * frames * nodes * features),
    edges: new Uint8Array((count * nodes * (nodes - 1)) / 2),
  };
}
