// Maps trajectory coordinates onto a square drawing: one scale for every frame (so the motion is
// visible) and for both axes (so the layout is not distorted).

export interface Point {
  x: number;
  y: number;
}

/** Screen positions `[frame][node]` of `[frames, nodes, 2]` coordinates in a `size`² box. */
export function layoutPoints(
  trajectories: ArrayLike<number>,
  frames: number,
  nodes: number,
  size: number,
  margin: number,
): Point[][] {
  if (trajectories.length !== frames * nodes * 2)
    throw new RangeError(
      `trajectories must hold ${frames}×${nodes}×2 coordinates, got ${trajectories.length}`,
    );
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < trajectories.length; k += 2) {
    minX = Math.min(minX, trajectories[k]);
    maxX = Math.max(maxX, trajectories[k]);
    minY = Math.min(minY, trajectories[k + 1]);
    maxY = Math.max(maxY, trajectories[k + 1]);
  }
  // A degenerate (single-point) layout still gets a finite scale.
  const span = Math.max(maxX - minX, maxY - minY, 1e-9);
  const scale = (size - 2 * margin) / span;
  const offsetX = margin + (size - 2 * margin - (maxX - minX) * scale) / 2;
  const offsetY = margin + (size - 2 * margin - (maxY - minY) * scale) / 2;
  return Array.from({ length: frames }, (_, t) =>
    Array.from({ length: nodes }, (_, i) => {
      const k = (t * nodes + i) * 2;
      // Screen y grows downwards; flip so the picture is the usual way up.
      return {
        x: offsetX + (trajectories[k] - minX) * scale,
        y: size - offsetY - (trajectories[k + 1] - minY) * scale,
      };
    }),
  );
}
