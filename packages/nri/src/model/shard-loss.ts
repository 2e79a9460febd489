// NRI's part in data-parallel training. A replica gets the whole batch, keeps its items, and
// computes their NLL + KL normalised by the WHOLE batch, so the replicas' losses and gradients
// add up to the one-process ones. The encoder's batch norm sums its statistics over all replicas
// (ForwardMode.replicas → the crossReplica contract). The noise: the latent draws one uniform per
// logit, and the shard's generator draws the whole batch's and keeps this shard's items' — [B, U]
// item-major logits (trees, top-k: lead 1) or [E·B, 2] edge-major ones (independent: lead E).
import type { ParallelSupport, Shard } from '@sst-tricks/training';
import { builtModuleUrl } from '@sst-tricks/training';
import type * as tf from '@tensorflow/tfjs-core';
import { sliceBatch } from './batch-items.js';
import type { NriBatch, NriModelOptions, NriNetwork } from './model-types.js';

export function shardLoss(model: NriNetwork, batch: NriBatch, shard: Shard): tf.Scalar {
  const items = sliceBatch(batch, model.options.nodes, shard.start, shard.count);
  try {
    const lead = model.options.latent === 'independent' ? model.relations.directed : 1;
    return model.forward(items, shard.generator(lead), {
      replicas: { sum: shard.sum, totalItems: shard.total },
    }).loss;
  } finally {
    items.encoderInput.dispose();
    items.frames.dispose();
  }
}

/** The replica factory's description: replica.ts's `createNriReplica(options)`. */
export function nriParallelSupport(options: NriNetwork['options']): ParallelSupport<NriBatch> {
  const config: NriModelOptions = { ...options };
  return {
    factory: {
      // Resolved when a pool starts: a worker thread needs the built JavaScript.
      get module() {
        return builtModuleUrl('./replica', import.meta.url);
      },
      exportName: 'createNriReplica',
      config: JSON.parse(JSON.stringify(config)),
    },
    items: (batch) => batch.count,
  };
}
