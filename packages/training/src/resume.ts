// Finding the checkpoint a run continues from and putting every piece of state back: weights,
// optimizer state, both generators and the data stream's position.
import { basename } from 'node:path';
import { CheckpointError } from './checkpoint/errors.js';
import { assignVariables } from './checkpoint/restore.js';
import { type LoadedCheckpoint, latestCheckpoint, readCheckpoint } from './checkpoint/store.js';
import type { DataStream } from './data.js';
import type { RunGenerators } from './generators.js';
import { restoreOptimizerState } from './optimizer-state.js';
import type { ResolvedOptions } from './options.js';
import type { RunSettings } from './settings.js';
import type { NamedVariable } from './variables.js';

/** The checkpoint to resume from, or null for a fresh run. */
export function findCheckpoint(
  options: Pick<ResolvedOptions<unknown, unknown>, 'resume' | 'checkpoint'>,
): LoadedCheckpoint | null {
  if (options.resume === null) {
    const existing =
      options.checkpoint === null ? null : latestCheckpoint(options.checkpoint.directory);
    if (existing !== null) {
      // A fresh run would interleave its checkpoints with the old run's (and prune the wrong ones).
      throw new RangeError(
        `train: options.checkpoint.directory ${JSON.stringify(options.checkpoint?.directory)} already holds checkpoints (${basename(existing)}); pass resume: true to continue that run, or use an empty directory`,
      );
    }
    return null;
  }
  if (options.resume === true) {
    const latest = latestCheckpoint(options.checkpoint?.directory ?? '');
    return latest === null ? null : readCheckpoint(latest);
  }
  return readCheckpoint(options.resume);
}

/** Restores everything but the step counters (which the caller reads from the manifest). */
export async function restoreRun(
  checkpoint: LoadedCheckpoint,
  variables: readonly NamedVariable[],
  settings: RunSettings,
  generators: RunGenerators,
  stream: Pick<DataStream<unknown>, 'setState'>,
): Promise<void> {
  const where = `train: resuming from ${basename(checkpoint.path)}`;
  assignVariables(variables, checkpoint, where);
  await restoreOptimizerState(settings.optimizer, checkpoint.optimizer, variables, where);
  for (const key of ['model', 'data'] as const) {
    try {
      generators[key].setState(checkpoint.manifest.generators[key]);
    } catch (error) {
      throw new CheckpointError(`${where}: generators.${key}: ${(error as Error).message}`);
    }
  }
  const data = checkpoint.manifest.data;
  if (stream.setState !== undefined) {
    await stream.setState(data);
  } else if (data !== null) {
    throw new CheckpointError(
      `${where}: the checkpoint holds a data-stream position but options.data has no setState()`,
    );
  }
}
