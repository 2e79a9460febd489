// The contract between a model and the training loop. It is deliberately small so that NRI
// (trajectory batches, Gumbel noise on edge logits), the ListOps parser (token sequences,
// arborescence noise) and L2X (reviews, k-subset noise) all fit without adapters: a model is named
// variables plus a scalar loss of one batch; everything random comes from the generator it is given.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import type * as tf from '@tensorflow/tfjs-core';

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
   * Metrics on held-out batches (called every `evaluation.every` steps and at the end). Must not
   * change the variables and should dispose what it creates.
   */
  evaluate?(batches: EvalBatches<EvalBatch>, context: EvalContext): Promise<Metrics>;
}
