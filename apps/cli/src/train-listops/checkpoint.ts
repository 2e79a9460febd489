// Reading a listops-parser checkpoint back into a model (for eval, parse and --resume).
import {
  checkListOpsMetadata,
  type ListOpsMetadata,
  type ListOpsModel,
  modelFromMetadata,
} from '@sst-tricks/listops-parser';
import {
  CheckpointError,
  type LoadedCheckpoint,
  readCheckpoint,
  restoreVariables,
} from '@sst-tricks/training';
import { CliError } from '../cli-error.js';

export function readListOpsCheckpoint(path: string): {
  checkpoint: LoadedCheckpoint;
  meta: ListOpsMetadata;
} {
  let checkpoint: LoadedCheckpoint;
  try {
    checkpoint = readCheckpoint(path);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new CliError(`--checkpoint ${JSON.stringify(path)}: ${error.message}`, 1);
  }
  try {
    return {
      checkpoint,
      meta: checkListOpsMetadata(checkpoint.manifest.metadata, checkpoint.path),
    };
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, 1);
    throw error;
  }
}

/** The model with the checkpoint's weights (select a backend first). */
export function restoredModel(checkpoint: LoadedCheckpoint, meta: ListOpsMetadata): ListOpsModel {
  const model = modelFromMetadata(meta);
  try {
    restoreVariables(model.variables, checkpoint);
  } catch (error) {
    if (error instanceof CheckpointError) throw new CliError(error.message, 1);
    throw error;
  }
  return model;
}
