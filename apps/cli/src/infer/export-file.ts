// `sst infer`'s view of any file written by "sst export", before it is read as a particular
// model kind: its bytes, decoded graph and sst-tricks metadata; each failure a one-line CliError.
// (model-file.ts reads the one-input models, NRI's, on its own; listops.ts reads from this.)
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ExportMetadata } from '@sst-tricks/onnx-export';
import { decodeModel, OnnxExportError, readModelMetadata } from '@sst-tricks/onnx-export';
import { CliError } from '../cli-error.js';

export interface ExportFile {
  path: string;
  bytes: Uint8Array;
  metadata: ExportMetadata;
  graph: NonNullable<ReturnType<typeof decodeModel>['graph']>;
}

export function readExportFile(path: string): ExportFile {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new CliError(`${path}: no such model file`, 1);
  const bytes = new Uint8Array(readFileSync(path));
  try {
    const graph = decodeModel(bytes, path).graph as ExportFile['graph'];
    return { path, bytes, metadata: readModelMetadata(bytes, path), graph };
  } catch (error) {
    if (error instanceof OnnxExportError) throw new CliError(error.message, 1);
    throw error;
  }
}
