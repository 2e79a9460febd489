// `--resume`: the newest checkpoint's model settings, seed and learning rate replace the preset's
// (flags given explicitly still win; a different --latent or --seed is an error).
import { type RestartSelection, readRestartSelection } from '@sst-tricks/nri';
import { CheckpointError, latestCheckpoint, readCheckpoint } from '@sst-tricks/training';
import { CliError } from '../cli-error.js';
import type { TrainNriArgs } from './parse-args.js';

/** The checkpoint's training settings, as `trainNri` stored them in its metadata. */
export interface NriCheckpointMetadata {
  latent: string;
  nodes: number;
  frames: number;
  hidden: number;
  temperature: number;
  batchSize: number;
  /** Absent in checkpoints written before these options existed: frames − 1 and untied. */
  predictionSteps?: number;
  tiedInit?: boolean;
  decoderSlices?: number;
  /** Absent in older checkpoints: see `checkpointSkipFirst`. */
  skipFirst?: boolean;
}

/**
 * The decoder's skipFirst for a checkpoint. Checkpoints from before "no edge" had its own message
 * MLP record neither it nor tiedInit (skipFirst was on); those written between the two changes
 * record tiedInit but not skipFirst (it was off).
 */
export function checkpointSkipFirst(meta: NriCheckpointMetadata): boolean {
  return meta.skipFirst ?? meta.tiedInit === undefined;
}

export function nriMetadata(path: string, metadata: unknown): NriCheckpointMetadata {
  const m = metadata as Partial<NriCheckpointMetadata & { model: string }> | null;
  if (m === null || typeof m !== 'object' || m.model !== 'nri')
    throw new CliError(`${path} is not an NRI checkpoint (its metadata has no model "nri")`, 1);
  return m as NriCheckpointMetadata;
}

/** Applies the newest checkpoint in `parsed.out` to `parsed` (nothing when there is none). */
export function applyResume(parsed: TrainNriArgs): {
  steps: number | undefined;
  skipFirst?: boolean;
} {
  const { settings, explicit } = parsed;
  const steps = explicit.has('steps') ? settings.steps : undefined;
  // A run with restarts: its plan and base seed come from D/restarts.json.
  let selection: RestartSelection | null;
  try {
    selection = readRestartSelection(parsed.out);
  } catch (error) {
    throw new CliError((error as Error).message, 1);
  }
  if (selection !== null) {
    if (parsed.seedGiven && parsed.seed !== selection.baseSeed)
      throw new CliError(
        `--seed ${parsed.seed} differs from the restart selection's base seed ${selection.baseSeed} (${parsed.out})`,
      );
    if (!explicit.has('restarts')) settings.restarts = selection.restarts.candidates;
    if (!explicit.has('restartSteps')) settings.restartSteps = selection.restarts.steps;
    if (!explicit.has('restartAccept')) settings.restartAccept = selection.restarts.accept ?? null;
    if (!explicit.has('steps') && selection.totalSteps !== null)
      settings.steps = selection.totalSteps;
  }
  const path = latestCheckpoint(parsed.out);
  if (path === null) {
    if (selection !== null) parsed.seed = selection.baseSeed;
    return { steps: settings.steps };
  }
  let checkpoint: ReturnType<typeof readCheckpoint>;
  try {
    checkpoint = readCheckpoint(path);
  } catch (error) {
    if (error instanceof CheckpointError) throw new CliError(error.message, 1);
    throw error;
  }
  const { manifest } = checkpoint;
  const meta = nriMetadata(path, manifest.metadata);
  if (meta.latent !== parsed.latent)
    throw new CliError(
      `--latent ${parsed.latent} differs from the checkpoint's ${meta.latent} (${path})`,
    );
  if (selection !== null) {
    // The continued run's checkpoints carry the chosen seed; the command names the base seed.
    parsed.seed = selection.baseSeed;
  } else {
    // A run trained without restarts continues without them (the preset's restarts are for
    // starting a run).
    if (explicit.has('restarts') && settings.restarts > 1)
      throw new CliError(
        `--restarts ${settings.restarts}: ${parsed.out} holds a run trained without restarts; resume it without --restarts`,
      );
    settings.restarts = 1;
    if (parsed.seedGiven && parsed.seed !== manifest.options.seed)
      throw new CliError(
        `--seed ${parsed.seed} differs from the checkpoint's ${manifest.options.seed} (${path})`,
      );
    parsed.seed = manifest.options.seed;
  }
  const fromCheckpoint = {
    hidden: meta.hidden,
    nodes: meta.nodes,
    frames: meta.frames,
    temperature: meta.temperature,
    batch: meta.batchSize,
    predictionSteps: meta.predictionSteps ?? meta.frames - 1,
    decoderSlices: meta.decoderSlices ?? 1,
  } as const;
  for (const [key, value] of Object.entries(fromCheckpoint) as [
    keyof typeof fromCheckpoint,
    number,
  ][])
    if (!explicit.has(key)) settings[key] = value;
  if (!explicit.has('messageInit')) settings.messageInit = meta.tiedInit ? 'tied' : 'independent';
  const lr = (manifest.options.optimizer.config as { learningRate?: unknown }).learningRate;
  if (!explicit.has('lr') && typeof lr === 'number') settings.lr = lr;
  return { steps, skipFirst: checkpointSkipFirst(meta) };
}
