// The replica factory that data-parallel training's worker threads call (shard-loss.ts names it):
// the same model from the same options. Its initial weights do not matter (every step loads the
// main thread's), only the variables' names and shapes.

import type { NriModelOptions } from './model-types.js';
import { NriModel } from './nri-model.js';

export function createNriReplica(options: NriModelOptions): NriModel {
  return new NriModel(options);
}
