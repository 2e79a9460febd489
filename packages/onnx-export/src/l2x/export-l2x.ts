// The L2X exporter: a training checkpoint (or a live L2xModel's weights) → an ONNX file of the
// explainer, with the metadata `sst infer` needs: the selection to apply to its logits (top-k,
// or the correlated chain argmax), k, and the vocabulary to turn text into token ids.
import type { LoadedCheckpoint } from '@sst-tricks/training';
import type { ExportedModel, ModelExporter } from '../exporter.js';
import type { ExportMetadata } from '../metadata.js';
import { encodeMetadata } from '../metadata.js';
import type { StructureSpec } from '../structure/structure-spec.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version.js';
import type { WeightSource } from '../weights.js';
import { weightsFromCheckpoint } from '../weights.js';
import { buildL2xExplainerGraph } from './explainer-graph.js';
import type { L2xExportConfig } from './l2x-config.js';
import { l2xConfigFromMetadata } from './l2x-config.js';
import { buildL2xPredictorGraph } from './predictor-graph.js';

/**
 * The hard selection `L2xModel.explain` makes (`hardSelection`): the correlated chain argmax for
 * correlated-top-k, top-k of the word logits for the other relaxations; the review length varies.
 */
export function l2xStructure(config: Pick<L2xExportConfig, 'relaxation' | 'k'>): StructureSpec {
  return config.relaxation === 'correlated-top-k'
    ? { name: 'correlated-top-k', k: config.k }
    : { name: 'top-k', k: config.k };
}

export interface L2xExportOptions {
  /** Provenance and training configuration for the metadata (e.g. the checkpoint's). */
  training?: Readonly<Record<string, unknown>>;
  /** The vocabulary (id order) to store in the metadata (sst.vocabulary); omitted if absent. */
  vocabulary?: readonly string[];
}

/** The metadata both L2X files carry (they differ in kind only). */
function l2xMetadata(
  modelKind: 'l2x' | 'l2x-predictor',
  config: L2xExportConfig,
  options: L2xExportOptions,
): ExportMetadata {
  return {
    packageVersion: PACKAGE_VERSION,
    modelKind,
    latent: config.relaxation,
    structure: l2xStructure(config),
    training: { ...config, ...(options.training ?? {}) },
    ...(options.vocabulary === undefined ? {} : { vocabulary: options.vocabulary }),
  };
}

/** The ONNX explainer of an L2X model with `config`, weights by checkpoint variable name. */
export function exportL2x(
  weights: WeightSource,
  config: L2xExportConfig,
  options: L2xExportOptions = {},
): ExportedModel {
  const metadata = l2xMetadata('l2x', config, options);
  const bytes = buildL2xExplainerGraph(weights, config).toBytes({
    producerName: PACKAGE_NAME,
    producerVersion: PACKAGE_VERSION,
    docString: `L2X explainer (${config.relaxation}, k = ${config.k}, aspect ${config.aspect}, embedding ${config.embedding}, hidden ${config.hidden}): token ids → word logits${config.relaxation === 'correlated-top-k' ? ' and pair logits' : ''}; apply sst.structure's hard selection to read the k selected words.`,
    metadata: encodeMetadata(metadata),
  });
  return { bytes, metadata };
}

/**
 * The predictor of the same model as a second file (kind 'l2x-predictor'; token ids and the
 * hard selection → rating). Its sst.structure names the selection its input expects.
 */
export function exportL2xPredictor(
  weights: WeightSource,
  config: L2xExportConfig,
  options: L2xExportOptions = {},
): ExportedModel {
  const metadata = l2xMetadata('l2x-predictor', config, options);
  const bytes = buildL2xPredictorGraph(weights, config).toBytes({
    producerName: PACKAGE_NAME,
    producerVersion: PACKAGE_VERSION,
    docString: `L2X predictor (aspect ${config.aspect}, k = ${config.k}, ${config.relaxation}): token ids and the explainer's hard selection → rating.`,
    metadata: encodeMetadata(metadata),
  });
  return { bytes, metadata };
}

/** What both exports of a checkpoint read: weights, configuration, vocabulary, provenance. */
function checkpointExport(checkpoint: LoadedCheckpoint) {
  const { manifest } = checkpoint;
  const { config, words } = l2xConfigFromMetadata(manifest.metadata, checkpoint.path);
  // The vocabulary goes into sst.vocabulary once, not again inside the checkpoint's metadata.
  const { vocabulary: _, ...checkpointMeta } = manifest.metadata as Record<string, unknown>;
  const options: L2xExportOptions = {
    vocabulary: words,
    training: {
      checkpoint: checkpointMeta,
      step: manifest.step,
      seed: manifest.options.seed,
      optimizer: manifest.options.optimizer as unknown as Record<string, unknown>,
      createdAt: manifest.createdAt,
    },
  };
  return { weights: weightsFromCheckpoint(checkpoint), config, options };
}

/** A checkpoint written by `sst train l2x` / `trainL2x` → its predictor as ONNX. */
export function exportL2xPredictorCheckpoint(checkpoint: LoadedCheckpoint): ExportedModel {
  const { weights, config, options } = checkpointExport(checkpoint);
  return exportL2xPredictor(weights, config, options);
}

/** A checkpoint written by `sst train l2x` / `trainL2x` → its explainer as ONNX. */
export function exportL2xCheckpoint(checkpoint: LoadedCheckpoint): ExportedModel {
  const { weights, config, options } = checkpointExport(checkpoint);
  return exportL2x(weights, config, options);
}

export const l2xExporter: ModelExporter = {
  kind: 'l2x',
  description:
    'L2X explainer: token ids [batch, n] → word logits (and pair logits for correlated-top-k)',
  exportCheckpoint: (checkpoint) => exportL2xCheckpoint(checkpoint),
};
