// The ListOps exporter: a training checkpoint (or a live ListOpsModel's weights) → an ONNX file
// of the arc scorer, with the metadata `sst infer` needs to read its output as the parse.
import type { LoadedCheckpoint } from '@sst-tricks/training';
import { OnnxExportError } from '../builder/errors.js';
import type { ExportedModel, ModelExporter } from '../exporter.js';
import type { ExportMetadata } from '../metadata.js';
import { encodeMetadata } from '../metadata.js';
import type { StructureSpec } from '../structure/structure-spec.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { WeightSource } from '../weights.js';
import { weightsFromCheckpoint } from '../weights.js';
import { buildListOpsArcScorerGraph, LISTOPS_LENGTHS_INPUT } from './arc-scorer-graph.js';
import type { ListOpsExportConfig } from './listops-config.js';
import { listOpsConfigFromMetadata, listOpsValueConfigFromMetadata } from './listops-config.js';
import type { ListOpsValueConfig } from './value-graph.js';
import { buildListOpsValueGraph, LISTOPS_VALUES } from './value-graph.js';

/** The parse the arborescence latent's evaluation reads: rooted at token 0, multi-root mode. */
export const LISTOPS_STRUCTURE: StructureSpec = {
  name: 'arborescence',
  root: 0,
  rootMode: 'multi',
  lengthsInput: LISTOPS_LENGTHS_INPUT,
};

export interface ListOpsExportOptions {
  /** Provenance and training configuration for the metadata (e.g. the checkpoint's). */
  training?: Readonly<Record<string, unknown>>;
}

/** The arc scorer of a ListOps model with `config`, weights by checkpoint variable name. */
export function exportListOps(
  weights: WeightSource,
  config: ListOpsExportConfig,
  options: ListOpsExportOptions = {},
): ExportedModel {
  if (config.latent !== 'arborescence')
    throw new OnnxExportError(
      config.latent === 'lstm'
        ? 'listops: the lstm baseline has no arc scorer to export'
        : `listops: only the arborescence latent is exported (its hard parse is the max arborescence); this model's latent is ${config.latent}`,
    );
  const metadata: ExportMetadata = {
    packageVersion: PACKAGE_VERSION,
    modelKind: 'listops',
    latent: config.latent,
    structure: LISTOPS_STRUCTURE,
    training: { ...config, ...(options.training ?? {}) },
  };
  const graph = buildListOpsArcScorerGraph(weights, config);
  const bytes = graph.toBytes({
    producerName: PACKAGE_NAME,
    producerVersion: PACKAGE_VERSION,
    docString: `ListOps arc scorer (${config.latent} latent, embedding ${config.embedding}, LSTM ${config.hidden}${config.bidirectional ? ' bidirectional' : ''}): token ids + lengths → arc scores [batch, length, length]; the max arborescence rooted at token 0 (sst.structure) is the parse.`,
    metadata: encodeMetadata(metadata),
  });
  return { bytes, metadata };
}

/** A checkpoint written by `sst train listops` / `trainListOps` → its arc scorer as ONNX. */
export function exportListOpsCheckpoint(checkpoint: LoadedCheckpoint): ExportedModel {
  const { manifest } = checkpoint;
  const config = listOpsConfigFromMetadata(manifest.metadata, checkpoint.path);
  return exportListOps(weightsFromCheckpoint(checkpoint), config, {
    training: {
      checkpoint: manifest.metadata as Record<string, unknown>,
      step: manifest.step,
      seed: manifest.options.seed,
      optimizer: manifest.options.optimizer as unknown as Record<string, unknown>,
      createdAt: manifest.createdAt,
    },
  });
}

/**
 * The second graph of a ListOps model (token ids, lengths, a parse → value logits), for
 * consumers that also want the value; its structure is top-1 of the 10 values (the argmax).
 */
export function exportListOpsValue(
  weights: WeightSource,
  config: ListOpsValueConfig & { latent: string },
  options: ListOpsExportOptions = {},
): ExportedModel {
  if (config.latent !== 'arborescence')
    throw new OnnxExportError(
      `listops value graph: only the arborescence latent is exported, this model's latent is ${config.latent}`,
    );
  const metadata: ExportMetadata = {
    packageVersion: PACKAGE_VERSION,
    modelKind: 'listops-value',
    latent: config.latent,
    structure: { name: 'top-k', k: 1, items: LISTOPS_VALUES },
    training: { ...config, ...(options.training ?? {}) },
  };
  const bytes = buildListOpsValueGraph(weights, config).toBytes({
    producerName: PACKAGE_NAME,
    producerVersion: PACKAGE_VERSION,
    docString: `ListOps value graph (GNN width ${config.width}, ${config.rounds} rounds): token ids + lengths + the parse's heads → value logits [batch, 10].`,
    metadata: encodeMetadata(metadata),
  });
  return { bytes, metadata };
}

/** The value graph of a checkpoint written by `sst train listops` / `trainListOps`. */
export function exportListOpsValueCheckpoint(checkpoint: LoadedCheckpoint): ExportedModel {
  const { manifest } = checkpoint;
  const { latent } = listOpsConfigFromMetadata(manifest.metadata, checkpoint.path);
  const config = listOpsValueConfigFromMetadata(manifest.metadata, checkpoint.path);
  return exportListOpsValue(
    weightsFromCheckpoint(checkpoint),
    { ...config, latent },
    {
      training: { step: manifest.step, seed: manifest.options.seed, createdAt: manifest.createdAt },
    },
  );
}

export const listOpsExporter: ModelExporter = {
  kind: 'listops',
  description: 'ListOps arc scorer: token ids [batch, length] + lengths [batch] → arc scores',
  exportCheckpoint: (checkpoint) => exportListOpsCheckpoint(checkpoint),
};
