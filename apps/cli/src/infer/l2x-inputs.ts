// `sst infer --input FILE` for an L2X model: reviews as JSON — an array (bare, or under
// "reviews", "tokens" or "token_ids") whose items are review text (tokenised as `sst explain`
// does), token arrays, or token-id arrays — or as the L2X dataset files `sst data l2x` writes
// (a reviews file of "r0 … r4<TAB>tokens" lines, or annotations.json lines). Every problem is a
// one-line CliError naming the file and the item.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { L2xDataError, parseAnnotations, parseReviews, tokenize } from '@sst-tricks/l2x';
import { CliError } from '../cli-error.js';

/** One review: its tokens (text and token inputs) or its token ids (id inputs). */
export type L2xReview = { tokens: string[] } | { ids: number[] };

export interface L2xInputs {
  reviews: L2xReview[];
  source: 'json' | 'reviews' | 'annotations';
}

const FIELDS = ['reviews', 'tokens', 'token_ids'] as const;

function review(item: unknown, where: string, vocabularySize: number): L2xReview {
  if (typeof item === 'string') {
    const tokens = tokenize(item);
    if (tokens.length === 0) throw new CliError(`${where} is an empty review`);
    return { tokens };
  }
  if (!Array.isArray(item) || item.length === 0)
    throw new CliError(
      `${where} must be review text, an array of tokens or an array of token ids, got ${JSON.stringify(item)?.slice(0, 40)}`,
    );
  if (item.every((t) => typeof t === 'string')) return { tokens: item as string[] };
  item.forEach((id, i) => {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= vocabularySize)
      throw new CliError(
        `${where}[${i}] must be a token id, an integer in [0, ${vocabularySize}), got ${JSON.stringify(id)}`,
      );
  });
  return { ids: item as number[] };
}

function fromJson(path: string, parsed: unknown, vocabularySize: number): L2xInputs {
  let items = parsed;
  let where = `--input ${path}`;
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    const field = FIELDS.find((f) => f in record);
    if (field === undefined)
      throw new CliError(
        `--input ${path}: has none of the fields ${FIELDS.join(', ')} (fields: ${Object.keys(record).join(', ') || 'none'})`,
      );
    items = record[field];
    where = `--input ${path}: ${field}`;
  }
  if (!Array.isArray(items) || items.length === 0)
    throw new CliError(`${where} must be a non-empty array of reviews`);
  // One review's ids given bare; an array of strings is a list of review texts.
  const list = items.every((t) => typeof t === 'number') ? [items] : items;
  return {
    reviews: list.map((item, i) => review(item, `${where}[${i}]`, vocabularySize)),
    source: 'json',
  };
}

export function readL2xInputs(path: string, vocabularySize: number): L2xInputs {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new CliError(`--input ${path}: no such file`, 1);
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 512).includes(0))
    throw new CliError(
      `--input ${path}: a binary file (an NRI dataset?), not reviews as JSON or an L2X reviews/annotations file`,
    );
  const text = bytes.toString('utf8');
  const first = text.trimStart()[0];
  try {
    if (first === '[') return fromJson(path, JSON.parse(text), vocabularySize);
    if (first === '{') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Several JSON objects, one per line: annotations.json.
        return { reviews: parseAnnotations(text, path).map(tokensOf), source: 'annotations' };
      }
      if (parsed !== null && typeof parsed === 'object' && 'x' in parsed && 'y' in parsed)
        return { reviews: parseAnnotations(text, path).map(tokensOf), source: 'annotations' };
      return fromJson(path, parsed, vocabularySize);
    }
    return { reviews: parseReviews(text, path).map(tokensOf), source: 'reviews' };
  } catch (error) {
    if (error instanceof L2xDataError) throw new CliError(`--input ${error.message}`);
    if (error instanceof SyntaxError)
      throw new CliError(`--input ${path}: not valid JSON (${error.message})`);
    throw error;
  }
}

function tokensOf(r: { tokens: readonly string[] }): L2xReview {
  return { tokens: [...r.tokens] };
}
