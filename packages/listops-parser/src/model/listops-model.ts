// The ListOps parser-evaluator (DESIGN §4): token embeddings → head and modifier LSTMs → bilinear
// arc scores θ[h][c] = head_h · W · modifier_c → latent graph (latent.ts) → a GNN passing messages
// from children to heads for `rounds` rounds → the root token's state → MLP → 10 values. The
// 'lstm' baseline reads the final state of one LSTM instead (no graph). Activations stay 2-D rows
// (time-major T·B) so every dense product is a plain matMul (PERF-NOTES 1); only the small
// per-item products (scores, message aggregation) are batched.
import { Embedding, Lstm, Mlp, matMulPlain, ParameterSet } from '@sst-tricks/nn';
import { RandomGenerator } from '@sst-tricks/sst-core';
import type {
  EvalBatches,
  EvalContext,
  Metrics,
  Shard,
  StepContext,
  TrainableModel,
} from '@sst-tricks/training';
import * as tf from '@tensorflow/tfjs-core';
import { VOCABULARY } from '../data/tokens.js';
import type { ListOpsBatch } from './batch.js';
import { sliceBatch } from './batch-items.js';
import {
  FoldCache,
  type GraphLatent,
  LATENTS,
  type LatentMode,
  type ListOpsLatent,
  latentGraph,
} from './latent.js';
import { ArcTally, predictedArcs } from './metrics.js';
import { listOpsParallelSupport } from './shard-loss.js';

export interface ListOpsModelOptions {
  latent: ListOpsLatent;
  /** Token embedding width (default 32; the reference 60). */
  embedding?: number;
  /** LSTM width (default 32; the reference 60). */
  hidden?: number;
  /** GNN state and MLP width (default 32; the reference 60). */
  width?: number;
  /** Message-passing rounds (default 5, the reference; ≥ the data's nesting depth). */
  rounds?: number;
  /** Bidirectional arc-scoring LSTMs (default false, the reference's unidirectional ones). */
  bidirectional?: boolean;
  /** Relaxation temperature (default 1). */
  temperature?: number;
  /** Seeds the initial weights (default 0). */
  seed?: number;
}

export type ResolvedListOpsOptions = Required<ListOpsModelOptions>;

export interface ListOpsOutput {
  /** [B, 10] class scores. */
  logits: tf.Tensor2D;
  /** [B, T, T] latent graph weights (row = head, column = child); absent for 'lstm'. */
  graph?: tf.Tensor3D;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`ListOpsModel: ${name} must be an integer ≥ 1, got ${value}`);
  }
  return value;
}

export class ListOpsModel implements TrainableModel<ListOpsBatch> {
  readonly options: ResolvedListOpsOptions;
  readonly variables: Readonly<Record<string, tf.Variable>>;
  readonly params: ParameterSet;
  private readonly folds = new FoldCache();
  private readonly arcEmbedding?: Embedding;
  private readonly headLstm?: Lstm;
  private readonly modifierLstm?: Lstm;
  private readonly bilinear?: tf.Variable;
  private readonly nodeEmbedding?: Embedding;
  private readonly message?: Mlp;
  private readonly update?: Mlp;
  private readonly baselineEmbedding?: Embedding;
  private readonly baselineLstm?: Lstm;
  private readonly readout: Mlp;

  constructor(options: ListOpsModelOptions) {
    if (!(LATENTS as readonly string[]).includes(options.latent)) {
      throw new RangeError(
        `ListOpsModel: latent must be one of ${LATENTS.join(', ')}, got ${JSON.stringify(options.latent)}`,
      );
    }
    const temperature = options.temperature ?? 1;
    if (!(temperature > 0) || !Number.isFinite(temperature)) {
      throw new RangeError(`ListOpsModel: temperature must be finite and > 0, got ${temperature}`);
    }
    this.options = {
      latent: options.latent,
      embedding: positiveInteger('embedding', options.embedding ?? 32),
      hidden: positiveInteger('hidden', options.hidden ?? 32),
      width: positiveInteger('width', options.width ?? 32),
      rounds: positiveInteger('rounds', options.rounds ?? 5),
      bidirectional: options.bidirectional ?? false,
      temperature,
      seed: options.seed ?? 0,
    };
    const { embedding: E, hidden: H, width: D } = this.options;
    const vocabulary = VOCABULARY.length;
    const params = new ParameterSet(new RandomGenerator(this.options.seed));
    this.params = params;
    const plain = { activation: 'relu' as const, batchNorm: false, init: 'torch-default' as const };
    if (this.options.latent === 'lstm') {
      this.baselineEmbedding = new Embedding(params, 'baseline.embedding', {
        vocabulary,
        dim: E,
        paddingId: 0,
      });
      this.baselineLstm = new Lstm(params, 'baseline.lstm', { inputs: E, hidden: H });
      this.readout = new Mlp(params, 'readout', {
        ...plain,
        sizes: [H, D, 10],
        activateOutput: false,
      });
    } else {
      this.arcEmbedding = new Embedding(params, 'arcs.embedding', {
        vocabulary,
        dim: E,
        paddingId: 0,
      });
      const bidirectional = this.options.bidirectional;
      this.headLstm = new Lstm(params, 'arcs.head', { inputs: E, hidden: H, bidirectional });
      this.modifierLstm = new Lstm(params, 'arcs.modifier', {
        inputs: E,
        hidden: H,
        bidirectional,
      });
      const S = bidirectional ? 2 * H : H;
      this.bilinear = params.uniform('arcs.bilinear', [S, S], 1 / Math.sqrt(S));
      this.nodeEmbedding = new Embedding(params, 'gnn.embedding', {
        vocabulary,
        dim: D,
        paddingId: 0,
      });
      this.message = new Mlp(params, 'gnn.message', { ...plain, sizes: [D, D, D] });
      this.update = new Mlp(params, 'gnn.update', {
        ...plain,
        sizes: [2 * D, D, D],
        activateOutput: false,
      });
      this.readout = new Mlp(params, 'readout', {
        ...plain,
        sizes: [D, D, 10],
        activateOutput: false,
      });
    }
    this.variables = params.variables;
  }

  /** Arc scores θ [B, T, T] (row = head, column = child). */
  scores(batch: ListOpsBatch): tf.Tensor3D {
    const { size: B, steps: T } = batch;
    return tf.tidy(() => {
      const x = (this.arcEmbedding as Embedding).apply(batch.ids);
      const head = (this.headLstm as Lstm).apply(x, batch.lengths).output;
      const modifier = (this.modifierLstm as Lstm).apply(x, batch.lengths).output;
      const projected = matMulPlain(head, this.bilinear as tf.Variable as tf.Tensor2D);
      return tf.matMul(toItemMajor(projected, T, B), toItemMajor(modifier, T, B), false, true);
    });
  }

  /** Logits (and the latent graph) of a batch; training draws the noise from `generator`. */
  forward(batch: ListOpsBatch, mode: LatentMode): ListOpsOutput {
    const { size: B, steps: T } = batch;
    if (this.options.latent === 'lstm') {
      return tf.tidy(() => {
        const x = (this.baselineEmbedding as Embedding).apply(batch.ids);
        const { h } = (this.baselineLstm as Lstm).apply(x, batch.lengths).final[0];
        return { logits: this.readout.apply(h, { training: false }) };
      });
    }
    return tf.tidy(() => {
      const graph = latentGraph(
        this.options.latent as GraphLatent,
        this.scores(batch),
        batch.lengths,
        mode,
        this.folds,
      );
      const off = { training: false };
      let state = (this.nodeEmbedding as Embedding).apply(batch.ids);
      for (let r = 0; r < this.options.rounds; r++) {
        // Each head sums its children's messages, weighted by the (relaxed) arcs.
        const messages = (this.message as Mlp).apply(state, off);
        const gathered = toTimeMajor(tf.matMul(graph, toItemMajor(messages, T, B)), T, B);
        state = tf.add(
          state,
          (this.update as Mlp).apply(tf.concat([state, gathered], 1) as tf.Tensor2D, off),
        );
      }
      // Time-major rows: the first B rows are every item's token 0, the root.
      const root = tf.slice(state, [0, 0], [B, this.options.width]);
      return { logits: this.readout.apply(root, off), graph };
    });
  }

  loss(batch: ListOpsBatch, context: StepContext): tf.Tensor {
    return tf.tidy(() => {
      const { logits } = this.forward(batch, {
        training: true,
        generator: context.generator,
        temperature: this.options.temperature,
      });
      return crossEntropy(logits, batch.labels);
    });
  }

  /**
   * Data-parallel training (`train({ workers })`): workers build replicas of this model from its
   * options (replica.ts) and each computes `shardLoss` on its items (shard-loss.ts).
   */
  get parallel() {
    return listOpsParallelSupport(this.options);
  }

  /**
   * One replica's part of the step's loss: its items' cross-entropy over the WHOLE batch's item
   * count, noise drawn through the shard (its items' part of the one-process draw).
   */
  shardLoss(batch: ListOpsBatch, _context: StepContext, shard: Shard): tf.Scalar {
    const items = sliceBatch(batch, shard.start, shard.count);
    return tf.tidy(() => {
      const { logits } = this.forward(items, {
        training: true,
        generator: shard.generator(1),
        temperature: this.options.temperature,
      });
      return crossEntropy(logits, items.labels, shard.total);
    });
  }

  async evaluate(batches: EvalBatches<ListOpsBatch>, _context: EvalContext): Promise<Metrics> {
    let correct = 0;
    let items = 0;
    let lossSum = 0;
    const tally = new ArcTally();
    for await (const batch of batches) {
      const out = this.forward(batch, { training: false });
      const loss = crossEntropy(out.logits, batch.labels);
      lossSum += (await loss.data())[0] * batch.size;
      const predictions = await tf.argMax(out.logits, 1).data();
      const graph = out.graph === undefined ? undefined : await out.graph.data();
      tf.dispose([out.logits, out.graph, loss]);
      for (let b = 0; b < batch.size; b++) {
        if (predictions[b] === batch.labels[b]) correct++;
        if (graph !== undefined) {
          const latent = this.options.latent as GraphLatent;
          const arcs = predictedArcs(latent, graph, b, batch.lengths[b], batch.steps);
          tally.add(arcs, batch.heads, b, batch.lengths[b], batch.steps);
        }
      }
      items += batch.size;
    }
    const metrics: Metrics = { accuracy: correct / items, loss: lossSum / items };
    return this.options.latent === 'lstm' ? metrics : { ...metrics, ...tally.metrics() };
  }

  /** Frees the variables and cached constants. */
  dispose(): void {
    this.folds.dispose();
    for (const v of Object.values(this.variables)) v.dispose();
  }
}

/**
 * Cross-entropy of logits [B, 10] against integer labels, summed and divided by `items` (the
 * mean by default; a data-parallel shard divides by the whole batch's item count).
 */
function crossEntropy(
  logits: tf.Tensor2D,
  labels: Int32Array,
  items: number = labels.length,
): tf.Scalar {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
    const logp = tf.logSoftmax(logits);
    return tf.neg(tf.div(tf.sum(tf.mul(oneHot, logp)), items)) as tf.Scalar;
  });
}

/** Time-major rows [T·B, d] → [B, T, d]. */
function toItemMajor(x: tf.Tensor2D, steps: number, batch: number): tf.Tensor3D {
  return tf.transpose(tf.reshape(x, [steps, batch, x.shape[1]]), [1, 0, 2]) as tf.Tensor3D;
}

/** [B, T, d] → time-major rows [T·B, d]. */
function toTimeMajor(x: tf.Tensor3D, steps: number, batch: number): tf.Tensor2D {
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [steps * batch, x.shape[2]]) as tf.Tensor2D;
}
