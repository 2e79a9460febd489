// A replica factory for the crash test: NRI's, except that replica `replica` fails when it reaches
// step `failAt` — by throwing ('throw') or by ending its thread at once ('exit', as a crash would).
// Plain JavaScript on the built package: worker threads cannot load TypeScript.
import { createNriReplica } from '../../dist/index.js';

export function createFailingReplica({ failAt, mode, replica, ...options }) {
  const model = createNriReplica(options);
  const shardLoss = model.shardLoss.bind(model);
  model.shardLoss = (batch, context, shard) => {
    if (context.step === failAt && shard.replica === replica) {
      if (mode === 'exit') process.exit(3);
      throw new Error(`injected failure at step ${failAt}`);
    }
    return shardLoss(batch, context, shard);
  };
  return model;
}
