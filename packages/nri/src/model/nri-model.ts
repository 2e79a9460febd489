// The NRI model behind the training loop's contract ({ variables, loss }): encoder → latent
// graph sample from sst-core → decoder rollout → NLL + KL per node. Evaluation (hard samples,
// one-step teacher forcing, edge precision/recall) lives in evaluate.ts; `evaluate` delegates.
import { ParameterSet } from '@sst-tricks/nn';
// The types this model shares with its helpers live in model-types.ts (imports point one way;
// the package index exports them from there).
import type { RandomGenerator } from '@sst-tricks/sst-core';
import {
  RandomGenerator as Generator,
  KSubsetDistribution,
  OneHotDistribution,
  SpanningTreeDistribution,
} from '@sst-tricks/sst-core';
import type { Shard } from '@sst-tricks/training';
import * as tf from '@tensorflow/tfjs-core';
import { Decoder, undirectedEdgeWeights } from './decoder.js';
import { Encoder } from './encoder.js';
import { evaluateNri } from './evaluate.js';
import type { TrajectoryShape } from './layout.js';
import { toNodeRows } from './layout.js';
import { elboTerms, gaussianNll, klPerNode, NLL_VARIANCE } from './loss.js';
import type {
  ForwardMode,
  NriBatch,
  NriDistribution,
  NriEvalBatch,
  NriForward,
  NriLatent,
  NriLatentSample,
  NriMetrics,
  NriModelOptions,
  NriNetwork,
} from './model-types.js';
import { Relations } from './relations.js';
import { nriParallelSupport, shardLoss } from './shard-loss.js';
import { slicedLossAndGradients } from './sliced-gradients.js';

/** Dataset trajectories [count, T, n, D] → the model's tensors. */
export function nriBatch(trajectories: Float32Array, shape: TrajectoryShape): NriBatch {
  const rows = toNodeRows(trajectories, shape);
  const { count, frames, nodes, features } = shape;
  return {
    count,
    encoderInput: tf.tensor2d(rows.encoderInput, [nodes * count, frames * features]),
    frames: tf.tensor3d(rows.frames, [frames, nodes * count, features]),
  };
}

export class NriModel implements NriNetwork {
  readonly relations: Relations;
  readonly encoder: Encoder;
  readonly decoder: Decoder;
  readonly variables: Record<string, tf.Variable>;
  readonly options: Required<Omit<NriModelOptions, 'maxRange'>> & { maxRange?: number };
  /** The training loop's sliced step, present when `decoderSlices` > 1 (sliced-gradients.ts). */
  readonly lossAndGradients?: (
    batch: NriBatch,
    context: { generator: RandomGenerator },
    trainable: readonly tf.Variable[],
  ) => { value: tf.Scalar; grads: Record<string, tf.Tensor> };

  constructor(options: NriModelOptions) {
    const latents: NriLatent[] = ['spanning-tree', 'top-k', 'independent'];
    if (!latents.includes(options.latent)) {
      throw new TypeError(
        `latent must be one of ${latents.join(', ')}, got ${String(options.latent)}`,
      );
    }
    if (!(options.temperature > 0)) {
      throw new RangeError(`temperature must be > 0, got ${options.temperature}`);
    }
    const features = options.features ?? 2;
    // `??` rather than spreading defaults first, so an explicit `undefined` still gets its default.
    this.options = {
      ...options,
      features,
      straightThrough: options.straightThrough ?? false,
      skipFirst: options.skipFirst ?? false,
      predictionSteps: options.predictionSteps ?? options.frames - 1,
      variance: options.variance ?? NLL_VARIANCE,
      tiedInit: options.tiedInit ?? false,
      startAtPrior: options.startAtPrior ?? false,
      decoderSlices: options.decoderSlices ?? 1,
    };
    const slices = this.options.decoderSlices;
    if (!Number.isInteger(slices) || slices < 1) {
      throw new RangeError(`decoderSlices must be an integer ≥ 1, got ${slices}`);
    }
    if (slices > 1) {
      this.lossAndGradients = (batch, context, trainable) =>
        slicedLossAndGradients(this, batch, context.generator, slices, trainable);
    }
    const params = new ParameterSet(new Generator(options.seed));
    this.relations = new Relations(options.nodes);
    const directed = options.latent === 'independent';
    const w = options.hidden;
    this.encoder = new Encoder(params, this.relations, {
      inputs: options.frames * features,
      hidden: w,
      output: directed ? 'directed' : 'undirected',
      edgeTypes: 2,
      zeroOutput: this.options.startAtPrior,
    });
    this.decoder = new Decoder(params, this.relations, {
      features,
      edgeTypes: 2,
      skipFirst: this.options.skipFirst,
      tiedInit: this.options.tiedInit,
      messageHidden: w,
      messageOutput: w,
      hidden: w,
    });
    this.variables = params.variables;
  }

  /** One pass with `generator`'s Gumbel noise (training mode by default); all terms per node. */
  forward(batch: NriBatch, generator: RandomGenerator, mode: ForwardMode = {}): NriForward {
    const o = this.options;
    const { logits, distribution, sample, weights } = this.latent(batch, generator, mode);
    const steps = mode.predictionSteps ?? o.predictionSteps;
    const items = mode.replicas?.totalItems ?? batch.count;
    const nll = this.nll(batch.frames, weights, steps, items);
    const kl = this.kl(distribution, items);
    return { ...elboTerms(nll, kl), logits, sample };
  }

  /**
   * Encoder → latent distribution → one sample (noise from `generator`) → the decoder's edge-type
   * weights [E·B, 2]: the relaxed, straight-through or (mode.hard) hard sample.
   */
  latent(batch: NriBatch, generator: RandomGenerator, mode: ForwardMode = {}): NriLatentSample {
    const o = this.options;
    const n = o.nodes;
    const training = mode.training ?? true;
    const logits = this.encoder.apply(
      batch.encoderInput,
      { training, updateStatistics: mode.updateStatistics },
      mode.replicas,
    );
    const distribution =
      o.latent === 'spanning-tree'
        ? new SpanningTreeDistribution(logits, {
            n,
            temperature: o.temperature,
            maxRange: o.maxRange,
          })
        : o.latent === 'top-k'
          ? new KSubsetDistribution(logits, { k: n - 1, temperature: o.temperature })
          : new OneHotDistribution(logits, { temperature: o.temperature });
    const sample = distribution.sample(generator);
    const z = (
      mode.hard ? sample.hard : o.straightThrough ? sample.straightThrough : sample.relaxed
    ) as tf.Tensor2D;
    const weights = o.latent === 'independent' ? z : undirectedEdgeWeights(this.relations, z);
    return { logits, distribution, sample, weights };
  }

  /**
   * Gaussian NLL of the teacher-forced rollout, per node of a `batchCount`-item batch (`frames`
   * may hold a slice of it: the slices' values then add up to the batch's).
   */
  nll(frames: tf.Tensor3D, weights: tf.Tensor2D, predictionSteps: number, batchCount: number) {
    const rollout = this.decoder.rollout(frames, weights, predictionSteps);
    const scale = { batch: batchCount, nodes: this.options.nodes };
    return gaussianNll(rollout.predictions, rollout.targets, scale, this.options.variance);
  }

  /** KL(q(U | x) ‖ Gumbel(0) prior) per node. */
  kl(distribution: NriDistribution, batchCount: number): tf.Scalar {
    return klPerNode(distribution.klToGumbelPrior(), {
      batch: batchCount,
      nodes: this.options.nodes,
    });
  }

  /** Frees the model's variables and constant matrices. */
  dispose(): void {
    tf.dispose(Object.values(this.variables));
    this.relations.dispose();
  }

  /** The training loop's loss: NLL + KL per node (a rank-0 tensor). */
  loss(batch: NriBatch, context: { generator: RandomGenerator }): tf.Scalar {
    return this.forward(batch, context.generator).loss;
  }

  /**
   * Data-parallel training (`train({ workers })`): workers build replicas of this model from its
   * options (replica.ts) and each computes `shardLoss` on its items (shard-loss.ts).
   */
  get parallel() {
    return nriParallelSupport(this.options);
  }

  /** One replica's part of the step's loss (shard-loss.ts). */
  shardLoss(batch: NriBatch, _context: unknown, shard: Shard): tf.Scalar {
    return shardLoss(this, batch, shard);
  }

  /**
   * The training loop's evaluation: validation ELBO with hard samples and one-step teacher
   * forcing, batch norm on its running averages, edge precision/recall (evaluate.ts).
   */
  evaluate(
    batches: Iterable<NriEvalBatch> | AsyncIterable<NriEvalBatch>,
    context: { generator: RandomGenerator },
  ): Promise<NriMetrics> {
    return evaluateNri(this, batches, context.generator);
  }
}
