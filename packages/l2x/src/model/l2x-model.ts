// L2X (Chen et al. 2018) with a choice of k-subset relaxation. The explainer is L2X's word CNN
// (its IMDB sizes scaled by `hidden`): embedding → conv k3 'same' ReLU, then a global branch
// (max over positions → dense ReLU) and a local branch (two more conv k3), concatenated per
// position → dropout 0.2 → conv k1 ReLU → conv k1 → one logit per word; for correlated top-k a
// conv k2 'valid' on the same features gives one logit per adjacent pair. The predictor sees only
// the selected words: its own embedding × the selection → conv k3 ReLU → max over positions →
// dense ReLU → dense → sigmoid = the rating; loss = mean squared error.
import { applyDense, Conv1d, dropout, Embedding, ParameterSet } from '@sst-tricks/nn';
import { RandomGenerator } from '@sst-tricks/sst-core';
import type { Shard } from '@sst-tricks/training';
import * as tf from '@tensorflow/tfjs-core';
import { PAD_ID } from '../data/vocabulary.js';
import { type L2xBatch, type L2xEvalBatch, sliceBatch } from './batch.js';
import { subsetPrecisionCounts } from './metrics.js';
import {
  checkRelaxation,
  hardSelection,
  maskPadding,
  type Relaxation,
  relaxedSelection,
} from './selection.js';
import { l2xParallelSupport } from './shard-loss.js';

export type { L2xBatch, L2xEvalBatch } from './batch.js';

export interface L2xModelOptions {
  vocabulary: number;
  relaxation: Relaxation;
  k: number;
  temperature: number;
  /** Embedding width (default 32). */
  embedding?: number;
  /** Convolution and dense widths (L2X: 100; default 64). */
  hidden?: number;
  /** Initial embedding table [vocabulary · embedding] for both networks (default N(0, 1)). */
  embeddings?: Float32Array;
  seed: number;
}

export interface L2xMetrics extends Record<string, number> {
  /** Mean squared error of the rating from the hard selection. */
  mse: number;
  /** Selected words inside the aspect's annotated sentences / selected words (NaN: no spans). */
  precision: number;
}

const DROPOUT = 0.2;

export class L2xModel {
  readonly variables: Record<string, tf.Variable>;
  readonly options: Required<Omit<L2xModelOptions, 'embeddings'>>;
  private readonly explainerEmbedding: Embedding;
  private readonly predictorEmbedding: Embedding;
  private readonly conv1: Conv1d;
  private readonly globalDense: ReturnType<ParameterSet['dense']>;
  private readonly local1: Conv1d;
  private readonly local2: Conv1d;
  private readonly merge: Conv1d;
  private readonly wordLogit: Conv1d;
  private readonly pairLogit: Conv1d | undefined;
  private readonly predictorConv: Conv1d;
  private readonly predictorDense: ReturnType<ParameterSet['dense']>;
  private readonly output: ReturnType<ParameterSet['dense']>;

  constructor(options: L2xModelOptions) {
    const relaxation = checkRelaxation(options.relaxation);
    if (!Number.isInteger(options.k) || options.k < 1)
      throw new RangeError(`k must be an integer ≥ 1, got ${options.k}`);
    if (!(options.temperature > 0))
      throw new RangeError(`temperature must be > 0, got ${options.temperature}`);
    const e = options.embedding ?? 32;
    const h = options.hidden ?? 64;
    this.options = { ...options, relaxation, embedding: e, hidden: h };
    const params = new ParameterSet(new RandomGenerator(options.seed));
    const table = { vocabulary: options.vocabulary, dim: e, paddingId: PAD_ID };
    this.explainerEmbedding = new Embedding(params, 'explainer.embedding', table);
    this.conv1 = new Conv1d(params, 'explainer.conv1', {
      inputs: e,
      outputs: h,
      kernelSize: 3,
      padding: 'same',
    });
    this.globalDense = params.dense('explainer.global', h, h, 'torch-default');
    this.local1 = new Conv1d(params, 'explainer.local1', {
      inputs: h,
      outputs: h,
      kernelSize: 3,
      padding: 'same',
    });
    this.local2 = new Conv1d(params, 'explainer.local2', {
      inputs: h,
      outputs: h,
      kernelSize: 3,
      padding: 'same',
    });
    this.merge = new Conv1d(params, 'explainer.merge', {
      inputs: 2 * h,
      outputs: h,
      kernelSize: 1,
    });
    this.wordLogit = new Conv1d(params, 'explainer.word', { inputs: h, outputs: 1, kernelSize: 1 });
    this.pairLogit =
      relaxation === 'correlated-top-k'
        ? new Conv1d(params, 'explainer.pair', { inputs: h, outputs: 1, kernelSize: 2 })
        : undefined;
    this.predictorEmbedding = new Embedding(params, 'predictor.embedding', table);
    this.predictorConv = new Conv1d(params, 'predictor.conv', {
      inputs: e,
      outputs: h,
      kernelSize: 3,
      padding: 'same',
    });
    this.predictorDense = params.dense('predictor.dense', h, h, 'torch-default');
    this.output = params.dense('predictor.output', h, 1, 'torch-default');
    if (options.embeddings !== undefined) {
      if (options.embeddings.length !== options.vocabulary * e) {
        throw new RangeError(
          `embeddings must hold vocabulary·embedding = ${options.vocabulary * e} numbers, got ${options.embeddings.length}`,
        );
      }
      for (const layer of [this.explainerEmbedding, this.predictorEmbedding]) {
        tf.tidy(() => {
          const t = tf.tensor2d(options.embeddings as Float32Array, [options.vocabulary, e]);
          const keep = tf.sub(1, tf.reshape(tf.oneHot([PAD_ID], options.vocabulary), [-1, 1]));
          layer.table.assign(tf.mul(t, keep));
        });
      }
    }
    this.variables = params.variables;
  }

  /** Word (and pair) logits [count, length], padding masked out. */
  logits(batch: L2xBatch, training: boolean, generator: RandomGenerator) {
    const { count, length } = batch;
    const h = this.options.hidden;
    const valid = tf.tensor2d(
      Float32Array.from(batch.ids, (id) => (id === PAD_ID ? 0 : 1)),
      [count, length],
    );
    const x = tf.reshape(this.explainerEmbedding.apply(batch.ids), [
      count,
      length,
      this.options.embedding,
    ]) as tf.Tensor3D;
    const first = tf.relu(this.conv1.apply(x)) as tf.Tensor3D;
    const global = tf.relu(applyDense(this.globalDense, tf.max(first, 1) as tf.Tensor2D));
    const tiled = tf.tile(tf.reshape(global, [count, 1, h]), [1, length, 1]);
    const local = tf.relu(this.local2.apply(tf.relu(this.local1.apply(first)) as tf.Tensor3D));
    let merged = tf.concat([tiled, local], 2) as tf.Tensor3D;
    merged = dropout(merged, { rate: DROPOUT, training, generator });
    const features = tf.relu(this.merge.apply(merged)) as tf.Tensor3D;
    const word = tf.reshape(this.wordLogit.apply(features), [count, length]) as tf.Tensor2D;
    const pair =
      this.pairLogit === undefined
        ? undefined
        : (tf.reshape(this.pairLogit.apply(features), [count, length - 1]) as tf.Tensor2D);
    return maskPadding({ word, pair }, valid);
  }

  /** Predicted ratings [count] from the words weighted by `selection` [count, length]. */
  predict(batch: L2xBatch, selection: tf.Tensor2D): tf.Tensor1D {
    const { count, length } = batch;
    const e = this.options.embedding;
    const emb = tf.reshape(this.predictorEmbedding.apply(batch.ids), [count, length, e]);
    const masked = tf.mul(emb, tf.reshape(selection, [count, length, 1])) as tf.Tensor3D;
    const conv = tf.relu(this.predictorConv.apply(masked)) as tf.Tensor3D;
    const hidden = tf.relu(applyDense(this.predictorDense, tf.max(conv, 1) as tf.Tensor2D));
    return tf.reshape(tf.sigmoid(applyDense(this.output, hidden)), [count]) as tf.Tensor1D;
  }

  /** The training loss: MSE of the rating predicted from the relaxed selection. */
  loss(batch: L2xBatch, context: { generator: RandomGenerator }): tf.Scalar {
    const { k, temperature, relaxation } = this.options;
    const logits = this.logits(batch, true, context.generator);
    const selection = relaxedSelection(relaxation, logits, { k, temperature }, context.generator);
    const predicted = this.predict(batch, selection);
    return tf.mean(tf.square(tf.sub(predicted, tf.tensor1d(batch.ratings)))) as tf.Scalar;
  }

  /**
   * Data-parallel training (`train({ workers })`): workers build replicas of this model from its
   * options (replica.ts) and each computes `shardLoss` on its reviews (shard-loss.ts).
   */
  get parallel() {
    return l2xParallelSupport(this.options);
  }

  /**
   * One replica's part of the step's loss: its reviews' squared errors over the WHOLE batch's
   * review count, noise (dropout, selection) drawn through the shard: its reviews' part of the
   * one-process draw.
   */
  shardLoss(batch: L2xBatch, _context: unknown, shard: Shard): tf.Scalar {
    const items = sliceBatch(batch, shard.start, shard.count);
    const generator = shard.generator(1);
    return tf.tidy(() => {
      const { k, temperature, relaxation } = this.options;
      const logits = this.logits(items, true, generator);
      const selection = relaxedSelection(relaxation, logits, { k, temperature }, generator);
      const predicted = this.predict(items, selection);
      const squared = tf.square(tf.sub(predicted, tf.tensor1d(items.ratings)));
      return tf.div(tf.sum(squared), shard.total) as tf.Scalar;
    });
  }

  /** The hard selection [count, length] (0/1) and its predicted ratings. */
  explain(batch: L2xBatch): { selection: Float32Array; ratings: Float32Array } {
    return tf.tidy(() => {
      const logits = this.logits(batch, false, new RandomGenerator(0));
      const selection = hardSelection(this.options.relaxation, logits, this.options.k);
      const predicted = this.predict(batch, selection);
      return {
        selection: selection.dataSync() as Float32Array,
        ratings: predicted.dataSync() as Float32Array,
      };
    });
  }

  /** Test MSE and subset precision with the hard selection (the paper's evaluation). */
  async evaluate(
    batches: Iterable<L2xEvalBatch> | AsyncIterable<L2xEvalBatch>,
  ): Promise<L2xMetrics> {
    let squared = 0;
    let items = 0;
    let inside = 0;
    let selected = 0;
    for await (const batch of batches) {
      const { selection, ratings } = this.explain(batch);
      ratings.forEach((r, i) => {
        squared += (r - batch.ratings[i]) ** 2;
      });
      items += batch.count;
      if (batch.spans !== undefined) {
        const c = subsetPrecisionCounts(selection, batch.length, batch.spans);
        inside += c.inside;
        selected += c.selected;
      }
    }
    if (items === 0) throw new RangeError('L2xModel.evaluate: no batches');
    return { mse: squared / items, precision: selected === 0 ? Number.NaN : inside / selected };
  }

  dispose(): void {
    tf.dispose(Object.values(this.variables));
  }
}
