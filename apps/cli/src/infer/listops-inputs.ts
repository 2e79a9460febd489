// `sst infer --input FILE` for a listops model: a ListOps TSV dataset file (`label<TAB>expr`,
// as `sst data listops` writes), or JSON — expressions as strings, token lists, or the model's
// raw input {"token_ids": [[ids…]…], "lengths": […]} — each item checked, every problem a
// one-line CliError naming the file and the position.
import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  ListOpsFormatError,
  PAD_ID,
  parseLine,
  readListOps,
  tokenId,
  VOCABULARY,
} from '@sst-tricks/listops-parser';
import { MAGIC } from '@sst-tricks/nri';
import { CliError } from '../cli-error.js';
import type { ExportFile } from './export-file.js';

export interface ListOpsItem {
  /** The token ids the model reads (PAD_ID allowed only in raw token_ids input). */
  ids: Int32Array;
  /** The tokens, when the input named them (expressions, token lists, TSV lines). */
  tokens?: readonly string[];
  /** The TSV file's label (the expression's true value). */
  label?: number;
}

const short = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

function fromTokens(tokens: readonly string[], where: string): ListOpsItem {
  let checked: readonly string[];
  try {
    // The evaluator's own checks (the label is a placeholder), as `sst parse` does.
    checked = parseLine(`0\t${tokens.join(' ')}`).tokens;
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(`${where}: ${error.message}`);
    throw error;
  }
  return { ids: Int32Array.from(checked, tokenId), tokens: checked };
}

function fromIds(row: readonly unknown[], where: string): ListOpsItem {
  const ids = row.map((id, i) => {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= VOCABULARY.length)
      throw new CliError(
        `${where}[${i}] must be an integer token id in 0..${VOCABULARY.length - 1}, got ${short(id)}`,
      );
    return id;
  });
  return { ids: Int32Array.from(ids) };
}

function item(value: unknown, where: string): ListOpsItem {
  let out: ListOpsItem | undefined;
  if (typeof value === 'string') out = fromTokens(value.trim().split(/\s+/), where);
  else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
    out = fromTokens(value as string[], where);
  else if (Array.isArray(value) && value.every((v) => typeof v === 'number'))
    out = fromIds(value, where);
  if (out === undefined)
    throw new CliError(
      `${where} must be an expression string, a list of tokens or a list of integer token ids, got ${short(value)}`,
    );
  if (out.ids.length < 2)
    throw new CliError(
      `${where} has ${out.ids.length} token(s); an expression has ≥ 2 (an operator and its "]")`,
    );
  return out;
}

function rawIds(record: Record<string, unknown>, where: string): ListOpsItem[] {
  const rows = record.token_ids;
  if (!Array.isArray(rows) || rows.length === 0)
    throw new CliError(`${where}: token_ids must be a non-empty array of token id rows`);
  const nested = Array.isArray(rows[0]) ? (rows as unknown[]) : [rows];
  const items = nested.map((row, b) => {
    if (!Array.isArray(row))
      throw new CliError(
        `${where}: token_ids[${b}] must be an array of token ids, got ${short(row)}`,
      );
    return fromIds(row, `${where}: token_ids[${b}]`);
  });
  const lengths = record.lengths;
  // Without lengths a row ends at its last non-padding id (rows padded to one width work).
  if (lengths === undefined)
    return items.map((it, b) => {
      let end = it.ids.length;
      while (end > 0 && it.ids[end - 1] === PAD_ID) end--;
      return item(Array.from(it.ids.subarray(0, end)), `${where}: token_ids[${b}]`);
    });
  if (!Array.isArray(lengths) || lengths.length !== items.length)
    throw new CliError(
      `${where}: lengths must be an array of ${items.length} (one per token_ids row), got ${short(lengths)}`,
    );
  return items.map((it, b) => {
    const l = lengths[b];
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 2 || l > it.ids.length)
      throw new CliError(
        `${where}: lengths[${b}] must be an integer in 2..${it.ids.length} (its row's length), got ${short(l)}`,
      );
    return { ids: it.ids.slice(0, l) };
  });
}

function readJson(path: string, text: string): ListOpsItem[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--input ${path}: not valid JSON (${(error as Error).message})`);
  }
  const where = `--input ${path}`;
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    if ('token_ids' in record) return rawIds(record, where);
    if (!('expressions' in record))
      throw new CliError(
        `${where}: has no field "expressions" or "token_ids" (fields: ${Object.keys(record).join(', ') || 'none'})`,
      );
    parsed = record.expressions;
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new CliError(`${where}: must be a non-empty array of expressions`);
  // One item on its own: a row of ids (numbers are never items), or a token list (strings
  // without spaces: an expression string has ≥ 2 tokens, so it always has a space).
  const tokenList = parsed.every((v) => typeof v === 'string' && !/\s/.test(v));
  if (parsed.every((v) => typeof v === 'number') || tokenList) return [item(parsed, where)];
  return parsed.map((v, b) => item(v, `${where}[${b}]`));
}

function readTsv(path: string, text: string): ListOpsItem[] {
  try {
    return readListOps(text, path).map((e) => ({
      ids: Int32Array.from(e.tokens, tokenId),
      tokens: e.tokens,
      label: e.label,
    }));
  } catch (error) {
    if (error instanceof ListOpsFormatError) throw new CliError(`--input ${error.message}`, 1);
    throw error;
  }
}

export function readListOpsInputs(path: string, model: ExportFile): ListOpsItem[] {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new CliError(`--input ${path}: no such file`, 1);
  const bytes = readFileSync(path);
  if (bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b))
    throw new CliError(
      `--input ${path} is an NRI dataset file, but ${model.path} is a ${model.metadata.modelKind} model`,
      1,
    );
  const text = bytes.toString('utf8');
  const first = text.trimStart()[0];
  const items = first === '{' || first === '[' ? readJson(path, text) : readTsv(path, text);
  if (items.length === 0) throw new CliError(`--input ${path}: holds no expressions`, 1);
  return items;
}

/** Items as the model's feeds: ids [items, n] padded with PAD_ID to the longest, lengths. */
export function packItems(items: readonly ListOpsItem[]): {
  ids: Int32Array;
  lengths: Int32Array;
  steps: number;
} {
  const steps = Math.max(...items.map((it) => it.ids.length));
  const ids = new Int32Array(items.length * steps).fill(PAD_ID);
  items.forEach((it, b) => {
    ids.set(it.ids, b * steps);
  });
  return { ids, lengths: Int32Array.from(items, (it) => it.ids.length), steps };
}
