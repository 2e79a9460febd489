// Small L2X models and random token-id batches (variable review lengths, padded with 0 at the
// end as `Vocabulary.encode` pads) for the explainer export tests.
import type { Relaxation } from '@sst-tricks/l2x';
import { L2xModel, PAD_ID } from '@sst-tricks/l2x';
import { RandomGenerator } from '@sst-tricks/sst-core';
import type { L2xExportConfig } from '../src/index.js';

export const SMALL_L2X = { vocabulary: 40, embedding: 8, hidden: 12, k: 3 } as const;

export function smallL2xModel(relaxation: Relaxation, seed = 5): L2xModel {
  return new L2xModel({ ...SMALL_L2X, relaxation, temperature: 0.5, seed });
}

export function smallL2xConfig(relaxation: Relaxation): L2xExportConfig {
  return { ...SMALL_L2X, relaxation, aspect: 'aroma', maxLength: 30 };
}

/**
 * ids [batch, length]: row r has a random number of words in [min(2, length), length] (row 0
 * always the full length), ids uniform in [1, vocabulary), then padding.
 */
export function randomIds(
  generator: RandomGenerator,
  batch: number,
  length: number,
  vocabulary: number = SMALL_L2X.vocabulary,
): Int32Array {
  const ids = new Int32Array(batch * length).fill(PAD_ID);
  const u = generator.uniforms(batch * (length + 1));
  for (let r = 0; r < batch; r++) {
    const shortest = Math.min(2, length);
    const words =
      r === 0 ? length : shortest + Math.floor(u[r * (length + 1)] * (length - shortest + 1));
    for (let i = 0; i < words; i++)
      ids[r * length + i] = 1 + Math.floor(u[r * (length + 1) + 1 + i] * (vocabulary - 1));
  }
  return ids;
}

export const seeded = (seed: number) => new RandomGenerator(seed);
