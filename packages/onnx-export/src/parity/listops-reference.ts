// The tfjs side of ListOps parity: the model's own arc scores (`ListOpsModel.scores`, the θ its
// latent reads) for batch-major token ids, in the ONNX output's layout [batch, n, n], with the
// entries of padded positions set to the exported file's LISTOPS_PADDED_SCORE.
import type { ListOpsBatch, ListOpsModel } from '@sst-tricks/listops-parser';
import { LISTOPS_PADDED_SCORE } from '../listops/arc-scorer-graph.js';

/** Arc scores of `model` for ids [batch, n] (row-major) and lengths [batch]. */
export function listOpsArcScores(
  model: ListOpsModel,
  ids: Int32Array,
  lengths: Int32Array,
): Float32Array {
  const batch = lengths.length;
  const n = ids.length / batch;
  if (!Number.isInteger(n) || n < 2)
    throw new RangeError(
      `listOpsArcScores: ids must be [batch = ${batch}, n ≥ 2], got ${ids.length} values`,
    );
  // The model's batch is time-major (row t·B + b); labels and gold heads are unused by scores.
  const timeMajor = new Int32Array(ids.length);
  for (let b = 0; b < batch; b++)
    for (let t = 0; t < n; t++) timeMajor[t * batch + b] = ids[b * n + t];
  const input: ListOpsBatch = {
    size: batch,
    steps: n,
    ids: timeMajor,
    lengths,
    labels: new Int32Array(batch),
    heads: new Int32Array(batch * n).fill(-1),
  };
  const scores = model.scores(input);
  const out = Float32Array.from(scores.dataSync() as Float32Array);
  scores.dispose();
  for (let b = 0; b < batch; b++)
    for (let h = 0; h < n; h++)
      for (let c = 0; c < n; c++)
        if (h >= lengths[b] || c >= lengths[b]) out[(b * n + h) * n + c] = LISTOPS_PADDED_SCORE;
  return out;
}
