// A checkpoint's metadata (what trainListOps stores) back into a model: checked field by field so
// a checkpoint of another model, or a damaged one, fails with a message naming the field.
import { LATENTS, type ListOpsLatent } from '../model/latent.js';
import { ListOpsModel } from '../model/listops-model.js';
import type { ListOpsMetadata } from './train-listops.js';

export function checkListOpsMetadata(value: unknown, where: string): ListOpsMetadata {
  const m = value as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null || m.model !== 'listops-parser') {
    throw new RangeError(
      `${where}: not a listops-parser checkpoint (metadata.model is ${JSON.stringify(m?.model)})`,
    );
  }
  if (!(LATENTS as readonly unknown[]).includes(m.latent)) {
    throw new RangeError(
      `${where}: metadata.latent must be one of ${LATENTS.join(', ')}, got ${JSON.stringify(m.latent)}`,
    );
  }
  for (const key of ['embedding', 'hidden', 'width', 'rounds', 'batchSize'] as const) {
    if (!Number.isInteger(m[key]) || (m[key] as number) < 1) {
      throw new RangeError(
        `${where}: metadata.${key} must be an integer ≥ 1, got ${JSON.stringify(m[key])}`,
      );
    }
  }
  if (typeof m.temperature !== 'number' || !(m.temperature > 0)) {
    throw new RangeError(
      `${where}: metadata.temperature must be > 0, got ${JSON.stringify(m.temperature)}`,
    );
  }
  if (typeof m.data !== 'object' || m.data === null) {
    throw new RangeError(
      `${where}: metadata.data must be an object, got ${JSON.stringify(m.data)}`,
    );
  }
  return m as unknown as ListOpsMetadata;
}

/** A fresh model with the checkpoint's architecture (restore its variables next). */
export function modelFromMetadata(meta: ListOpsMetadata): ListOpsModel {
  return new ListOpsModel({
    latent: meta.latent as ListOpsLatent,
    embedding: meta.embedding,
    hidden: meta.hidden,
    width: meta.width,
    rounds: meta.rounds,
    temperature: meta.temperature,
    bidirectional: meta.bidirectional ?? false,
  });
}
