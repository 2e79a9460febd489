// A reusable barrier for the replicas of a data-parallel step, in shared memory (Atomics), used
// only inside worker threads (Atomics.wait would block a main thread's event loop). A waiter
// wakes every `POLL_MS` to check the abort flag the main thread raises when a worker dies, and
// gives up after `timeoutMs`, so no replica hangs on a partner that is gone.

/** Int32 slots of the control block. */
export const CONTROL = {
  /** Replicas arrived at the current barrier. */
  count: 0,
  /** Barrier generation: bumped by the last arrival, which releases the others. */
  generation: 1,
  /** Non-zero: stop (a worker failed or the pool is closing). */
  abort: 2,
  /** First of 2·replicas slots: each arrival's value length, per parity, to detect divergence. */
  lengths: 3,
} as const;

export function controlSize(replicas: number): number {
  return CONTROL.lengths + 2 * replicas;
}

const POLL_MS = 50;

export class ReplicaAbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplicaAbortedError';
  }
}

export class Barrier {
  /** Milliseconds spent blocked in arrive() so far (profiling). */
  waitedMs = 0;
  /** arrive() calls so far. */
  arrivals = 0;

  constructor(
    private readonly control: Int32Array,
    private readonly replicas: number,
    private readonly timeoutMs: number,
  ) {}

  /** Blocks until all replicas have arrived (or throws when aborted or timed out). */
  arrive(): void {
    const c = this.control;
    this.arrivals += 1;
    const generation = Atomics.load(c, CONTROL.generation);
    if (Atomics.add(c, CONTROL.count, 1) === this.replicas - 1) {
      Atomics.store(c, CONTROL.count, 0);
      Atomics.add(c, CONTROL.generation, 1);
      Atomics.notify(c, CONTROL.generation);
      return;
    }
    const t0 = performance.now();
    try {
      this.wait(generation);
    } finally {
      this.waitedMs += performance.now() - t0;
    }
  }

  private wait(generation: number): void {
    const c = this.control;
    const deadline = Date.now() + this.timeoutMs;
    while (Atomics.load(c, CONTROL.generation) === generation) {
      if (Atomics.load(c, CONTROL.abort) !== 0) {
        throw new ReplicaAbortedError('the step was aborted (another replica failed)');
      }
      if (Date.now() > deadline) {
        throw new ReplicaAbortedError(
          `a replica waited ${this.timeoutMs} ms at a cross-replica sum for the others`,
        );
      }
      Atomics.wait(c, CONTROL.generation, generation, POLL_MS);
    }
  }
}

/** Raises the abort flag and wakes every waiter (callable from any thread). */
export function abortReplicas(control: Int32Array): void {
  Atomics.store(control, CONTROL.abort, 1);
  Atomics.notify(control, CONTROL.generation);
}
