// The NRI encoder's configuration, from a training checkpoint's metadata (what `trainNri` / the
// CLI's `sst train nri` store there: model "nri", latent, nodes, frames, hidden, …).
import type { NriLatent } from '@sst-tricks/nri';
import { OnnxExportError } from '../builder/errors.js';

export interface NriExportConfig {
  nodes: number;
  frames: number;
  /** Per node and frame (2: positions). */
  features: number;
  hidden: number;
  latent: NriLatent;
}

const LATENTS: readonly NriLatent[] = ['spanning-tree', 'top-k', 'independent'];

function dimension(meta: Record<string, unknown>, key: string, where: string, min = 1): number {
  const value = meta[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new OnnxExportError(
      `${where}: metadata ${key} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`,
    );
  return value;
}

/** The encoder configuration of an NRI checkpoint; OnnxExportError for another model's. */
export function nriConfigFromMetadata(metadata: unknown, where: string): NriExportConfig {
  const meta = metadata as Record<string, unknown> | null;
  if (meta === null || typeof meta !== 'object' || meta.model !== 'nri')
    throw new OnnxExportError(
      `${where} is not an NRI checkpoint (its metadata has model ${JSON.stringify(meta?.model ?? null)}, not "nri")`,
    );
  const latent = meta.latent as NriLatent;
  if (!LATENTS.includes(latent))
    throw new OnnxExportError(
      `${where}: metadata latent must be one of ${LATENTS.join(', ')}, got ${JSON.stringify(meta.latent)}`,
    );
  return {
    nodes: dimension(meta, 'nodes', where, 2),
    frames: dimension(meta, 'frames', where),
    features: meta.features === undefined ? 2 : dimension(meta, 'features', where),
    hidden: dimension(meta, 'hidden', where),
    latent,
  };
}
