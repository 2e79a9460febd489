// The ListOps model's part in data-parallel training (train({ workers })). A replica gets the
// whole batch, keeps its items (at the whole batch's padded length, batch-items.ts) and computes
// their cross-entropy summed and divided by the WHOLE batch's item count (ListOpsModel.shardLoss),
// so the replicas' losses and gradients add up to the one-process ones. Nothing else in the model couples items (no batch
// norm; every latent graph is per item), so no cross-replica sum is needed. The noise: each
// latent draws one uniform per utility, item-major ([B, T²] arcs, [B, E] spanning-tree edges),
// so the shard's generator (lead 1) hands each replica its items' part of the one-process draw.
import type { ParallelSupport } from '@sst-tricks/training';
import { builtModuleUrl } from '@sst-tricks/training';
import type { ListOpsBatch } from './batch.js';

/** The replica factory's description: replica.ts's `createListOpsReplica(options)`. */
export function listOpsParallelSupport(
  // The model's resolved options (typed loosely: listops-model.ts imports this file).
  options: object,
): ParallelSupport<ListOpsBatch> {
  return {
    factory: {
      // Resolved when a pool starts: a worker thread needs the built JavaScript.
      get module() {
        return builtModuleUrl('./replica', import.meta.url);
      },
      exportName: 'createListOpsReplica',
      config: JSON.parse(JSON.stringify(options)),
    },
    items: (batch) => batch.size,
  };
}
