// `sst infer`'s view of an exported L2X explainer: its bytes, metadata (structure, k, the
// vocabulary, the training length) and a check that its input is int64 token ids [batch, n].
// `readL2xModelFile` returns undefined for a model of another kind (the generic path handles it).
import type { ExportMetadata } from '@sst-tricks/onnx-export';
import { L2X_INPUT, L2X_PAIR_OUTPUT, L2X_WORD_OUTPUT } from '@sst-tricks/onnx-export';
import { CliError } from '../cli-error.js';
import type { ExportFile } from './export-file.js';

export interface L2xModelFile {
  path: string;
  bytes: Uint8Array;
  metadata: ExportMetadata;
  /** Word and pair logits (correlated-top-k) or word logits only. */
  correlated: boolean;
  k: number;
  /** The length reviews were padded/truncated to in training (and by `sst eval l2x`). */
  maxLength: number;
  /** Rows of the embedding table: valid ids are 0..size − 1. */
  vocabularySize: number;
}

/** ONNX TensorProto.DataType INT64. */
const INT64 = 7;

export function readL2xModelFile(file: ExportFile): L2xModelFile | undefined {
  const { path, bytes, metadata, model } = file;
  if (metadata.modelKind !== 'l2x') return undefined;
  const { structure, training } = metadata;
  if (structure.name !== 'top-k' && structure.name !== 'correlated-top-k')
    throw new CliError(`${path}: an l2x model with structure ${structure.name}`, 1);
  const correlated = structure.name === 'correlated-top-k';
  const input = model.graph?.input?.[0];
  const dims = input?.type?.tensorType?.shape?.dim ?? [];
  if (
    model.graph?.input?.length !== 1 ||
    input?.name !== L2X_INPUT ||
    input.type?.tensorType?.elemType !== INT64 ||
    dims.length !== 2
  )
    throw new CliError(`${path}: an l2x model's input must be ${L2X_INPUT} int64 [batch, n]`, 1);
  const outputs = (model.graph?.output ?? []).map((o) => o.name);
  const wanted = correlated ? [L2X_WORD_OUTPUT, L2X_PAIR_OUTPUT] : [L2X_WORD_OUTPUT];
  if (outputs.join() !== wanted.join())
    throw new CliError(
      `${path}: an l2x ${structure.name} model must output ${wanted.join(', ')}, it has ${outputs.join(', ')}`,
      1,
    );
  const table = (model.graph?.initializer ?? []).find(
    (t) => t.name === 'explainer.embedding.table',
  );
  const maxLength = training.maxLength;
  if (table?.dims?.length !== 2 || typeof maxLength !== 'number')
    throw new CliError(`${path}: an l2x model without its embedding table or maxLength`, 1);
  return {
    path,
    bytes,
    metadata,
    correlated,
    k: structure.k,
    maxLength,
    vocabularySize: Number(table.dims[0]),
  };
}
