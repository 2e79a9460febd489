// What an exported model says about itself, as ONNX metadata_props (string → string; structured
// values as JSON): readable by every runtime (onnxruntime's InferenceSession metadata, Python's
// `onnx.load(...).metadata_props`) and by `readModelMetadata` here.
import { OnnxExportError } from './builder/errors.js';
import { onnx } from './proto.js';
import type { StructureSpec } from './structure/structure-spec.js';
import { parseStructure } from './structure/structure-spec.js';

export const METADATA_FORMAT = 'sst-tricks-onnx/1';

export const METADATA_KEYS = {
  format: 'sst.format',
  packageVersion: 'sst.package_version',
  modelKind: 'sst.model_kind',
  latent: 'sst.latent',
  structure: 'sst.structure',
  training: 'sst.training',
  /** Models that read words (L2X): the vocabulary, id order, as a JSON array of strings. */
  vocabulary: 'sst.vocabulary',
} as const;

export interface ExportMetadata {
  /** The writer's version (@sst-tricks/onnx-export). */
  packageVersion: string;
  /** Which exporter wrote it: 'nri' now ('listops', 'l2x' as those models land). */
  modelKind: string;
  /** The model's latent structure, as trained ('spanning-tree', 'top-k', 'independent'). */
  latent: string;
  /** The hard solver to apply to the output, with its parameters. */
  structure: StructureSpec;
  /** The training configuration and provenance (checkpoint metadata, step, seed), as JSON. */
  training: Readonly<Record<string, unknown>>;
  /** The word of each token id (L2X), so that a consumer can turn text into the model's input. */
  vocabulary?: readonly string[];
}

export function encodeMetadata(meta: ExportMetadata): Record<string, string> {
  return {
    [METADATA_KEYS.format]: METADATA_FORMAT,
    [METADATA_KEYS.packageVersion]: meta.packageVersion,
    [METADATA_KEYS.modelKind]: meta.modelKind,
    [METADATA_KEYS.latent]: meta.latent,
    [METADATA_KEYS.structure]: JSON.stringify(meta.structure),
    [METADATA_KEYS.training]: JSON.stringify(meta.training),
    ...(meta.vocabulary === undefined
      ? {}
      : { [METADATA_KEYS.vocabulary]: JSON.stringify(meta.vocabulary) }),
  };
}

/** Parses metadata_props written by `encodeMetadata`; `where` names the file in messages. */
export function decodeMetadata(
  props: Readonly<Record<string, string>>,
  where: string,
): ExportMetadata {
  if (props[METADATA_KEYS.format] !== METADATA_FORMAT)
    throw new OnnxExportError(
      `${where}: not an sst-tricks export (metadata ${METADATA_KEYS.format} is ${JSON.stringify(props[METADATA_KEYS.format] ?? null)}, expected "${METADATA_FORMAT}")`,
    );
  const json = (key: string) => {
    try {
      return JSON.parse(props[key] ?? '');
    } catch {
      throw new OnnxExportError(`${where}: metadata ${key} is not valid JSON`);
    }
  };
  const text = (key: string) => {
    const value = props[key];
    if (typeof value !== 'string' || value === '')
      throw new OnnxExportError(`${where}: metadata ${key} is missing`);
    return value;
  };
  const training = json(METADATA_KEYS.training);
  if (training === null || typeof training !== 'object' || Array.isArray(training))
    throw new OnnxExportError(`${where}: metadata ${METADATA_KEYS.training} must be a JSON object`);
  let structure: StructureSpec;
  try {
    structure = parseStructure(json(METADATA_KEYS.structure));
  } catch (error) {
    throw new OnnxExportError(`${where}: metadata ${(error as Error).message}`);
  }
  const vocabulary =
    props[METADATA_KEYS.vocabulary] === undefined ? undefined : json(METADATA_KEYS.vocabulary);
  if (
    vocabulary !== undefined &&
    (!Array.isArray(vocabulary) || !vocabulary.every((w) => typeof w === 'string'))
  )
    throw new OnnxExportError(
      `${where}: metadata ${METADATA_KEYS.vocabulary} must be a JSON array of strings`,
    );
  return {
    packageVersion: text(METADATA_KEYS.packageVersion),
    modelKind: text(METADATA_KEYS.modelKind),
    latent: text(METADATA_KEYS.latent),
    structure,
    training,
    ...(vocabulary === undefined ? {} : { vocabulary }),
  };
}

/** Decodes an ONNX file's bytes; OnnxExportError when they are not an ONNX model. */
export function decodeModel(bytes: Uint8Array, where: string) {
  let model: ReturnType<typeof onnx.ModelProto.decode>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new OnnxExportError(`${where}: not an ONNX model (${(error as Error).message})`);
  }
  if (!model.graph || (model.graph.node ?? []).length === 0)
    throw new OnnxExportError(`${where}: not an ONNX model (no graph)`);
  return model;
}

/** The sst-tricks metadata of an ONNX file's bytes. */
export function readModelMetadata(bytes: Uint8Array, where: string): ExportMetadata {
  const model = decodeModel(bytes, where);
  const props: Record<string, string> = {};
  for (const p of model.metadataProps ?? []) props[p.key ?? ''] = p.value ?? '';
  return decodeMetadata(props, where);
}
