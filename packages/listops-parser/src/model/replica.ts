// The replica factory that data-parallel training's worker threads call (shard-loss.ts names it):
// the same model from the same options. Its initial weights do not matter (every step loads the
// main thread's), only the variables' names and shapes.
import { ListOpsModel, type ListOpsModelOptions } from './listops-model.js';

export function createListOpsReplica(options: ListOpsModelOptions): ListOpsModel {
  return new ListOpsModel(options);
}
