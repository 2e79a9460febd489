// L2X's part in data-parallel training (train({ workers })). A replica gets the whole batch, keeps
// its reviews and computes their squared errors summed and divided by the WHOLE batch's review
// count (L2xModel.shardLoss), so the replicas' losses and gradients add up to the one-process
// ones. Nothing in the model couples reviews (the explainer's max-pool is over each review's
// positions; no batch norm), so no cross-replica sum is needed. The noise: dropout draws one
// uniform per feature [count, length, hidden] and every relaxation draws item-major Gumbel noise
// (Concrete [count, k, m], SoftSub and top-k [count, m], correlated word [count, m] then pair
// [count, m − 1]), so the shard's generator (lead 1) hands each replica its reviews' part of the
// one-process draw.
import type { ParallelSupport } from '@sst-tricks/training';
import { builtModuleUrl } from '@sst-tricks/training';
import type { L2xBatch } from './batch.js';

/** What a replica is built from: the model's options without the initial embedding table. */
export interface L2xReplicaConfig {
  vocabulary: number;
  relaxation: string;
  k: number;
  temperature: number;
  embedding: number;
  hidden: number;
  seed: number;
}

/** The replica factory's description: replica.ts's `createL2xReplica(options)`. */
export function l2xParallelSupport(config: L2xReplicaConfig): ParallelSupport<L2xBatch> {
  const { vocabulary, relaxation, k, temperature, embedding, hidden, seed } = config;
  return {
    factory: {
      // Resolved when a pool starts: a worker thread needs the built JavaScript.
      get module() {
        return builtModuleUrl('./replica', import.meta.url);
      },
      exportName: 'createL2xReplica',
      // Explicit fields: the initial embeddings (a large table) are not needed by a replica.
      config: { vocabulary, relaxation, k, temperature, embedding, hidden, seed },
    },
    items: (batch) => batch.count,
  };
}
