// Embedding lookup: ids [N] → rows of a table [vocabulary, dim]. tfjs's `gather` gradient needs
// UnsortedSegmentSum, which wasm lacks (sst-core registers a plain-JS fallback). For small
// vocabularies the lookup is a one-hot [N, V] times the table, whose gradient onehotᵀ·dY is one
// plain matMul after an explicit transpose (PERF-NOTES 1); large vocabularies use `gather` (the
// one-hot product would cost N·V·D). `paddingId` rows are zero and give the table no gradient,
// as PyTorch's padding_idx. 'auto' picks by vocabulary size: one-hot 1.4× faster than gather at
// V = 100, 5× slower at V = 1000 (forward + backward on wasm, 2048 ids, dim 64; README bench).
import * as tf from '@tensorflow/tfjs-core';
import { checkInteger, checkOneOf } from './check.js';
import type { ParameterSet } from './parameters.js';

export type EmbeddingMethod = 'auto' | 'one-hot' | 'gather';
const METHODS: readonly EmbeddingMethod[] = ['auto', 'one-hot', 'gather'];
/** 'auto' uses the one-hot product up to this vocabulary size. */
export const ONE_HOT_MAX_VOCABULARY = 256;

export interface EmbeddingOptions {
  vocabulary: number;
  dim: number;
  /** This id maps to a zero row and its table row gets no gradient. */
  paddingId?: number;
  /** Default 'auto'. */
  method?: EmbeddingMethod;
  /** Initial entries N(0, std²); default 1 (PyTorch's nn.Embedding). */
  std?: number;
}

export class Embedding {
  /** `<name>.table` [vocabulary, dim]. */
  readonly table: tf.Variable;
  readonly vocabulary: number;
  readonly dim: number;
  readonly paddingId: number | undefined;
  readonly method: 'one-hot' | 'gather';

  constructor(
    params: ParameterSet,
    readonly name: string,
    options: EmbeddingOptions,
  ) {
    this.vocabulary = checkInteger(name, 'vocabulary', options.vocabulary, 1);
    this.dim = checkInteger(name, 'dim', options.dim, 1);
    if (options.paddingId !== undefined) {
      checkInteger(name, 'paddingId', options.paddingId, 0);
      if (options.paddingId >= this.vocabulary) {
        throw new RangeError(
          `${name}: paddingId must be < vocabulary ${this.vocabulary}, got ${options.paddingId}`,
        );
      }
    }
    this.paddingId = options.paddingId;
    const method = checkOneOf(name, 'method', options.method ?? 'auto', METHODS);
    this.method =
      method === 'auto'
        ? this.vocabulary <= ONE_HOT_MAX_VOCABULARY
          ? 'one-hot'
          : 'gather'
        : method;
    this.table = params.normal(`${name}.table`, [this.vocabulary, this.dim], options.std ?? 1);
    if (this.paddingId !== undefined) {
      tf.tidy(() => {
        const mask = tf.reshape(tf.oneHot([this.paddingId as number], this.vocabulary), [-1, 1]);
        this.table.assign(tf.mul(this.table, tf.sub(1, mask)));
      });
    }
  }

  /** ids (integers in [0, vocabulary)) → [ids.length, dim]. */
  apply(ids: Int32Array | readonly number[]): tf.Tensor2D {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0 || id >= this.vocabulary) {
        throw new RangeError(
          `${this.name}: ids[${i}] must be an integer in [0, ${this.vocabulary}), got ${id}`,
        );
      }
    }
    // Padding positions become id −1: a zero one-hot row, and a zero mask row for gather.
    const effective = Int32Array.from(ids, (id) => (id === this.paddingId ? -1 : id));
    return tf.tidy(() => {
      if (this.method === 'one-hot') {
        const oneHot = tf.oneHot(tf.tensor1d(effective, 'int32'), this.vocabulary) as tf.Tensor2D;
        return oneHotLookup(tf.cast(oneHot, 'float32'), this.table as tf.Tensor2D);
      }
      const safe = tf.tensor1d(
        effective.map((id) => Math.max(id, 0)),
        'int32',
      );
      const rows = tf.gather(this.table, safe) as tf.Tensor2D;
      return this.paddingId === undefined
        ? rows
        : (tf.mul(rows, this.rowMask(Array.from(effective))) as tf.Tensor2D);
    });
  }

  private rowMask(effective: number[]): tf.Tensor2D {
    return tf.tensor2d(
      effective.map((id) => (id < 0 ? 0 : 1)),
      [effective.length, 1],
    );
  }
}

type LookupOp = (oneHot: tf.Tensor2D, table: tf.Tensor2D) => tf.Tensor2D;
let lookupOp: LookupOp | undefined;

/** oneHot·table; the table's gradient is transpose(oneHot)·dY, a plain matMul (no dOneHot). */
function oneHotLookup(oneHot: tf.Tensor2D, table: tf.Tensor2D): tf.Tensor2D {
  lookupOp ??= tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [h, t] = args as [tf.Tensor2D, tf.Tensor2D];
    (args[2] as tf.GradSaveFunc)([h]);
    return {
      value: tf.matMul(h, t),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.zerosLike(saved[0]),
        tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), dy as tf.Tensor2D),
      ],
    };
  }) as unknown as LookupOp;
  return lookupOp(oneHot, table);
}
