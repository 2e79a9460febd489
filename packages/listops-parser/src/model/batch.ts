// Examples → the model's batch: token ids TIME-MAJOR (row t·B + b, as packages/nn's LSTM wants),
// per-item lengths, labels and the gold heads (for the arc metrics).
import { goldHeads, parseTokens } from '../data/expression.js';
import { PAD_ID, tokenId } from '../data/tokens.js';
import type { ListOpsExample } from '../data/tsv.js';

export interface ListOpsBatch {
  /** Items B. */
  readonly size: number;
  /** Longest expression T (the padded length). */
  readonly steps: number;
  /** [T·B] token ids, time-major, PAD_ID past each item's length. */
  readonly ids: Int32Array;
  /** [B] tokens of each item (≥ 2). */
  readonly lengths: Int32Array;
  /** [B] values 0–9. */
  readonly labels: Int32Array;
  /** [B·T] gold head of token t of item b at b·T + t (−1 for the root and for padding). */
  readonly heads: Int32Array;
}

/** Packs examples (each of ≥ 2 tokens) into one padded batch. */
export function encodeBatch(examples: readonly ListOpsExample[]): ListOpsBatch {
  const size = examples.length;
  if (size < 1) throw new RangeError('encodeBatch: examples must be non-empty, got 0');
  let steps = 0;
  examples.forEach((e, b) => {
    if (e.tokens.length < 2) {
      throw new RangeError(
        `encodeBatch: examples[${b}] must have ≥ 2 tokens (an operator and its "]"), got ${e.tokens.length}`,
      );
    }
    steps = Math.max(steps, e.tokens.length);
  });
  const ids = new Int32Array(steps * size).fill(PAD_ID);
  const lengths = new Int32Array(size);
  const labels = new Int32Array(size);
  const heads = new Int32Array(size * steps).fill(-1);
  examples.forEach((e, b) => {
    lengths[b] = e.tokens.length;
    labels[b] = e.label;
    e.tokens.forEach((token, t) => {
      ids[t * size + b] = tokenId(token);
    });
    heads.set(goldHeads(parseTokens(e.tokens), e.tokens.length), b * steps);
  });
  return { size, steps, ids, lengths, labels, heads };
}
