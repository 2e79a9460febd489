// This machine's float64 peak as the benchmarks see it: the WebAssembly f64x2 multiply-add
// microkernel (twelve independent chains in registers, 48 flops per iteration) on one thread, and
// on one worker thread per core at the same time.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { wasmPeakProbe } from '../src/linalg/dense.js';

const ITERATIONS = 20_000_000;
const FLOPS_PER_ITERATION = 48;

/** GFLOP/s of one probe run on this thread (best of three), or null without WebAssembly SIMD. */
export function probeOnce(): number | null {
  let best = 0;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    if (wasmPeakProbe(ITERATIONS) === null) return null;
    const ms = performance.now() - start;
    best = Math.max(best, (ITERATIONS * FLOPS_PER_ITERATION) / ms / 1e6);
  }
  return best;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then(({ probeOnce }) => parentPort.postMessage(probeOnce()));
`;

function probeInWorkers(threads: number): Promise<number> {
  const url = new URL(import.meta.url).href;
  const runs = Array.from(
    { length: threads },
    () =>
      new Promise<number>((resolve, reject) => {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url } });
        worker.once('message', (gflops: number) => {
          resolve(gflops);
          void worker.terminate();
        });
        worker.once('error', reject);
      }),
  );
  return Promise.all(runs).then((all) => all.reduce((a, b) => a + b, 0));
}

/** One-thread and all-cores peak GFLOP/s; null without WebAssembly SIMD. */
export async function measurePeak(): Promise<{ one: number; all: number; threads: number } | null> {
  const one = probeOnce();
  if (one === null) return null;
  const threads = cpus().length;
  return { one, all: await probeInWorkers(threads), threads };
}
