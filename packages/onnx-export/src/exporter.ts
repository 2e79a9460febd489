// What a model's exporter is: the contract between the registry and each model's exporter (kept
// apart from the registry so that the exporters do not import the list they are listed in).
import type { LoadedCheckpoint } from '@sst-tricks/training';
import type { ExportMetadata } from './metadata.js';

export interface ExportedModel {
  /** The serialised, checked ModelProto. */
  readonly bytes: Uint8Array;
  readonly metadata: ExportMetadata;
}

export interface ModelExporter {
  /** The model kind ('nri'), also written as the file's sst.model_kind. */
  readonly kind: string;
  /** One line for help texts. */
  readonly description: string;
  /** Exports a checkpoint of this kind; OnnxExportError if it is of another model. */
  exportCheckpoint(checkpoint: LoadedCheckpoint): ExportedModel;
}
