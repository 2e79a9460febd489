// `sst infer` for a listops model: the arc scorer in onnxruntime-node on padded batches of token
// ids + lengths, then the maximum arborescence of each expression (the structure in the
// metadata, the solver call the model's own hard parse makes): its heads, as `sst parse` prints.
import type { HardStructure } from '@sst-tricks/onnx-export';
import {
  applyStructure,
  LISTOPS_LENGTHS_INPUT,
  LISTOPS_TOKENS_INPUT,
  OnnxExportError,
} from '@sst-tricks/onnx-export';
import { openSession } from '@sst-tricks/onnx-export/parity';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import type { ExportFile } from './export-file.js';
import { packItems, readListOpsInputs } from './listops-inputs.js';

export interface ListOpsInferOptions {
  inputPath: string;
  /** Items per run (default: all in one). */
  batchSize?: number;
  /** Also print each item's real block of arc scores [length][length]. */
  scores: boolean;
}

const INT32 = 6;

/** The model's inputs must be the arc scorer's: int32 token ids and lengths. */
function checkSignature(model: ExportFile): string {
  const { structure } = model.metadata;
  if (structure.name !== 'arborescence')
    throw new CliError(
      `${model.path}: a listops model's structure must be arborescence, got ${structure.name}`,
      1,
    );
  const inputs = model.graph.input ?? [];
  const wanted = [LISTOPS_TOKENS_INPUT, structure.lengthsInput];
  const found = inputs.map(
    (i) => `${i.name} (${i.type?.tensorType?.elemType === INT32 ? 'int32' : 'not int32'})`,
  );
  if (
    inputs.length !== 2 ||
    !wanted.every((w) =>
      inputs.some((i) => i.name === w && i.type?.tensorType?.elemType === INT32),
    ) ||
    (model.graph.output ?? []).length !== 1
  )
    throw new CliError(
      `${model.path}: a listops model takes int32 inputs ${wanted.join(' and ')} and has one output; this one has inputs ${found.join(', ') || 'none'}`,
      1,
    );
  return model.graph.output?.[0]?.name ?? '';
}

export async function inferListOps(
  model: ExportFile,
  options: ListOpsInferOptions,
  io: CliIo,
): Promise<number> {
  const items = readListOpsInputs(options.inputPath, model);
  const outputName = checkSignature(model);
  const { structure } = model.metadata;
  const chunk = options.batchSize ?? items.length;
  const session = await openSession('node', model.bytes);
  const results: Record<string, unknown>[] = [];
  const started = performance.now();
  try {
    for (let start = 0; start < items.length; start += chunk) {
      const part = items.slice(start, start + chunk);
      const { ids, lengths, steps } = packItems(part);
      const out = await session.run({
        [LISTOPS_TOKENS_INPUT]: { data: ids, dims: [part.length, steps] },
        [LISTOPS_LENGTHS_INPUT]: { data: lengths, dims: [part.length] },
      });
      const scores = out[outputName].data;
      let parses: HardStructure[];
      try {
        parses = applyStructure(structure, scores, { lengths });
      } catch (error) {
        if (error instanceof OnnxExportError)
          throw new CliError(`${model.path}: ${error.message}`, 1);
        throw error;
      }
      parses.forEach((parse, b) => {
        const it = part[b];
        const result: Record<string, unknown> = {};
        if (it.tokens !== undefined) result.tokens = it.tokens;
        if (it.label !== undefined) result.label = it.label;
        result.heads = parse.structure === 'arborescence' ? parse.heads : [];
        result.edges = parse.edges;
        if (options.scores) {
          const n = lengths[b];
          result.scores = Array.from({ length: n }, (_, h) =>
            Array.from(scores.subarray((b * steps + h) * steps, (b * steps + h) * steps + n)),
          );
        }
        results.push(result);
      });
    }
  } finally {
    await session.release();
  }
  const seconds = (performance.now() - started) / 1000;
  if (options.batchSize !== undefined)
    io.stderr(
      `sst infer: ${items.length} items in ${Math.ceil(items.length / chunk)} runs of ≤ ${chunk}: ${seconds.toFixed(3)} s, ${(items.length / seconds).toFixed(0)} items/s (onnxruntime-node + ${structure.name} solver)\n`,
    );
  const m = model.metadata;
  io.stdout(
    `${JSON.stringify({ model: { kind: m.modelKind, latent: m.latent, structure }, count: items.length, results })}\n`,
  );
  return 0;
}
