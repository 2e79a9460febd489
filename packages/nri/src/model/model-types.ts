// The NRI model's types, shared by the model (nri-model.ts) and the code it delegates to
// (evaluate.ts, sliced-gradients.ts, shard-loss.ts): those import the model only through
// `NriNetwork` here, so every import points one way (nri-model → helpers → these types).
import type {
  KSubsetDistribution,
  OneHotDistribution,
  RandomGenerator,
  SpanningTreeDistribution,
  StructuredSample,
} from '@sst-tricks/sst-core';
import type * as tf from '@tensorflow/tfjs-core';
import type { Decoder } from './decoder.js';
import type { Encoder } from './encoder.js';
import type { ElboTerms } from './loss.js';
import type { Relations } from './relations.js';

export type NriLatent = 'spanning-tree' | 'top-k' | 'independent';

export interface NriModelOptions {
  nodes: number;
  frames: number;
  /** Per node and frame (2: positions). */
  features?: number;
  /** Every MLP width (paper 256). */
  hidden: number;
  latent: NriLatent;
  temperature: number;
  /** Decode the hard sample with the relaxed gradient (default false: the relaxed sample). */
  straightThrough?: boolean;
  /** Spanning trees only: sst-core's maxRange clip. */
  maxRange?: number;
  /**
   * Type 0 ("no edge") sends no messages (default false, as the SST reference's NRI runs: both
   * types have a message MLP, so the decoder sees every pair and the latent picks which pairs
   * interact differently; with true only the latent's edges carry messages).
   */
  skipFirst?: boolean;
  /** The decoder's message MLPs start equal (DecoderOptions.tiedInit; default false). */
  tiedInit?: boolean;
  /**
   * The encoder's output layer starts at zero, so the initial posterior is the prior for every
   * input (EncoderOptions.zeroOutput; default false).
   */
  startAtPrior?: boolean;
  /**
   * Run each training step's decoder over this many slices of the batch (default 1), bounding
   * memory (wasm's heap is 4 GB) at ≈ 10 % more time; exact (sliced-gradients.ts).
   */
  decoderSlices?: number;
  /** Teacher forcing every this many frames (the reference's pred_steps); default frames − 1. */
  predictionSteps?: number;
  variance?: number;
  /** Seeds the initial weights. */
  seed: number;
}

export interface NriBatch {
  count: number;
  /** [n·count, T·D] (layout.ts). */
  encoderInput: tf.Tensor2D;
  /** [T, n·count, D]. */
  frames: tf.Tensor3D;
}

/** How `forward` runs; the defaults are the training pass. */
export interface ForwardMode {
  /** Batch statistics and their update (true, default) or the running averages (false). */
  training?: boolean;
  /** Decode the hard sample (evaluation) instead of the configured relaxed/straight-through one. */
  hard?: boolean;
  /** Overrides the model's teacher-forcing interval (evaluation uses 1). */
  predictionSteps?: number;
  /** Training mode only: move batch norm's running statistics (default true). */
  updateStatistics?: boolean;
  /**
   * Data-parallel training: the batch is one replica's items of a `totalItems`-item batch; batch
   * norm sums its statistics over the replicas with `sum`, and the loss terms are normalised by
   * the whole batch (so the replicas' losses add up to the one-process loss).
   */
  replicas?: { sum(x: tf.Tensor): tf.Tensor; totalItems: number };
}

/** The latent's distribution, by `latent`. */
export type NriDistribution = SpanningTreeDistribution | KSubsetDistribution | OneHotDistribution;

export interface NriLatentSample {
  logits: tf.Tensor2D;
  distribution: NriDistribution;
  sample: StructuredSample;
  /** The decoder's edge-type weights [E·B, 2]. */
  weights: tf.Tensor2D;
}

export interface NriForward extends ElboTerms {
  /** The encoder's logits ([B, U] undirected, [E·B, 2] directed). */
  logits: tf.Tensor2D;
  sample: StructuredSample;
}

export interface NriEvalBatch extends NriBatch {
  /** The true graph: [count, n(n−1)/2] indicators in (i<j) row-major order, item-major. */
  edges: ArrayLike<number>;
}

/** A type alias (not an interface) so that it is a `Record<string, number>` for the loop. */
export type NriMetrics = {
  /** −(NLL + KL) per node. */
  elbo: number;
  nll: number;
  kl: number;
  precision: number;
  recall: number;
};

/** What the model's helpers use of it (NriModel implements it). */
export interface NriNetwork {
  readonly relations: Relations;
  readonly encoder: Encoder;
  readonly decoder: Decoder;
  readonly variables: Record<string, tf.Variable>;
  readonly options: Required<Omit<NriModelOptions, 'maxRange'>> & { maxRange?: number };
  forward(batch: NriBatch, generator: RandomGenerator, mode?: ForwardMode): NriForward;
  latent(batch: NriBatch, generator: RandomGenerator, mode?: ForwardMode): NriLatentSample;
  nll(
    frames: tf.Tensor3D,
    weights: tf.Tensor2D,
    predictionSteps: number,
    batchCount: number,
  ): tf.Scalar;
  kl(distribution: NriDistribution, batchCount: number): tf.Scalar;
}
