// The training loop the models share. Per step: a batch from the data stream, the model's loss
// and gradients under tfjs's tape, optional global-norm clipping, the optimizer update, then the
// bookkeeping — an event, a log line, and every so often an evaluation and a checkpoint. Nothing
// here depends on the tfjs backend; nothing is printed.
import { RandomGenerator } from '@sst-tricks/sst-core';
import type { EvaluationRecord, StoredVariable } from './checkpoint/format.js';
import { pruneCheckpoints, writeCheckpoint } from './checkpoint/store.js';
import { createGenerators } from './generators.js';
import { computeGradients } from './gradients.js';
import { checkJson } from './json.js';
import { MetricsLog } from './metrics-log.js';
import type { Metrics, StepContext } from './model.js';
import { captureOptimizerState } from './optimizer-state.js';
import { resolveOptions, type TrainOptions } from './options.js';
import { ReplicaPool } from './parallel/replica-pool.js';
import { findCheckpoint, restoreRun } from './resume.js';
import { settle } from './settings.js';
import { slicedLossAndGradients } from './slicing/sliced-gradients.js';
import { ThroughputMeter } from './throughput.js';
import { collectVariables } from './variables.js';

export interface TrainResult {
  /** Updates completed. */
  readonly step: number;
  readonly totalSteps: number;
  /** The last step's loss (null if the run took no step, e.g. resuming a finished run). */
  readonly loss: number | null;
  /** Every evaluation of the run, resumed parts included. */
  readonly evaluations: readonly EvaluationRecord[];
  readonly elapsedSeconds: number;
  /** True when `signal` stopped the run early. */
  readonly stopped: boolean;
  /** The last checkpoint (written, or resumed from), or null. */
  readonly checkpoint: string | null;
}

/** Trains `options.model`; see the README for the options, events and checkpoint format. */
export async function train<Batch, EvalBatch = Batch>(
  options: TrainOptions<Batch, EvalBatch>,
): Promise<TrainResult> {
  const resolved = resolveOptions(options);
  const { model, stream, evaluation, onEvent, signal } = resolved;
  const loaded = findCheckpoint(resolved);
  const manifest = loaded?.manifest ?? null;
  const variables = collectVariables(
    model.variables,
    manifest?.variables.map(({ name }) => name),
  );
  for (const { name, variable } of variables) {
    if (variable.dtype !== 'float32' && variable.dtype !== 'int32') {
      throw new TypeError(
        `train: model.variables['${name}'] has dtype ${variable.dtype}; only float32 and int32 can be checkpointed`,
      );
    }
  }
  const trainable = variables
    .filter(({ variable }) => variable.trainable)
    .map(({ variable }) => variable);
  const settings = settle(resolved, manifest, 'train');
  if (settings.workers > 1 && settings.microBatches > 1) {
    throw new RangeError(
      `train: workers ${settings.workers} with microBatches ${settings.microBatches} is not supported yet (each worker holds 1/workers of the batch in its own wasm heap); use one of them`,
    );
  }
  const slicing = settings.microBatches > 1 ? (model.slicing ?? null) : null;
  if (settings.microBatches > 1 && slicing === null) {
    throw new TypeError(
      `train: the run being resumed used microBatches ${settings.microBatches} but options.model.slicing is undefined`,
    );
  }
  const statistics = variables
    .filter(({ variable }) => !variable.trainable)
    .map(({ variable }) => variable);
  const { steps: totalSteps, optimizer } = settings;
  const generators = createGenerators(settings.seed);

  let step = 0;
  let elapsedBefore = 0;
  let lastLoss: number | null = null;
  let lastCheckpoint: string | null = null;
  let lastCheckpointStep = -1;
  const evaluations: EvaluationRecord[] = [];
  let log: MetricsLog | null = null;
  let pool: ReplicaPool | null = null;
  try {
    if (loaded !== null && manifest !== null) {
      await restoreRun(loaded, variables, settings, generators, stream);
      step = manifest.step;
      elapsedBefore = manifest.progress.elapsedSeconds;
      lastLoss = manifest.progress.loss;
      evaluations.push(...manifest.progress.evaluations);
      lastCheckpoint = loaded.path;
      lastCheckpointStep = step;
    }
    if (resolved.log !== null) {
      log = new MetricsLog(resolved.log.file, manifest === null ? null : manifest.step);
    }

    const started = performance.now();
    const elapsed = () => elapsedBefore + (performance.now() - started) / 1000;
    const meter = new ThroughputMeter(started);

    const saveCheckpoint = async (): Promise<void> => {
      const checkpoint = resolved.checkpoint;
      if (checkpoint === null) return;
      const t0 = performance.now();
      // The log lines up to this step must be on disk before a checkpoint says they are.
      log?.flush(true);
      const stored: StoredVariable[] = [];
      for (const { name, variable } of variables) {
        const data = await variable.data();
        stored.push({
          name,
          dtype: variable.dtype as 'float32' | 'int32',
          shape: [...variable.shape],
          values: variable.dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data),
          trainable: variable.trainable,
        });
      }
      const path = writeCheckpoint(checkpoint.directory, {
        step,
        variables: stored,
        optimizer: await captureOptimizerState(optimizer, variables),
        generators: { model: generators.model.getState(), data: generators.data.getState() },
        data: stream.getState
          ? checkJson('train: options.data.getState()', stream.getState())
          : null,
        options: settings.record,
        progress: { elapsedSeconds: elapsed(), loss: lastLoss, evaluations },
        metadata: checkpoint.metadata,
      });
      pruneCheckpoints(checkpoint.directory, checkpoint.keep);
      lastCheckpoint = path;
      lastCheckpointStep = step;
      onEvent({
        type: 'checkpoint',
        step,
        totalSteps,
        path,
        seconds: (performance.now() - t0) / 1000,
      });
    };

    const evaluate = async (): Promise<void> => {
      if (evaluation === null || model.evaluate === undefined) return;
      const t0 = performance.now();
      const metrics = await model.evaluate(evaluation.batches(), {
        step,
        generator: new RandomGenerator(settings.evaluationSeed),
        training: false,
      });
      checkMetrics(metrics);
      const copy: Metrics = { ...metrics };
      evaluations.push({ step, metrics: copy });
      log?.append({ kind: 'eval', step, elapsed: milliRound(elapsed()), metrics: copy });
      onEvent({
        type: 'eval',
        step,
        totalSteps,
        metrics: copy,
        seconds: (performance.now() - t0) / 1000,
      });
    };

    if (settings.workers > 1 && step < totalSteps) {
      pool = await ReplicaPool.start({
        replicas: settings.workers,
        parallel: model.parallel as NonNullable<typeof model.parallel>,
        variables,
      });
    }
    onEvent({ type: 'start', step, totalSteps, resumedFrom: loaded?.path ?? null });
    while (step < totalSteps && signal?.aborted !== true) {
      const context: StepContext = {
        step,
        totalSteps,
        generator: generators.model,
        training: true,
      };
      const pending = stream.next({ step, generator: generators.data });
      const batch = pending instanceof Promise ? await pending : pending;
      let loss: number;
      try {
        const custom = model.lossAndGradients;
        const ownStep =
          slicing !== null
            ? () =>
                slicedLossAndGradients(slicing, batch, context, trainable, {
                  slices: settings.microBatches,
                  statistics,
                })
            : custom === undefined
              ? undefined
              : () => custom.call(model, batch, context, trainable);
        const { loss: value, gradients } =
          pool === null
            ? computeGradients(
                () => model.loss(batch, context),
                trainable,
                settings.clipGradientNorm,
                ownStep,
              )
            : await pool.step(batch, context, trainable, settings.clipGradientNorm);
        try {
          loss = (await value.data())[0];
          if (!Number.isFinite(loss)) {
            throw new RangeError(
              `train: the loss is ${loss} at step ${step + 1}; the update was not applied (the last checkpoint is intact: resume with a lower learning rate or clipGradientNorm)`,
            );
          }
          optimizer.applyGradients(gradients);
        } finally {
          value.dispose();
          for (const { tensor } of gradients) tensor?.dispose();
        }
      } finally {
        stream.release(batch);
      }
      step += 1;
      lastLoss = loss;
      const now = performance.now();
      const stepsPerSecond = meter.record(now);
      const elapsedSeconds = elapsed();
      if (log !== null && (step % (resolved.log?.every ?? 1) === 0 || step === totalSteps)) {
        log.append({ kind: 'step', step, elapsed: milliRound(elapsedSeconds), loss });
      }
      onEvent({
        type: 'step',
        step,
        totalSteps,
        loss,
        stepsPerSecond,
        etaSeconds:
          stepsPerSecond > 0 ? (totalSteps - step) / stepsPerSecond : Number.POSITIVE_INFINITY,
        elapsedSeconds,
      });
      if (evaluation !== null && (step % evaluation.every === 0 || step === totalSteps)) {
        await evaluate();
      }
      const every = resolved.checkpoint?.every ?? null;
      if ((every !== null && step % every === 0) || step === totalSteps) await saveCheckpoint();
    }
    // Stopped early: keep what was done.
    if (step !== lastCheckpointStep) await saveCheckpoint();
    const result: TrainResult = {
      step,
      totalSteps,
      loss: lastLoss,
      evaluations,
      elapsedSeconds: elapsed(),
      stopped: step < totalSteps,
      checkpoint: lastCheckpoint,
    };
    log?.close();
    log = null;
    onEvent({
      type: 'done',
      step,
      totalSteps,
      loss: lastLoss,
      metrics: evaluations.at(-1)?.metrics ?? null,
      elapsedSeconds: result.elapsedSeconds,
      stopped: result.stopped,
      checkpoint: lastCheckpoint,
    });
    return result;
  } finally {
    await pool?.close();
    log?.close();
    if (settings.ownsOptimizer) optimizer.dispose();
  }
}

/** Wall times in the log to the millisecond: more digits would be noise. */
function milliRound(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function checkMetrics(metrics: unknown): void {
  if (typeof metrics !== 'object' || metrics === null || Array.isArray(metrics)) {
    throw new TypeError(
      `train: model.evaluate must resolve to an object of numbers, got ${metrics === null ? 'null' : typeof metrics}`,
    );
  }
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(
        `train: model.evaluate returned ${name} = ${String(value)}; metrics must be finite numbers`,
      );
    }
  }
}
