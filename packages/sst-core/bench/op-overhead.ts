// Op overhead: forward + backward of a relaxation through tfjs (tf.grads with a given cotangent,
// i.e. one customGrad op: dataSync, float64 conversion, solver, tensor creation, then the
// backward's dataSync, VJP and tensor) against the bare float64 solver on the same data. The
// issue's target: ≤ 25 % over the raw solver at batch 128 of n = 10 spanning trees.
import {
  kSubsetMarginals,
  kSubsetMarginalsAndVjp,
  kSubsetVjp,
  spanningTreeMarginals,
  spanningTreeMarginalsAndVjp,
  spanningTreeVjp,
} from '@sst-tricks/sst-solvers';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../src/backend/select-backend.js';
import { relaxedKSubset } from '../src/relaxations/k-subset.js';
import { relaxedSpanningTree } from '../src/relaxations/spanning-tree.js';

/**
 * Mean ms per call of each of `runs`, median over `rounds`; the runs alternate within every
 * round so drift (JIT, GC, a busy neighbour) hits them alike. One warm-up round first.
 */
function timeAll(runs: readonly (() => void)[], calls: number, rounds = 9): number[] {
  const samples = runs.map(() => [] as number[]);
  for (let r = -1; r < rounds; r++) {
    runs.forEach((run, k) => {
      const start = performance.now();
      for (let i = 0; i < calls; i++) run();
      if (r >= 0) samples[k].push((performance.now() - start) / calls);
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(rounds / 2)]);
}

/** Uniform(−2, 2) values, rounded to float32 so the solver and the op see the same numbers. */
function randomFloat32(length: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 4 - 2;
  }
  return out;
}

interface Problem {
  label: string;
  shape: [number, number];
  /** The relaxed op under test. */
  op(u: tf.Tensor): tf.Tensor;
  /** One combined solver call (marginals + VJP sharing a factorisation / DP pass). */
  combined(u: Float64Array, g: Float64Array): void;
  /** The two separate calls a two-phase op has to make (forward, then backward with dy). */
  separate(u: Float64Array, g: Float64Array): void;
}

const PROBLEMS: Problem[] = [
  {
    label: 'spanning tree, n = 10, batch 128',
    shape: [128, 45],
    op: (u) => relaxedSpanningTree(u, { n: 10, temperature: 1 }),
    combined: (u, g) => spanningTreeMarginalsAndVjp(u, 10, g, { temperature: 1 }),
    separate: (u, g) => {
      spanningTreeMarginals(u, 10, { temperature: 1 });
      spanningTreeVjp(u, 10, g, { temperature: 1 });
    },
  },
  {
    label: 'k-subset (45, 9), batch 128',
    shape: [128, 45],
    op: (u) => relaxedKSubset(u, { k: 9, temperature: 1 }),
    combined: (u, g) => kSubsetMarginalsAndVjp(u, 45, 9, g, { temperature: 1 }),
    separate: (u, g) => {
      kSubsetMarginals(u, 45, 9, { temperature: 1 });
      kSubsetVjp(u, 45, 9, g, { temperature: 1 });
    },
  },
];

const pct = (a: number, b: number) => `${((a / b - 1) * 100).toFixed(1)} %`;

/** Prints, per backend and problem: raw solver ms, op ms, and the overhead %. */
export async function benchOpOverhead(): Promise<void> {
  const calls = 100;
  for (const backend of ['cpu', 'wasm'] as const) {
    await selectBackend(backend);
    console.log(
      `\n### backend: ${tf.getBackend()} (ms per forward + backward, median of 9 × ${calls})`,
    );
    console.log(
      '| problem | solver combined | solver marginals, then VJP | tfjs op | op ÷ combined | op ÷ separate |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const p of PROBLEMS) {
      const size = p.shape[0] * p.shape[1];
      const u32 = randomFloat32(size, 1);
      const g32 = randomFloat32(size, 2);
      const u64 = new Float64Array(u32);
      const g64 = new Float64Array(g32);
      const u = tf.tensor(u32, p.shape);
      const dy = tf.tensor(g32, p.shape);
      const grad = tf.grads((x: tf.Tensor) => p.op(x));
      const [combined, separate, viaOp] = timeAll(
        [
          () => p.combined(u64, g64),
          () => p.separate(u64, g64),
          () => {
            const [dx] = grad([u], dy);
            dx.dataSync();
            dx.dispose();
          },
        ],
        calls,
      );
      const leaked = tf.memory().numTensors;
      tf.dispose([u, dy]);
      console.log(
        `| ${p.label} | ${combined.toFixed(3)} | ${separate.toFixed(3)} | ${viaOp.toFixed(3)} | ${pct(viaOp, combined)} | ${pct(viaOp, separate)} |`,
      );
      if (tf.memory().numTensors !== leaked - 2) throw new Error('benchOpOverhead: tensors leaked');
    }
  }
}
