// The contract between a model and the training loop. It is deliberately small so that NRI
// (trajectory batches, Gumbel noise on edge logits), the ListOps parser (token sequences,
// arborescence noise) and L2X (reviews, k-subset noise) all fit without adapters: a model is named
// variables plus a scalar loss of one batch; everything random comes from the generator it is given.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import type * as tf from '@tensorflow/tfjs-core';
import type { JsonValue } from './json.js';

/** Named scalar results of an evaluation (e.g. `{ elbo: -1370, precision: 0.91 }`). */
export type Metrics = Record<string, number>;

/** What `loss` gets besides the batch. */
export interface StepContext {
  /**
   * Updates completed before this one: 0 on the first step of a run, k on the first step after
   * resuming from a checkpoint at step k (use it for temperature or KL schedules).
   */
  readonly step: number;
  /** The step count the run is heading for. */
  readonly totalSteps: number;
  /**
   * The model's noise source (Gumbel perturbations, dropout, sampling); its state is checkpointed,
   * so a resumed run draws exactly the noise the uninterrupted run would have.
   */
  readonly generator: RandomGenerator;
  readonly training: true;
}

/** What `evaluate` gets besides the batches. */
export interface EvalContext {
  /** Updates completed so far. */
  readonly step: number;
  /**
   * A fresh generator for this evaluation, seeded the same way every time: every evaluation of a
   * run sees the same noise (comparable across steps), and evaluating never moves the training
   * streams, so a run with more or fewer evaluations trains identically.
   */
  readonly generator: RandomGenerator;
  readonly training: false;
}

/** Validation (or test) batches, one pass per evaluation. */
export type EvalBatches<EvalBatch> = Iterable<EvalBatch> | AsyncIterable<EvalBatch>;

export interface TrainableModel<Batch, EvalBatch = Batch> {
  /**
   * Every variable a checkpoint must hold, by a stable name (the checkpoint key; tfjs's own
   * variable names depend on creation order, so they are not used). Non-trainable variables
   * (e.g. batch-norm statistics) are saved and restored but not optimised.
   */
  readonly variables: Readonly<Record<string, tf.Variable>>;
  /**
   * The scalar (rank-0 tensor) to minimise on one batch. Typed as any tensor because tfjs's loss
   * functions return `tf.Tensor`; the rank is checked at run time. Runs inside tfjs's gradient
   * tape (the tensors it creates are disposed for it); all randomness must come from
   * `context.generator`.
   */
  loss(batch: Batch, context: StepContext): tf.Tensor;
  /**
   * Optional: the step's loss value and gradients, computed by the model itself instead of one
   * `tf.variableGrads` over `loss` — for a model that bounds memory by accumulating gradients over
   * slices of the batch. It must give the same loss and gradients as `loss` would (up to float
   * rounding) and draw the same noise. `grads` is keyed by tfjs variable name (`variable.name`);
   * a variable left out gets no update this step. The loop disposes `value` and `grads`.
   */
  lossAndGradients?(
    batch: Batch,
    context: StepContext,
    trainable: readonly tf.Variable[],
  ): { value: tf.Scalar; grads: Record<string, tf.Tensor> };
  /**
   * Optional: the loss split for sliced (micro-batch) gradients, used when
   * `train({ microBatches: M ≥ 2 })` (sliced-gradients section of the package README).
   */
  readonly slicing?: SlicedLoss<Batch>;
  /**
   * Optional: what data-parallel training (`train({ workers: W ≥ 2 })`) needs to build this
   * model's replicas in worker threads (parallel/README section of the package README).
   */
  readonly parallel?: ParallelSupport<Batch>;
  /**
   * Metrics on held-out batches (called every `evaluation.every` steps and at the end). Must not
   * change the variables and should dispose what it creates.
   */
  evaluate?(batches: EvalBatches<EvalBatch>, context: EvalContext): Promise<Metrics>;
}

/**
 * Where a worker thread finds a model's replica factory: `(await import(module))[exportName]` is
 * called with `config` and returns (or resolves to) a {@link ReplicaModel}. `module` is a URL or
 * absolute path of plain JavaScript (a worker cannot load TypeScript; see `builtModuleUrl`).
 */
export interface ReplicaFactory {
  readonly module: string;
  readonly exportName: string;
  readonly config: JsonValue;
}

export interface ParallelSupport<Batch> {
  readonly factory: ReplicaFactory;
  /** Items in a training batch: the unit split across the replicas (e.g. trajectories). */
  items(batch: Batch): number;
}

/**
 * One replica's share of a data-parallel step: items [start, start + count) of a `total`-item
 * batch, replica `replica` of `replicas`.
 */
export interface Shard {
  readonly start: number;
  readonly count: number;
  readonly total: number;
  readonly replica: number;
  readonly replicas: number;
  /**
   * Sums x over all replicas of this step; every replica gets the bit-identical result (summed in
   * replica order). Differentiable: its gradient is the cross-replica sum of the upstream
   * gradients. Every replica must make the same calls in the same order (it is a barrier).
   */
  sum(x: tf.Tensor): tf.Tensor;
  /**
   * The step's generator seen through this shard: each `uniforms(k)` call, k = the shard's items ×
   * m, draws the WHOLE batch's `total` × m uniforms and returns this shard's items' part, laid out
   * as [lead, items, k / (lead · items)] (lead 1: item-major; lead E: E rows of items, as NRI's
   * edge-major [E·B, K]). So every replica ends in the same generator state as one process.
   */
  generator(lead?: number): RandomGenerator;
}

/** What a replica factory builds inside a worker. */
export interface ReplicaModel<Batch> {
  /** The same names, shapes and dtypes as the main thread's model.variables. */
  readonly variables: Readonly<Record<string, tf.Variable>>;
  /**
   * This shard's part of the step's loss, normalised by the WHOLE batch, so that the replicas'
   * values and gradients add up to the one-process loss and gradients. Gets the whole batch; uses
   * only the shard's items; draws its noise through `shard.generator(…)`.
   */
  shardLoss(batch: Batch, context: StepContext, shard: Shard): tf.Tensor;
}

/**
 * One slice of a sliced (micro-batch) step: items [start, start + count) of a `total`-item batch.
 */
export interface ItemSlice {
  readonly start: number;
  readonly count: number;
  readonly total: number;
  /**
   * The step's generator seen through this slice, as {@link Shard.generator}: each
   * `uniforms(k)` (k = the slice's items × m) draws the whole batch's values and returns this
   * slice's part, so the slices see exactly the noise of one whole-batch draw.
   */
  generator(lead?: number): RandomGenerator;
}

/** A per-item tensor the head hands to the tail: viewed as [lead, items, …], items on axis 0. */
export interface ItemTensor {
  /** Shape [lead · items, …]: `lead` blocks of one row group per item (default lead 1). */
  readonly tensor: tf.Tensor;
  readonly lead?: number;
}

/**
 * A model's loss as `head` (the part that couples the batch's items, e.g. an encoder with batch
 * norm; run on the whole batch) plus `tail` (a sum over items that couples nothing, e.g. a
 * decoder; run slice by slice): loss = head.loss + Σ over slices of tail(slice). With it, the
 * loop computes one step's gradient in slices, exactly (batch-norm statistics of the whole
 * batch, the same noise) while only one slice's tail is on the tape at a time.
 */
export interface SlicedLoss<Batch> {
  /** Items in a training batch (e.g. trajectories). */
  items(batch: Batch): number;
  /**
   * The coupled part on the whole batch: its loss term (omitted: none) and the per-item tensors
   * the tail needs. Runs twice per step (without and with a tape) on the same generator state;
   * running statistics it moves are put back after the first run, so they move once. Optional:
   * without a head, the loss is the tail's alone (plain micro-batches).
   */
  head?(batch: Batch, context: StepContext): { loss?: tf.Tensor; outputs: readonly ItemTensor[] };
  /**
   * The slice's items' part of the loss, normalised by the WHOLE batch (so the slices add up),
   * from its items of the head's outputs ([lead · slice.count, …], the order of `outputs`). Its
   * noise comes through `slice.generator(…)`.
   */
  tail(
    batch: Batch,
    outputs: readonly tf.Tensor[],
    slice: ItemSlice,
    context: StepContext,
  ): tf.Tensor;
}
