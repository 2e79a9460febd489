// The optional `threads` split of a batch over worker threads, for the synchronous solver API.
// Node only: the calling thread blocks in Atomics.wait until the workers are done, which Node
// allows on its main thread and browsers do not on theirs. The workers are Node worker_threads
// running ./worker.js (the built file beside this one), created on first use, kept and unref'd
// (the process may exit while they idle). Where any of that is missing — a browser, an engine
// without SharedArrayBuffer, or these sources run unbuilt (tests import the built package for
// this) — the batch is solved on the calling thread alone, with the same results.
//
// A call with k threads solves the first share of the batch on the calling thread straight from
// the caller's arrays and copies each other share into one SharedArrayBuffer (scores, g, and room
// for the outputs); each worker solves its share with the same public function on views of it,
// and the calling thread copies the outputs back. Items are independent and each is solved by the
// same code, so the results equal the one-thread call bit for bit.

import { type DenseKernelChoice, denseKernelChoice } from '../linalg/dense.js';

export type BatchKind = 'arborescence' | 'spanning-tree';

/** What a worker needs to solve items [from, from + count) of a batch. */
export interface ShareJob {
  kind: BatchKind;
  n: number;
  itemSize: number;
  count: number;
  hasG: boolean;
  wantMarginals: boolean;
  /** Serialisable solver options (temperature, rootMode, lengths of this share, maxRange). */
  options: Record<string, unknown>;
  /** [scores | g | marginals | vjp | logZ] of this share, float64. */
  data: SharedArrayBuffer;
  /** Int32 control words: [0] = shares finished, [1 + worker index] = 1 if that share failed. */
  control: SharedArrayBuffer;
  worker: number;
  /** The caller's setDenseKernels choice, so both sides use the same kernels. */
  kernels: DenseKernelChoice;
}

/** Layout of one share's float64 data: offsets (in entries) of its five parts. */
export function shareLayout(
  count: number,
  itemSize: number,
  hasG: boolean,
  wantMarginals: boolean,
) {
  const size = count * itemSize;
  const g = size;
  const marginals = g + (hasG ? size : 0);
  const vjp = marginals + (wantMarginals ? size : 0);
  const logZ = vjp + (hasG ? size : 0);
  return { size, g, marginals, vjp, logZ, total: logZ + (wantMarginals ? count : 0) };
}

interface NodeWorker {
  postMessage(message: unknown): void;
  unref(): void;
}
interface WorkerThreads {
  Worker: new (url: URL) => NodeWorker;
}
interface NodeFs {
  existsSync(path: URL): boolean;
}
type BuiltinLoader = (name: string) => unknown;

/** Largest `threads` accepted. */
export const MAX_THREADS = 64;

/** The `threads` option (default 1): an integer in 1..MAX_THREADS. */
export function resolveThreads(options: { threads?: number } | undefined): number {
  const k: unknown = options?.threads ?? 1;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_THREADS) {
    throw new RangeError(`threads must be an integer in 1..${MAX_THREADS}, got ${String(k)}`);
  }
  return k;
}

/**
 * The worker script beside this module. Deliberately not a string literal inside
 * `new URL(…, import.meta.url)`: bundlers (Vite) would otherwise try to emit it as an asset of
 * the page, where it is never used.
 */
const WORKER_FILE = './worker.js';

let workers: NodeWorker[] | null = null;
let unavailable = false;

/** Number of solver worker threads started in this process (0 until a `threads` call uses them). */
export function solverWorkerCount(): number {
  return workers?.length ?? 0;
}

/** At least `count` running workers, or null where worker threads cannot be used. */
function pool(count: number): NodeWorker[] | null {
  if (unavailable) return null;
  if (workers === null) {
    const load = (globalThis as { process?: { getBuiltinModule?: BuiltinLoader } }).process
      ?.getBuiltinModule;
    const script = new URL(WORKER_FILE, import.meta.url);
    const fs = load?.('node:fs') as NodeFs | undefined;
    if (
      load === undefined ||
      typeof SharedArrayBuffer !== 'function' ||
      fs === undefined ||
      !fs.existsSync(script)
    ) {
      unavailable = true;
      return null;
    }
    workers = [];
  }
  const threads = (
    globalThis as { process: { getBuiltinModule: BuiltinLoader } }
  ).process.getBuiltinModule('node:worker_threads') as WorkerThreads;
  while (workers.length < count) {
    const worker = new threads.Worker(new URL(WORKER_FILE, import.meta.url));
    worker.unref();
    workers.push(worker);
  }
  return workers;
}

/** How long the calling thread waits for the workers before giving up (a crashed worker). */
const WAIT_MS = 120_000;

/**
 * Solves a batch over `threads` threads: `solve(from, count)` solves items [from, from + count)
 * on the calling thread and returns their outputs; the other shares go to workers. Returns false
 * (having done nothing) where worker threads are unavailable.
 */
export function splitBatch(
  job: Omit<ShareJob, 'count' | 'data' | 'control' | 'worker' | 'options' | 'kernels'>,
  threads: number,
  batch: number,
  scores: Float64Array,
  g: Float64Array | null,
  optionsFor: (from: number, count: number) => Record<string, unknown>,
  solve: (from: number, count: number) => void,
  out: { marginals: Float64Array | null; logZ: Float64Array | null; vjp: Float64Array | null },
): boolean {
  const shares = Math.min(threads, batch);
  const ws = pool(shares - 1);
  if (ws === null) return false;
  const { itemSize, hasG, wantMarginals } = job;
  const bounds = Array.from({ length: shares + 1 }, (_, k) => Math.round((k * batch) / shares));
  const control = new SharedArrayBuffer(4 * (shares + 1));
  const flags = new Int32Array(control);
  const parts: { from: number; count: number; data: Float64Array }[] = [];
  for (let k = 1; k < shares; k++) {
    const from = bounds[k] as number;
    const count = (bounds[k + 1] as number) - from;
    const layout = shareLayout(count, itemSize, hasG, wantMarginals);
    const buffer = new SharedArrayBuffer(8 * layout.total);
    const data = new Float64Array(buffer);
    data.set(scores.subarray(from * itemSize, (from + count) * itemSize));
    if (g !== null) data.set(g.subarray(from * itemSize, (from + count) * itemSize), layout.g);
    parts.push({ from, count, data });
    (ws[k - 1] as NodeWorker).postMessage({
      ...job,
      count,
      options: optionsFor(from, count),
      data: buffer,
      control,
      worker: k - 1,
      kernels: denseKernelChoice(),
    } satisfies ShareJob);
  }
  solve(0, bounds[1] as number);
  const deadline = Date.now() + WAIT_MS;
  for (let done = Atomics.load(flags, 0); done < shares - 1; done = Atomics.load(flags, 0)) {
    if (Date.now() > deadline) throw new Error('solver worker threads did not finish');
    Atomics.wait(flags, 0, done, 1000);
  }
  for (const [k, { from, count, data }] of parts.entries()) {
    // A failed share (e.g. a tempered score overflowing) is solved again here, which throws the
    // same error the one-thread call would have.
    if (Atomics.load(flags, 1 + k) !== 0) {
      solve(from, count);
      continue;
    }
    const layout = shareLayout(count, itemSize, hasG, wantMarginals);
    const at = from * itemSize;
    if (out.marginals !== null) {
      out.marginals.set(data.subarray(layout.marginals, layout.marginals + layout.size), at);
    }
    if (out.vjp !== null) out.vjp.set(data.subarray(layout.vjp, layout.vjp + layout.size), at);
    if (out.logZ !== null) out.logZ.set(data.subarray(layout.logZ, layout.logZ + count), from);
  }
  return true;
}
