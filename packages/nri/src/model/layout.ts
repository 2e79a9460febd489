// From the dataset's trajectories [count, T, n, D] to the model's node-major rows
// (row = node·count + item, see relations.ts), in plain JS (the data needs no gradient).
//   encoder input  [n·count, T·D]: per node the features (t0 x, t0 y, t1 x, …), i.e. the
//                  reference's inputs.view(batch, n, T·D) per node;
//   decoder frames [T, n·count, D]: frame t of every node.

export interface TrajectoryShape {
  count: number;
  frames: number;
  nodes: number;
  features: number;
}

export interface NodeRows {
  /** [n·count, T·D] float32, row = node·count + item. */
  encoderInput: Float32Array;
  /** [T, n·count, D] float32. */
  frames: Float32Array;
}

export function toNodeRows(trajectories: Float32Array, shape: TrajectoryShape): NodeRows {
  const { count, frames: t, nodes: n, features: d } = shape;
  for (const [key, value] of Object.entries(shape)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`toNodeRows: ${key} must be an integer ≥ 1, got ${value}`);
    }
  }
  if (trajectories.length !== count * t * n * d) {
    throw new RangeError(
      `toNodeRows: trajectories must have count·T·n·D = ${count * t * n * d} entries, got ${trajectories.length}`,
    );
  }
  const encoderInput = new Float32Array(trajectories.length);
  const framesOut = new Float32Array(trajectories.length);
  for (let b = 0; b < count; b++) {
    for (let f = 0; f < t; f++) {
      for (let i = 0; i < n; i++) {
        const src = ((b * t + f) * n + i) * d;
        const row = i * count + b;
        for (let k = 0; k < d; k++) {
          encoderInput[row * t * d + f * d + k] = trajectories[src + k];
          framesOut[(f * n * count + row) * d + k] = trajectories[src + k];
        }
      }
    }
  }
  return { encoderInput, frames: framesOut };
}
