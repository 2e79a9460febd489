// Data-parallel training throughput of one model: whole training steps (gradients + one Adam
// update) in this process (the baseline) against the same steps split across worker threads, in
// alternating rounds in one run (the machine's load changes under both alike), the median round of
// each and their ratio; and what a replica's own forward + backward took in the worker steps (the
// pool's profile, mean per step) beside an in-process step on the replica's share of the batch
// (the same rounds): the best the workers could do is the whole batch's step time over that share's.
import { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import type { ValueAndGrads } from '../gradients.js';
import type { ParallelSupport, StepContext } from '../model.js';
import { ReplicaPool } from '../parallel/replica-pool.js';
import { median } from './timing.js';

/** The model side the bench drives: its variables, one-process loss and parallel entry. */
export interface BenchedModel<Batch> {
  readonly variables: Readonly<Record<string, tf.Variable>>;
  loss(batch: Batch, context: StepContext): tf.Tensor;
  /** The model's own in-process step when it has one (e.g. NRI's decoder slices, which keep the
   *  paper size inside wasm's 4 GB heap); else one `tf.variableGrads` over `loss`. */
  lossAndGradients?(
    batch: Batch,
    context: StepContext,
    trainable: readonly tf.Variable[],
  ): ValueAndGrads;
  readonly parallel: ParallelSupport<Batch>;
  dispose(): void;
}

export interface ParallelStepsOptions<Batch> {
  /** The table row's first cell (e.g. the relaxation). */
  readonly label: string;
  /** A fresh model (the bench disposes it). */
  readonly model: () => BenchedModel<Batch>;
  /** Items [start, start + count) of a batch (the model's slicer). */
  readonly slice: (batch: Batch, start: number, count: number) => Batch;
  readonly batches: readonly Batch[];
  readonly learningRate: number;
  readonly rounds: number;
  readonly workers: number;
}

/** The table's header lines; `column` names the label column. */
export function parallelStepsHeader(column: string, workers: number): string {
  return [
    `| ${column} | 1: ms/step | ${workers}: ms/step | 1: steps/s | ${workers}: steps/s | speed-up | replica fwd+bwd ms/step | 1, ${workers === 2 ? 'half' : `1/${workers}`} batch: ms/step | bound: 1 ÷ ${workers === 2 ? 'half' : 'share'} |`,
    '|---|---|---|---|---|---|---|---|---|',
  ].join('\n');
}

/** Medians, ms per step: in-process, with the workers, in-process on one replica's share. */
export interface ParallelStepsResult {
  readonly oneMs: number;
  readonly workersMs: number;
  readonly shareMs: number;
}

/** Measures one model and prints its table row (or a `failed:` row, and returns null). */
export async function benchParallelSteps<Batch>(
  options: ParallelStepsOptions<Batch>,
): Promise<ParallelStepsResult | null> {
  const { label, batches, workers } = options;
  const model = options.model();
  const variables = Object.entries(model.variables).map(([name, variable]) => ({ name, variable }));
  const trainable = variables.map((v) => v.variable).filter((v) => v.trainable);
  const optimizer = tf.train.adam(options.learningRate);
  const generator = new RandomGenerator(2);
  const context = { step: 0, totalSteps: 1, generator, training: true } as const;
  const apply = (grads: Record<string, tf.Tensor>) =>
    optimizer.applyGradients(grads as tf.NamedTensorMap as Record<string, tf.Variable>);
  const inProcess = (batch: Batch) => {
    const { value, grads } =
      model.lossAndGradients?.(batch, context, trainable) ??
      tf.variableGrads(() => model.loss(batch, context) as tf.Scalar, trainable);
    apply(grads);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const pool = await ReplicaPool.start({
    replicas: workers,
    parallel: model.parallel as ParallelSupport<unknown>,
    variables,
  });
  const parallel = async (batch: Batch) => {
    const { loss, gradients } = await pool.step(batch, context, trainable, null);
    apply(Object.fromEntries(gradients.map((g) => [g.name, g.tensor])));
    loss.dataSync();
    tf.dispose([loss, ...gradients.map((g) => g.tensor)]);
  };
  try {
    // Warm-up: kernels, first allocations, Adam's moments, the workers' first steps.
    inProcess(batches[0]);
    await parallel(batches[0]);
    pool.resetProfile();
    const halves = batches.map((b) =>
      options.slice(b, 0, Math.ceil(model.parallel.items(b) / workers)),
    );
    inProcess(halves[0]);
    const one: number[] = [];
    const two: number[] = [];
    const half: number[] = [];
    for (let r = 0; r < options.rounds; r++) {
      let t0 = performance.now();
      for (const batch of batches) inProcess(batch);
      one.push((performance.now() - t0) / batches.length);
      t0 = performance.now();
      for (const batch of batches) await parallel(batch);
      two.push((performance.now() - t0) / batches.length);
      t0 = performance.now();
      for (const batch of halves) inProcess(batch);
      half.push((performance.now() - t0) / batches.length);
    }
    const a = median(one);
    const b = median(two);
    const h = median(half);
    const profile = pool.profile();
    const compute = profile.replicas.map((x) => (x.compute / profile.steps).toFixed(0)).join(' / ');
    console.log(
      `| ${label} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(1000 / a).toFixed(2)} | ${(1000 / b).toFixed(2)} | **${(a / b).toFixed(2)}×** | ${compute} | ${h.toFixed(1)} | ${(a / h).toFixed(2)}× |`,
    );
    return { oneMs: a, workersMs: b, shareMs: h };
  } catch (error) {
    console.log(`| ${label} | failed: ${(error as Error).message.slice(0, 160)} | | | | | | | |`);
    return null;
  } finally {
    await pool.close();
    optimizer.dispose();
    model.dispose();
  }
}
