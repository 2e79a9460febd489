// `sst infer MODEL.onnx --input FILE`: onnxruntime-node on the inputs, then the hard structure
// named in the model's metadata; JSON on stdout, throughput on stderr with --batch.
import type { HardStructure } from '@sst-tricks/onnx-export';
import { applyStructure, OnnxExportError, structureWidth } from '@sst-tricks/onnx-export';
import { openSession } from '@sst-tricks/onnx-export/parity';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { integer, oneOf, parseFlags } from '../flags.js';
import { readExportFile } from './export-file.js';
import { inferHelp } from './help.js';
import { inferL2x, L2X_PADDINGS } from './infer-l2x.js';
import { readL2xModelFile } from './l2x-model-file.js';
import { inferListOps } from './listops.js';
import { readModelFile } from './model-file.js';
import { readInputs } from './read-inputs.js';

const NAME = 'sst infer';

/** An item's fields without the structure tag (the model's structure is printed once). */
function withoutTag(hard: HardStructure): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...hard };
  delete fields.structure;
  return fields;
}

export async function infer(args: string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = args;
    const positional = first !== undefined && !first.startsWith('-');
    const { help, values } = parseFlags(
      positional ? rest : args,
      ['--input', '--batch', '--pad'],
      ['--scores'],
    );
    if (help) {
      io.stdout(`${inferHelp()}\n`);
      return 0;
    }
    if (!positional)
      throw new CliError('the model file is required: sst infer MODEL.onnx --input FILE');
    const inputPath = values.get('--input');
    if (inputPath === undefined) throw new CliError('--input is required (see --help)');
    const batchFlag = values.get('--batch');
    const batchSize =
      batchFlag === undefined ? undefined : integer('--batch', batchFlag, 1, 1_000_000);
    // Read and decoded once; each kind takes its view of it.
    const file = readExportFile(first);
    const l2xModel = readL2xModelFile(file);
    const pad = values.get('--pad');
    if (l2xModel !== undefined) {
      const padding = pad === undefined ? 'max-length' : oneOf('--pad', pad, L2X_PADDINGS);
      const scores = values.has('--scores');
      await inferL2x(l2xModel, { inputPath, batchSize, padding, scores }, io, NAME);
      return 0;
    }
    if (pad !== undefined) throw new CliError(`--pad applies to l2x models only (${first})`);
    if (file.metadata.modelKind === 'listops')
      return await inferListOps(file, { inputPath, batchSize, scores: values.has('--scores') }, io);
    const model = readModelFile(file);
    const inputs = await readInputs(inputPath, model);
    const { structure } = model.metadata;
    const itemSize = model.itemShape.reduce((a, b) => a * b, 1);
    const width = structureWidth(structure);
    const session = await openSession('node', model.bytes);
    const results: Record<string, unknown>[] = [];
    const chunk = batchSize ?? inputs.count;
    const started = performance.now();
    try {
      for (let start = 0; start < inputs.count; start += chunk) {
        const count = Math.min(chunk, inputs.count - start);
        const data = inputs.data.subarray(start * itemSize, (start + count) * itemSize);
        const out = await session.run({
          [model.inputName]: { data, dims: [count, ...model.itemShape] },
        });
        const scores = out[model.outputName].data;
        if (scores.length !== count * width)
          throw new CliError(
            `${model.path}: output ${model.outputName} has ${scores.length / count} values per item, structure ${structure.name} reads ${width}`,
            1,
          );
        let hard: HardStructure[];
        try {
          hard = applyStructure(structure, scores);
        } catch (error) {
          if (error instanceof OnnxExportError)
            throw new CliError(`${model.path}: ${error.message}`, 1);
          throw error;
        }
        for (const [i, h] of hard.entries()) {
          const item: Record<string, unknown> = withoutTag(h);
          if (values.has('--scores'))
            item.scores = Array.from(scores.subarray(i * width, (i + 1) * width));
          results.push(item);
        }
      }
    } finally {
      await session.release();
    }
    const seconds = (performance.now() - started) / 1000;
    if (batchSize !== undefined)
      io.stderr(
        `${NAME}: ${inputs.count} items in ${Math.ceil(inputs.count / chunk)} runs of ≤ ${chunk}: ${seconds.toFixed(3)} s, ${(inputs.count / seconds).toFixed(0)} items/s (onnxruntime-node + ${structure.name} solver)\n`,
      );
    const m = model.metadata;
    io.stdout(
      `${JSON.stringify({ model: { kind: m.modelKind, latent: m.latent, structure }, count: inputs.count, results })}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
}
