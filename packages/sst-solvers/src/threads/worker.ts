// Worker side of the `threads` split (./pool.ts): solves one share of a batch with the same
// public function, on views of the shared buffer, then counts itself done and wakes the caller.
// Loaded only by pool.ts through Node's worker_threads (never imported by other modules).
import {
  arborescenceMarginals,
  arborescenceMarginalsAndVjp,
  arborescenceVjp,
} from '../arborescence/index.js';
import { setDenseKernels } from '../linalg/dense.js';
import {
  spanningTreeMarginals,
  spanningTreeMarginalsAndVjp,
  spanningTreeVjp,
} from '../spanning-tree/index.js';
import { type ShareJob, shareLayout } from './pool.js';

type Solved = { marginals?: Float64Array; logZ?: Float64Array; vjp?: Float64Array };

function solveShare(job: ShareJob): void {
  const { kind, n, itemSize, count, hasG, wantMarginals, options } = job;
  setDenseKernels(job.kernels);
  const layout = shareLayout(count, itemSize, hasG, wantMarginals);
  const data = new Float64Array(job.data);
  const scores = data.subarray(0, layout.size);
  const g = hasG ? data.subarray(layout.g, layout.g + layout.size) : null;
  let res: Solved;
  if (kind === 'arborescence') {
    if (g === null) res = arborescenceMarginals(scores, n, options);
    else if (wantMarginals) res = arborescenceMarginalsAndVjp(scores, n, g, options);
    else res = { vjp: arborescenceVjp(scores, n, g, options) };
  } else {
    if (g === null) res = spanningTreeMarginals(scores, n, options);
    else if (wantMarginals) res = spanningTreeMarginalsAndVjp(scores, n, g, options);
    else res = { vjp: spanningTreeVjp(scores, n, g, options) };
  }
  if (res.marginals !== undefined) data.set(res.marginals, layout.marginals);
  if (res.vjp !== undefined) data.set(res.vjp, layout.vjp);
  if (res.logZ !== undefined) data.set(res.logZ, layout.logZ);
}

interface Port {
  on(event: 'message', listener: (job: ShareJob) => void): void;
}
const { process: node } = globalThis as unknown as {
  process: { getBuiltinModule(name: string): unknown };
};
const { parentPort } = node.getBuiltinModule('node:worker_threads') as { parentPort: Port };

parentPort.on('message', (job) => {
  const control = new Int32Array(job.control);
  try {
    solveShare(job);
  } catch {
    Atomics.store(control, 1 + job.worker, 1);
  }
  Atomics.add(control, 0, 1);
  Atomics.notify(control, 0);
});
