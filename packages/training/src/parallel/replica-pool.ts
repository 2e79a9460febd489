// The main thread's side of data-parallel training: W worker threads, each with its own tfjs
// backend and a replica of the model built from the model's factory. Per step the main thread
// copies its variables into shared memory, posts the batch and the generator state to every
// worker, waits (without blocking its event loop, so a worker's 'error' or 'exit' is noticed at
// once), then adds the replicas' gradients in replica order and hands them to the one optimizer
// step the loop takes. The main thread's variables stay the run's truth (checkpoints, evaluation).
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type { StepGradients } from '../gradients.js';
import { clipByGlobalNorm } from '../gradients.js';
import type { ParallelSupport, StepContext } from '../model.js';
import type { NamedVariable } from '../variables.js';
import { abortReplicas, controlSize } from './barrier.js';
import { encodeBatch } from './batch-transfer.js';
import { builtModuleUrl } from './built-module.js';
import { DEFAULT_SUM_CAPACITY, sumSlotsBytes } from './cross-replica-sum.js';
import { itemRanges } from './item-ranges.js';
import type {
  ReplicaTimings,
  ReplicaWorkerData,
  WorkerReply,
  WorkerRequest,
} from './replica-protocol.js';
import { type VariableLayout, variableLayout, writeVariables } from './shared-variables.js';

/** Thrown when a worker fails: the step was not applied, the last checkpoint is intact. */
export class ReplicaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReplicaError';
  }
}

export interface ReplicaPoolOptions {
  readonly replicas: number;
  readonly parallel: ParallelSupport<unknown>;
  readonly variables: readonly NamedVariable[];
  /** How long a replica waits at a cross-replica sum before giving up (default 10 minutes). */
  readonly timeoutMs?: number;
}

type Done = Extract<WorkerReply, { type: 'done' }>;

/** Milliseconds summed over the steps since the pool started (or `resetProfile`). */
export interface ReplicaPoolProfile {
  readonly steps: number;
  /** Main thread: variables → shared memory, the batch encoded, the requests posted. */
  readonly prepare: number;
  /** Main thread: from the requests posted to the last replica's reply. */
  readonly roundTrip: number;
  /** Main thread: the replicas' gradients summed into tensors (and clipped). */
  readonly combine: number;
  /** Per replica (index = replica), the replica's own timings summed. */
  readonly replicas: readonly ReplicaTimings[];
}

/**
 * How long a secondary failure (a replica that only stopped because another one aborted the step)
 * waits for the primary's report, which names the real cause, before it is reported itself.
 */
const SECONDARY_FAILURE_GRACE_MS = 1000;

export class ReplicaPool {
  private readonly workers: Worker[] = [];
  private readonly layout: VariableLayout;
  private readonly variablesBuffer: SharedArrayBuffer;
  private readonly gradientBuffers: SharedArrayBuffer[];
  private readonly gradientViews: Float32Array[];
  private readonly control: Int32Array;
  private failure: ReplicaError | null = null;
  private closing = false;
  /** Rejects the step in flight (and startup) when a worker fails. */
  private onFailure: ((error: ReplicaError) => void) | null = null;
  private readonly waiting = new Map<number, (reply: WorkerReply) => void>();
  private totals = emptyProfile(0);

  private constructor(private readonly options: ReplicaPoolOptions) {
    this.totals = emptyProfile(options.replicas);
    this.layout = variableLayout(options.variables);
    this.variablesBuffer = new SharedArrayBuffer(this.layout.size * 4);
    this.gradientBuffers = Array.from(
      { length: options.replicas },
      () => new SharedArrayBuffer(this.layout.gradientSize * 4),
    );
    this.gradientViews = this.gradientBuffers.map((buffer) => new Float32Array(buffer));
    this.control = new Int32Array(
      new SharedArrayBuffer(controlSize(options.replicas) * Int32Array.BYTES_PER_ELEMENT),
    );
  }

  /** Starts the workers and waits until every replica is built. */
  static async start(options: ReplicaPoolOptions): Promise<ReplicaPool> {
    const pool = new ReplicaPool(options);
    try {
      await pool.launch();
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  private async launch(): Promise<void> {
    const { replicas } = this.options;
    const slots = new SharedArrayBuffer(sumSlotsBytes(replicas, DEFAULT_SUM_CAPACITY));
    const script = new URL(builtModuleUrl('./replica-worker', import.meta.url));
    const ready: Promise<WorkerReply>[] = [];
    for (let replica = 0; replica < replicas; replica++) {
      const workerData: ReplicaWorkerData = {
        factory: this.options.parallel.factory,
        backend: tf.getBackend(),
        replica,
        replicas,
        layout: this.layout,
        variables: this.variablesBuffer,
        gradients: this.gradientBuffers[replica],
        control: this.control.buffer as SharedArrayBuffer,
        slots,
        capacity: DEFAULT_SUM_CAPACITY,
        timeoutMs: this.options.timeoutMs ?? 600_000,
      };
      // No inherited flags: a test runner's `--conditions source` would make the worker resolve
      // the workspace packages to TypeScript it cannot run.
      const worker = new Worker(script, { workerData, execArgv: [] });
      this.workers.push(worker);
      ready.push(this.nextReply(replica));
      worker.on('message', (reply: WorkerReply) => this.receive(replica, reply));
      worker.on('error', (error) => this.fail(replica, error.message, error));
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(replica, `the worker exited with code ${code}`);
      });
    }
    await this.guard(Promise.all(ready));
  }

  private receive(replica: number, reply: WorkerReply): void {
    if (reply.type === 'error') {
      const report = () =>
        this.fail(
          replica,
          reply.message,
          Object.assign(new Error(reply.message), { stack: reply.stack }),
        );
      if (reply.aborted) setTimeout(report, SECONDARY_FAILURE_GRACE_MS);
      else report();
      return;
    }
    const resolve = this.waiting.get(replica);
    this.waiting.delete(replica);
    resolve?.(reply);
  }

  private fail(replica: number, message: string, cause?: unknown): void {
    if (this.failure !== null) return;
    this.failure = new ReplicaError(
      `train: data-parallel worker ${replica} of ${this.options.replicas} failed: ${message}`,
      { cause },
    );
    abortReplicas(this.control);
    this.onFailure?.(this.failure);
  }

  private nextReply(replica: number): Promise<WorkerReply> {
    return new Promise((resolve) => this.waiting.set(replica, resolve));
  }

  /** `work`, or the first worker failure, whichever comes first. */
  private guard<T>(work: Promise<T>): Promise<T> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.onFailure = reject;
      work.then(resolve, reject).finally(() => {
        this.onFailure = null;
      });
    });
  }

  /**
   * One data-parallel step: the gradients of the whole batch's loss (aligned with `trainable`,
   * clipped when `clipNorm` is set), with the model generator and the non-trainable variables
   * moved as the one-process step would move them. The caller disposes the tensors.
   */
  async step(
    batch: unknown,
    context: StepContext,
    trainable: readonly tf.Variable[],
    clipNorm: number | null,
  ): Promise<StepGradients> {
    if (this.failure !== null) throw this.failure;
    const total = this.options.parallel.items(batch);
    if (!Number.isSafeInteger(total) || total < this.options.replicas) {
      throw new RangeError(
        `train: a batch of ${total} items cannot be split across ${this.options.replicas} workers (model.parallel.items(batch) must be an integer ≥ workers)`,
      );
    }
    const t0 = performance.now();
    const variables = this.options.variables.map(({ variable }) => variable);
    writeVariables(this.variablesBuffer, this.layout, variables);
    const encoded = encodeBatch(batch);
    const generator = context.generator.getState();
    const ranges = itemRanges(total, this.options.replicas);
    const replies = ranges.map((_, replica) => this.nextReply(replica));
    ranges.forEach(([start, count], replica) => {
      const request: WorkerRequest = {
        type: 'step',
        step: context.step,
        totalSteps: context.totalSteps,
        generator,
        batch: encoded,
        start,
        count,
        total,
      };
      this.workers[replica].postMessage(request);
    });
    const t1 = performance.now();
    const done = (await this.guard(Promise.all(replies))) as Done[];
    const t2 = performance.now();
    const result = this.combine(done, context, trainable, clipNorm);
    const t = this.totals;
    this.totals = {
      steps: t.steps + 1,
      prepare: t.prepare + (t1 - t0),
      roundTrip: t.roundTrip + (t2 - t1),
      combine: t.combine + (performance.now() - t2),
      replicas: t.replicas.map((r, i) => addTimings(r, done[i].timings)),
    };
    return result;
  }

  /** Where the steps' time went so far (profiling; `pnpm bench` in the nri package prints it). */
  profile(): ReplicaPoolProfile {
    return this.totals;
  }

  resetProfile(): void {
    this.totals = emptyProfile(this.options.replicas);
  }

  private combine(
    done: Done[],
    context: StepContext,
    trainable: readonly tf.Variable[],
    clipNorm: number | null,
  ): StepGradients {
    const state = JSON.stringify(done[0].generator);
    if (done.some((d) => JSON.stringify(d.generator) !== state)) {
      throw new ReplicaError(
        'train: the replicas ended the step in different generator states (their noise draws diverged)',
      );
    }
    context.generator.setState(done[0].generator);
    const statistics = done[0].statistics ?? [];
    let s = 0;
    this.options.variables.forEach(({ variable }, i) => {
      const slot = this.layout.slots[i];
      if (slot.trainable) return;
      const values = statistics[s++];
      tf.tidy(() => variable.assign(tf.tensor(values, [...slot.shape], slot.dtype)));
    });
    // Loss: the replicas' parts added in replica order (in double, then one rounding).
    let loss = 0;
    for (const d of done) loss += d.loss;
    // All replicas' gradients added in replica order in one pass over the whole buffer (a slot a
    // replica did not reach holds no values of this step: skipped), then one tensor per slot.
    const sum = new Float32Array(this.layout.gradientSize);
    const slots = this.layout.slots.filter((slot) => slot.trainable);
    done.forEach((d, r) => {
      const from = this.gradientViews[r];
      slots.forEach((slot, index) => {
        if (!d.reached[index]) return;
        const end = slot.gradientOffset + slot.size;
        for (let i = slot.gradientOffset; i < end; i++) sum[i] += from[i];
      });
    });
    const bySlot = new Map<string, tf.Tensor>();
    slots.forEach((slot, index) => {
      if (!done.some((d) => d.reached[index])) return;
      const values = sum.subarray(slot.gradientOffset, slot.gradientOffset + slot.size);
      bySlot.set(slot.name, tf.tensor(values, [...slot.shape], 'float32'));
    });
    const byVariable = new Map(
      this.options.variables.map(({ name, variable }) => [variable, name]),
    );
    const gradients = trainable.map((variable) => ({
      name: variable.name,
      tensor: (bySlot.get(byVariable.get(variable) ?? '') ?? null) as unknown as tf.Tensor,
    }));
    if (clipNorm !== null) clipByGlobalNorm(gradients, clipNorm);
    return { loss: tf.scalar(loss), gradients };
  }

  /** Stops the workers (idempotent). */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    abortReplicas(this.control);
    await Promise.all(
      this.workers.map(async (worker) => {
        await worker.terminate();
      }),
    );
  }
}

function emptyProfile(replicas: number): ReplicaPoolProfile {
  const zero: ReplicaTimings = { read: 0, compute: 0, wait: 0, sums: 0, write: 0 };
  return { steps: 0, prepare: 0, roundTrip: 0, combine: 0, replicas: Array(replicas).fill(zero) };
}

function addTimings(a: ReplicaTimings, b: ReplicaTimings): ReplicaTimings {
  return {
    read: a.read + b.read,
    compute: a.compute + b.compute,
    wait: a.wait + b.wait,
    sums: a.sums + b.sums,
    write: a.write + b.write,
  };
}
