// `sst infer`'s view of any file written by "sst export", before it is read as a particular
// model kind: its bytes, decoded graph and sst-tricks metadata; each failure a one-line CliError.
// The file is read and decoded once; model-file.ts (NRI), l2x-model-file.ts and listops.ts read
// their kind's view from this.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ExportMetadata } from '@sst-tricks/onnx-export';
import { decodeMetadata, decodeModel, OnnxExportError } from '@sst-tricks/onnx-export';
import { CliError } from '../cli-error.js';

export interface ExportFile {
  path: string;
  bytes: Uint8Array;
  metadata: ExportMetadata;
  /** The decoded ModelProto. */
  model: ReturnType<typeof decodeModel>;
  graph: NonNullable<ReturnType<typeof decodeModel>['graph']>;
}

export function readExportFile(path: string): ExportFile {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new CliError(`${path}: no such model file`, 1);
  const bytes = new Uint8Array(readFileSync(path));
  try {
    const model = decodeModel(bytes, path);
    const props: Record<string, string> = {};
    for (const p of model.metadataProps ?? []) props[p.key ?? ''] = p.value ?? '';
    const metadata = decodeMetadata(props, path);
    return { path, bytes, metadata, model, graph: model.graph as ExportFile['graph'] };
  } catch (error) {
    if (error instanceof OnnxExportError) throw new CliError(error.message, 1);
    throw error;
  }
}
