// Rebuilds an L2X model from a checkpoint written by `sst train l2x` (its metadata holds the
// configuration and the vocabulary) and restores its weights. Shared by `sst eval l2x` and
// `sst explain`.
import { L2xModel, type Relaxation, Vocabulary } from '@sst-tricks/l2x';
import { CheckpointError, readCheckpoint, restoreVariables } from '@sst-tricks/training';
import { CliError } from '../cli-error.js';

export interface L2xCheckpointMeta {
  aspect: string;
  relaxation: Relaxation;
  k: number;
  temperature: number;
  embedding: number;
  hidden: number;
  maxLength: number;
  vocabulary: string[];
  data: { kind?: string; path?: string; seed?: number };
}

export function loadL2xCheckpoint(path: string) {
  let checkpoint: ReturnType<typeof readCheckpoint>;
  try {
    checkpoint = readCheckpoint(path);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new CliError(`--checkpoint ${JSON.stringify(path)}: ${error.message}`, 1);
  }
  const meta = checkpoint.manifest.metadata as unknown as L2xCheckpointMeta & { model?: string };
  if (meta === null || typeof meta !== 'object' || meta.model !== 'l2x') {
    throw new CliError(
      `--checkpoint ${JSON.stringify(checkpoint.path)} is not an L2X checkpoint`,
      1,
    );
  }
  const vocabulary = new Vocabulary(meta.vocabulary);
  const model = new L2xModel({
    vocabulary: vocabulary.size,
    relaxation: meta.relaxation,
    k: meta.k,
    temperature: meta.temperature,
    embedding: meta.embedding,
    hidden: meta.hidden,
    seed: 0,
  });
  try {
    restoreVariables(model.variables, checkpoint);
  } catch (error) {
    if (error instanceof CheckpointError) throw new CliError(error.message, 1);
    throw error;
  }
  return { model, vocabulary, meta, checkpoint };
}
