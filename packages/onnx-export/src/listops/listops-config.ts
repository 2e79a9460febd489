// The ListOps arc scorer's configuration, from a training checkpoint's metadata (what
// `trainListOps` / `sst train listops` store: model "listops-parser", latent, widths, …), checked
// by the listops package's own reader so the two never disagree on what a checkpoint holds.
import { checkListOpsMetadata, type ListOpsLatent } from '@sst-tricks/listops-parser';
import { OnnxExportError } from '../builder/errors.js';

export interface ListOpsExportConfig {
  /** The latent the model was trained with; only 'arborescence' has an exported structure. */
  latent: ListOpsLatent;
  /** Token embedding width. */
  embedding: number;
  /** Each arc LSTM's width (per direction). */
  hidden: number;
  bidirectional: boolean;
}

/** The arc scorer configuration of a ListOps checkpoint; OnnxExportError for another model's. */
export function listOpsConfigFromMetadata(metadata: unknown, where: string): ListOpsExportConfig {
  const meta = metadata as Record<string, unknown> | null;
  if (meta === null || typeof meta !== 'object' || meta.model !== 'listops-parser')
    throw new OnnxExportError(
      `${where} is not a ListOps checkpoint (its metadata has model ${JSON.stringify(meta?.model ?? null)}, not "listops-parser")`,
    );
  let checked: ReturnType<typeof checkListOpsMetadata>;
  try {
    checked = checkListOpsMetadata(metadata, where);
  } catch (error) {
    throw new OnnxExportError((error as Error).message);
  }
  return {
    latent: checked.latent,
    embedding: checked.embedding,
    hidden: checked.hidden,
    bidirectional: checked.bidirectional ?? false,
  };
}

/** The GNN's width and rounds of a ListOps checkpoint (for the value graph). */
export function listOpsValueConfigFromMetadata(
  metadata: unknown,
  where: string,
): { width: number; rounds: number } {
  listOpsConfigFromMetadata(metadata, where);
  const meta = metadata as { width: number; rounds: number };
  return { width: meta.width, rounds: meta.rounds };
}
