// The exporters by model kind. Each turns a training checkpoint of its model into an ONNX file;
// `sst export <kind>` looks them up here.
import { OnnxExportError } from './builder/errors.js';
import type { ModelExporter } from './exporter.js';
import { l2xExporter } from './l2x/export-l2x.js';
import { listOpsExporter } from './listops/export-listops.js';
import { nriExporter } from './nri/export-nri.js';

// One entry per model kind: NRI (trajectories → edge logits), ListOps (token ids + lengths → arc
// score matrix, arborescence), L2X (token ids → word logits, k-subset or correlated k-subset).
const EXPORTERS: readonly ModelExporter[] = [nriExporter, listOpsExporter, l2xExporter];

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
