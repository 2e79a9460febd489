// The L2X explainer's configuration, from a training checkpoint's metadata (what `trainL2x` /
// `sst train l2x` store there: model "l2x", aspect, relaxation, k, widths, maxLength, vocabulary).
import type { Relaxation } from '@sst-tricks/l2x';
import { RELAXATIONS } from '@sst-tricks/l2x';
import { OnnxExportError } from '../builder/errors.js';

export interface L2xExportConfig {
  /** Vocabulary size (rows of the embedding table). */
  vocabulary: number;
  embedding: number;
  hidden: number;
  relaxation: Relaxation;
  k: number;
  /** The rated aspect ('aroma', …); provenance only. */
  aspect: string;
  /** The length reviews were padded/truncated to in training and by `sst eval l2x`. */
  maxLength: number;
}

function integer(meta: Record<string, unknown>, key: string, where: string, min = 1): number {
  const value = meta[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new OnnxExportError(
      `${where}: metadata ${key} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`,
    );
  return value;
}

/** The explainer configuration and vocabulary of an L2X checkpoint; OnnxExportError otherwise. */
export function l2xConfigFromMetadata(
  metadata: unknown,
  where: string,
): { config: L2xExportConfig; words: string[] } {
  const meta = metadata as Record<string, unknown> | null;
  if (meta === null || typeof meta !== 'object' || meta.model !== 'l2x')
    throw new OnnxExportError(
      `${where} is not an L2X checkpoint (its metadata has model ${JSON.stringify(meta?.model ?? null)}, not "l2x")`,
    );
  const relaxation = meta.relaxation as Relaxation;
  if (!RELAXATIONS.includes(relaxation))
    throw new OnnxExportError(
      `${where}: metadata relaxation must be one of ${RELAXATIONS.join(', ')}, got ${JSON.stringify(meta.relaxation)}`,
    );
  const words = meta.vocabulary;
  if (!Array.isArray(words) || words.length < 2 || !words.every((w) => typeof w === 'string'))
    throw new OnnxExportError(`${where}: metadata vocabulary must be an array of ≥ 2 words`);
  if (typeof meta.aspect !== 'string')
    throw new OnnxExportError(`${where}: metadata aspect must be a string`);
  return {
    config: {
      vocabulary: words.length,
      embedding: integer(meta, 'embedding', where),
      hidden: integer(meta, 'hidden', where),
      relaxation,
      k: integer(meta, 'k', where),
      aspect: meta.aspect,
      maxLength: integer(meta, 'maxLength', where, 2),
    },
    words: words as string[],
  };
}
