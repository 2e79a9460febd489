// The replica factory that data-parallel training's worker threads call (shard-loss.ts names it):
// the same model from the same options. Its initial weights do not matter (every step loads the
// main thread's), only the variables' names and shapes.
import { L2xModel, type L2xModelOptions } from './l2x-model.js';

export function createL2xReplica(options: L2xModelOptions): L2xModel {
  return new L2xModel(options);
}
