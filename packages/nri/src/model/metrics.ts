// Edge precision and recall of a hard latent against the true graph, in plain JS: both are
// undirected (i<j) row-major indicators per item, flattened [B·U]; an entry counts as an edge
// when > 0.5. Counts are pooled over the batch (micro-averaged), as the reference's
// edge_accuracy pools over all edges.
import { undirectedIndex } from './relations.js';

export interface EdgeCounts {
  truePositives: number;
  predicted: number;
  actual: number;
  /** TP / predicted (1 when nothing is predicted). */
  precision: number;
  /** TP / actual (1 when there is nothing to find). */
  recall: number;
}

export function edgePrecisionRecall(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
): EdgeCounts {
  if (predicted.length !== truth.length) {
    throw new RangeError(
      `edgePrecisionRecall: predicted and truth must have equal lengths, got ${predicted.length} and ${truth.length}`,
    );
  }
  let tp = 0;
  let p = 0;
  let a = 0;
  for (let i = 0; i < predicted.length; i++) {
    const x = predicted[i] > 0.5;
    const y = truth[i] > 0.5;
    if (x) p++;
    if (y) a++;
    if (x && y) tp++;
  }
  return {
    truePositives: tp,
    predicted: p,
    actual: a,
    precision: p === 0 ? 1 : tp / p,
    recall: a === 0 ? 1 : tp / a,
  };
}

/**
 * Directed "edge present" indicators in edge-major rows [E·B] (e.g. 1 − the type-0 column of an
 * independent latent's hard sample) → undirected [B·U]: {i, j} is an edge when `rule` = 'either'
 * direction (default) or 'both' directions are.
 */
export function undirectedFromDirected(
  directed: ArrayLike<number>,
  nodes: number,
  batch: number,
  rule: 'either' | 'both' = 'either',
): Float32Array {
  const e = nodes * (nodes - 1);
  if (directed.length !== e * batch) {
    throw new RangeError(
      `undirectedFromDirected: directed must have E·B = ${e * batch} entries, got ${directed.length}`,
    );
  }
  if (rule !== 'either' && rule !== 'both') {
    throw new TypeError(
      `undirectedFromDirected: rule must be 'either' or 'both', got ${String(rule)}`,
    );
  }
  const u = e / 2;
  const out = new Float32Array(batch * u);
  let d = 0;
  for (let i = 0; i < nodes; i++) {
    for (let j = 0; j < nodes; j++) {
      if (i === j) continue;
      const k = undirectedIndex(i, j, nodes);
      for (let b = 0; b < batch; b++) {
        const on = directed[d * batch + b] > 0.5 ? 1 : 0;
        const index = b * u + k;
        // Visiting (i, j) before (j, i) when i < j: the first visit sets, the second combines.
        out[index] = i < j ? on : rule === 'either' ? Math.max(out[index], on) : out[index] * on;
      }
      d++;
    }
  }
  return out;
}
