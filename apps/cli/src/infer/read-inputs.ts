// `sst infer --input FILE`: a JSON file (an array [batch, …item shape] or [item shape], bare or
// under the model's input name) or an NRI dataset file (for an nri model: all its samples).
// Every mismatch is a one-line CliError naming the file, the input and both shapes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DatasetFileError, readDatasetBatches } from '@sst-tricks/nri';
import { CliError } from '../cli-error.js';
import type { ModelFile } from './model-file.js';

export interface Inputs {
  /** Items × the model's item shape, row-major. */
  data: Float32Array;
  count: number;
  source: 'json' | 'nri-dataset';
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** A nested JSON array of finite numbers → its shape and flat values. */
function flatten(value: unknown, where: string): { shape: number[]; values: number[] } {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  const values: number[] = [];
  const walk = (v: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new CliError(`${where}${path} must be a finite number, got ${JSON.stringify(v)}`);
      values.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth])
      throw new CliError(
        `${where}${path} must be an array of ${shape[depth]} (the array is ragged)`,
      );
    v.forEach((x, i) => {
      walk(x, depth + 1, `${path}[${i}]`);
    });
  };
  walk(value, 0, '');
  return { shape, values };
}

function readJson(path: string, text: string, model: ModelFile): Inputs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--input ${path}: not valid JSON (${(error as Error).message})`);
  }
  let where = `--input ${path}`;
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    if (!(model.inputName in record))
      throw new CliError(
        `--input ${path}: has no field ${JSON.stringify(model.inputName)} (the model's input; fields: ${Object.keys(record).join(', ') || 'none'})`,
      );
    parsed = record[model.inputName];
    where = `--input ${path}: ${model.inputName}`;
  }
  if (!Array.isArray(parsed))
    throw new CliError(`${where} must be an array of shape [batch, ${model.itemShape.join(', ')}]`);
  const { shape, values } = flatten(parsed, where);
  const item = model.itemShape;
  const matches = (s: number[]) => s.length === item.length && s.every((d, i) => d === item[i]);
  const count = matches(shape) ? 1 : matches(shape.slice(1)) ? shape[0] : -1;
  if (count < 1)
    throw new CliError(
      `${where} has shape ${shapeText(shape)}; ${model.path} expects [batch, ${item.join(', ')}] (or one item ${shapeText(item)})`,
    );
  return { data: Float32Array.from(values), count, source: 'json' };
}

async function readDataset(path: string, model: ModelFile): Promise<Inputs> {
  const kind = model.metadata.modelKind;
  if (kind !== 'nri')
    throw new CliError(
      `--input ${path} is an NRI dataset file, but ${model.path} is a ${kind} model`,
      1,
    );
  const chunks: Float32Array[] = [];
  let count = 0;
  try {
    for await (const batch of readDatasetBatches(path, 1024)) {
      const shape = [batch.frames, batch.nodes, batch.features];
      if (shape.some((d, i) => d !== model.itemShape[i]))
        throw new CliError(
          `--input ${path}: its trajectories are [frames, nodes, features] = ${shapeText(shape)}, ${model.path} expects ${shapeText(model.itemShape)}`,
        );
      chunks.push(batch.trajectories);
      count += batch.count;
    }
  } catch (error) {
    if (error instanceof DatasetFileError) throw new CliError(`--input ${error.message}`, 1);
    throw error;
  }
  const data = new Float32Array(chunks.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    data.set(c, at);
    at += c.length;
  }
  return { data, count, source: 'nri-dataset' };
}

export async function readInputs(path: string, model: ModelFile): Promise<Inputs> {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new CliError(`--input ${path}: no such file`, 1);
  const bytes = readFileSync(path);
  const first = bytes.subarray(0, 64).toString('utf8').trimStart()[0];
  if (first === '{' || first === '[') return readJson(path, bytes.toString('utf8'), model);
  // A ListOps TSV file ("label<TAB>expression" lines) given to a model of another kind.
  if (/^\d+\t/.test(bytes.subarray(0, 64).toString('utf8')))
    throw new CliError(
      `--input ${path} is a ListOps TSV file, but ${model.path} is a ${model.metadata.modelKind} model`,
      1,
    );
  return readDataset(path, model);
}
