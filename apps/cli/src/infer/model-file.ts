// `sst infer`'s model: the file's bytes, its sst-tricks metadata and its one input's name and
// dims (the first symbolic: the batch), each failure a one-line CliError naming the file.
import type { ExportMetadata } from '@sst-tricks/onnx-export';
import { CliError } from '../cli-error.js';
import type { ExportFile } from './export-file.js';

export interface ModelFile {
  path: string;
  bytes: Uint8Array;
  metadata: ExportMetadata;
  inputName: string;
  /** The input's dims after the batch. */
  itemShape: number[];
  outputName: string;
}

export function readModelFile(file: ExportFile): ModelFile {
  const { path, bytes, metadata, model } = file;
  const inputs = model.graph?.input ?? [];
  const outputs = model.graph?.output ?? [];
  if (inputs.length !== 1 || outputs.length !== 1)
    throw new CliError(
      `${path}: expected one input and one output, the model has ${inputs.length} and ${outputs.length}`,
      1,
    );
  const dims = inputs[0].type?.tensorType?.shape?.dim ?? [];
  if (dims.length < 1 || !dims[0].dimParam)
    throw new CliError(`${path}: the model's input has no symbolic batch dimension`, 1);
  const itemShape = dims.slice(1).map((d) => Number(d.dimValue));
  if (itemShape.some((d) => !(d >= 1)))
    throw new CliError(`${path}: the model's input has more than one symbolic dimension`, 1);
  return {
    path,
    bytes,
    metadata,
    inputName: inputs[0].name ?? '',
    itemShape,
    outputName: outputs[0].name ?? '',
  };
}
