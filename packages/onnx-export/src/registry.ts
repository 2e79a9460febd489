// The exporters by model kind. Each turns a training checkpoint of its model into an ONNX file;
// `sst export <kind>` looks them up here.
import { OnnxExportError } from './builder/errors.js';
import type { ModelExporter } from './exporter.js';
import { listOpsExporter } from './listops/export-listops.js';
import { nriExporter } from './nri/export-nri.js';

// One entry per model kind. ListOps ('listops': token ids + lengths → arc score matrix,
// arborescence) and L2X ('l2x': token ids → word logits, k-subset) are added here as they land.
const EXPORTERS: readonly ModelExporter[] = [nriExporter, listOpsExporter];

export function exporterKinds(): string[] {
  return EXPORTERS.map((e) => e.kind);
}

export function getExporter(kind: string): ModelExporter {
  const exporter = EXPORTERS.find((e) => e.kind === kind);
  if (exporter === undefined)
    throw new OnnxExportError(
      `no exporter for model kind ${JSON.stringify(kind)} (known: ${exporterKinds().join(', ')})`,
    );
  return exporter;
}
