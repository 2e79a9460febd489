// Data-parallel training throughput: whole training steps (gradients + one Adam update) in this
// process (the baseline) against the same steps split across 2 worker threads, in alternating
// rounds in one run (@sst-tricks/training/bench's benchParallelSteps: medians, the replicas' own
// forward + backward, the half-batch bound). Sizes: the `cpu` preset (width 64, batch 32, 1-step)
// and the paper's (width 256, batch 128, 9-step rollout; in-process with 4 decoder slices through
// the model's lossAndGradients, each worker one tape over its 64 items in its own wasm heap).
// With $SST_NRI_PEER naming the PyTorch timer of the official NRI step (README), it runs before
// and after each case and the row gets the ratio against the 2-worker step.
import { availableParallelism } from 'node:os';
import { selectBackend } from '@sst-tricks/sst-core';
import { benchParallelSteps, load, median, parallelStepsHeader } from '@sst-tricks/training/bench';
import { generateGraphLayout } from '../src/data/index.js';
import { sliceBatch } from '../src/model/batch-items.js';
import { NriModel, type NriModelOptions, nriBatch } from '../src/model/index.js';
import { findPeer, runPeer } from './peer.js';

interface ParallelCase {
  label: string;
  /** The peer timer's configuration (time_nri.py --config). */
  peer: string;
  batch: number;
  /** Steps per round, rounds per side. */
  steps: number;
  rounds: number;
  model: Omit<NriModelOptions, 'seed' | 'nodes' | 'frames' | 'latent' | 'temperature'>;
}

const CASES: ParallelCase[] = [
  {
    label: 'cpu preset (width 64, batch 32, 1-step)',
    peer: 'cpu1',
    batch: 32,
    steps: 8,
    rounds: 7,
    model: { hidden: 64, predictionSteps: 1, tiedInit: true },
  },
  {
    label: 'paper (width 256, batch 128, 9-step)',
    peer: 'paper',
    batch: 128,
    steps: 1,
    rounds: 3,
    model: { hidden: 256, predictionSteps: 9, decoderSlices: 4 },
  },
];

const SHAPE = { nodes: 10, frames: 10 };
const WORKERS = 2;

async function runCase(c: ParallelCase, peer: string | null): Promise<void> {
  const batches = Array.from({ length: c.steps }, (_, i) => {
    const sample = generateGraphLayout(0, 'train', i * c.batch, c.batch, SHAPE);
    return nriBatch(sample.trajectories, { count: c.batch, ...SHAPE, features: 2 });
  });
  const theirs: Record<string, number[]> = {};
  const timePeer = () => {
    if (peer === null) return;
    for (const [variant, ms] of Object.entries(runPeer(peer, c.peer, c.rounds))) {
      theirs[variant] = [...(theirs[variant] ?? []), ...ms];
    }
  };
  timePeer();
  const result = await benchParallelSteps({
    label: c.label,
    model: () =>
      new NriModel({ ...SHAPE, ...c.model, latent: 'spanning-tree', temperature: 0.5, seed: 1 }),
    slice: (batch, start, count) => sliceBatch(batch, SHAPE.nodes, start, count),
    batches,
    learningRate: 1e-3,
    rounds: c.rounds,
    workers: WORKERS,
  });
  timePeer();
  if (result !== null) {
    for (const [variant, ms] of Object.entries(theirs)) {
      const t = median(ms);
      console.log(
        `  official PyTorch step (${c.peer}, ${variant}, 2 threads, ${ms.length} rounds before and after): ${t.toFixed(1)} ms → ours with ${WORKERS} workers takes ${(result.workersMs / t).toFixed(2)}× its time, in-process ${(result.oneMs / t).toFixed(2)}×`,
      );
    }
  }
  for (const b of batches) {
    b.encoderInput.dispose();
    b.frames.dispose();
  }
}

export async function benchParallel(): Promise<void> {
  const backend = await selectBackend('wasm');
  const found = findPeer();
  const peer = 'script' in found ? found.script : null;
  console.log(
    `data-parallel training steps (spanning tree, n = 10, T = 10) on ${backend}, ${availableParallelism()} cores; 1 = in-process, ${WORKERS} = worker threads; alternating rounds, medians (load ${load()}):`,
  );
  console.log('script' in found ? `PyTorch peer: ${found.script}` : found.skipped);
  console.log(parallelStepsHeader('case', WORKERS));
  const only = process.env.NRI_BENCH_PARALLEL_CASES;
  for (const c of CASES) {
    if (only !== undefined && !only.split(',').some((word) => c.label.startsWith(word))) continue;
    await runCase(c, peer);
  }
  console.log(`(load after: ${load()})`);
}
