// The NRI exporter: a training checkpoint (or a live NriModel's weights) → an ONNX file of the
// encoder, with the metadata `sst infer` needs to read its output as the trained structure.
import type { LoadedCheckpoint } from '@sst-tricks/training';
import type { ExportedModel, ModelExporter } from '../exporter.js';
import type { ExportMetadata } from '../metadata.js';
import { encodeMetadata } from '../metadata.js';
import type { StructureSpec } from '../structure/structure-spec.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { WeightSource } from '../weights.js';
import { weightsFromCheckpoint } from '../weights.js';
import type { NriGraphOptions } from './encoder-graph.js';
import { buildNriEncoderGraph, NRI_EDGE_TYPES } from './encoder-graph.js';
import type { NriExportConfig } from './nri-config.js';
import { nriConfigFromMetadata } from './nri-config.js';

/** The hard structure of each latent: what its evaluation's hard sample solves, without noise. */
export function nriStructure(config: NriExportConfig): StructureSpec {
  const n = config.nodes;
  const u = (n * (n - 1)) / 2;
  if (config.latent === 'spanning-tree') return { name: 'spanning-tree', nodes: n };
  if (config.latent === 'top-k') return { name: 'top-k', k: n - 1, items: u, nodes: n };
  return { name: 'independent', nodes: n, types: NRI_EDGE_TYPES };
}

export interface NriExportOptions extends NriGraphOptions {
  /** Provenance and training configuration for the metadata (e.g. the checkpoint's). */
  training?: Readonly<Record<string, unknown>>;
}

/** The ONNX encoder of an NRI model with `config`, weights by checkpoint variable name. */
export function exportNri(
  weights: WeightSource,
  config: NriExportConfig,
  options: NriExportOptions = {},
): ExportedModel {
  const metadata: ExportMetadata = {
    packageVersion: PACKAGE_VERSION,
    modelKind: 'nri',
    latent: config.latent,
    structure: nriStructure(config),
    training: { ...config, ...(options.training ?? {}) },
  };
  const graph = buildNriEncoderGraph(weights, config, options);
  const bytes = graph.toBytes({
    producerName: PACKAGE_NAME,
    producerVersion: PACKAGE_VERSION,
    docString: `NRI MLP encoder (${config.latent} latent, n = ${config.nodes}, T = ${config.frames}, hidden ${config.hidden}): trajectories → edge logits; apply sst.structure's hard solver to read the graph.`,
    metadata: encodeMetadata(metadata),
  });
  return { bytes, metadata };
}

/** A checkpoint written by `sst train nri` / `trainNri` → its encoder as ONNX. */
export function exportNriCheckpoint(
  checkpoint: LoadedCheckpoint,
  options: NriGraphOptions = {},
): ExportedModel {
  const { manifest } = checkpoint;
  const config = nriConfigFromMetadata(manifest.metadata, checkpoint.path);
  return exportNri(weightsFromCheckpoint(checkpoint), config, {
    ...options,
    training: {
      checkpoint: manifest.metadata as Record<string, unknown>,
      step: manifest.step,
      seed: manifest.options.seed,
      optimizer: manifest.options.optimizer as unknown as Record<string, unknown>,
      createdAt: manifest.createdAt,
    },
  });
}

export const nriExporter: ModelExporter = {
  kind: 'nri',
  description: 'NRI MLP encoder: trajectories [batch, T, n, D] → edge logits',
  exportCheckpoint: (checkpoint) => exportNriCheckpoint(checkpoint),
};
