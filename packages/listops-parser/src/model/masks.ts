// 0/1 masks over a batch's arcs, [B, T, T] (row = head, column = child), built in JS once per
// batch: which arcs exist for each item's length, and the padding tricks that let the structures
// without a `lengths` option (top-k, spanning tree) ignore the padded nodes exactly.

/** Arc h → c exists for h, c < length, c ≥ 1 (token 0 is the root), h ≠ c. */
export function arcMask(lengths: Int32Array, steps: number): Float32Array {
  const mask = new Float32Array(lengths.length * steps * steps);
  lengths.forEach((len, b) => {
    for (let h = 0; h < len; h++)
      for (let c = 1; c < len; c++) if (h !== c) mask[(b * steps + h) * steps + c] = 1;
  });
  return mask;
}

/**
 * For top-(n−1) over all T² entries with one k = T − 1: the diagonal entry of every padded node
 * p ≥ length is forced in, so exactly length − 1 real arcs remain to choose.
 */
export function forcedPaddingDiagonal(lengths: Int32Array, steps: number): Float32Array {
  const forced = new Float32Array(lengths.length * steps * steps);
  lengths.forEach((len, b) => {
    for (let p = len; p < steps; p++) forced[(b * steps + p) * steps + p] = 1;
  });
  return forced;
}

/** Undirected edges (i < j) of K_T in row-major order (DESIGN §5). */
export function edgeCount(steps: number): number {
  return (steps * (steps - 1)) / 2;
}

/**
 * For spanning trees over all T nodes: [B, E] masks of the real edges (both ends < length) and of
 * the forced chain (p − 1, p) for padded p, which hangs the padding off the last real node so
 * that the tree restricted to the real nodes is a spanning tree of them.
 */
export function edgeMasks(
  lengths: Int32Array,
  steps: number,
): { real: Float32Array; forced: Float32Array } {
  const edges = edgeCount(steps);
  const real = new Float32Array(lengths.length * edges);
  const forced = new Float32Array(lengths.length * edges);
  lengths.forEach((len, b) => {
    let e = 0;
    for (let i = 0; i < steps; i++)
      for (let j = i + 1; j < steps; j++, e++) {
        if (j < len) real[b * edges + e] = 1;
        else if (j >= len && i === j - 1) forced[b * edges + e] = 1;
      }
  });
  return { real, forced };
}

/** [T², E]: entry (i·T + j, e) and (j·T + i, e) are 1 for edge e = (i, j): folds a square matrix to edges. */
export function foldMatrix(steps: number): Float32Array {
  const edges = edgeCount(steps);
  const m = new Float32Array(steps * steps * edges);
  let e = 0;
  for (let i = 0; i < steps; i++)
    for (let j = i + 1; j < steps; j++, e++) {
      m[(i * steps + j) * edges + e] = 1;
      m[(j * steps + i) * edges + e] = 1;
    }
  return m;
}
