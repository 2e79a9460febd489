// Data generation throughput: samples/s of each source, each against a baseline measured in the
// same run — the direct (numpy-transcription) FR step and springs loop — plus the FR steps alone
// and the dataset file's write and read speed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomGenerator } from '@sst-tricks/sst-core';
import {
  createLayoutScratch,
  fruchtermanReingoldStepInPlace,
  generateGraphLayout,
  generateParticles,
  openDataset,
  sampleGraphLayout,
  writeDataset,
} from '../src/index.js';
import { naiveFruchtermanReingoldStep, naiveSpringsStep } from './naive.js';

/**
 * Seconds per call of each of `runs`, median over `rounds`; the runs alternate within every
 * round so drift (JIT, GC, a busy neighbour) hits them alike. One warm-up round first.
 */
function timeAll(runs: readonly (() => void)[], calls: number, rounds = 7): number[] {
  const samples = runs.map(() => [] as number[]);
  for (let r = -1; r < rounds; r++) {
    runs.forEach((run, k) => {
      const start = performance.now();
      for (let i = 0; i < calls; i++) run();
      if (r >= 0) samples[k].push((performance.now() - start) / 1000 / calls);
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(rounds / 2)]);
}

const rate = (secondsPerSample: number) => Math.round(1 / secondsPerSample).toLocaleString('en');

function benchGraphLayout(): void {
  const n = 10;
  const frames = 10;
  const batch = 1000;
  // Baseline: identical draws and tree, then the direct FR step on nested arrays.
  const naive = () => {
    for (let s = 0; s < batch; s++) {
      const one = sampleGraphLayout(new RandomGenerator(s), { nodes: n, frames: 1 });
      const adjacency = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      let e = 0;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++, e++) adjacency[i][j] = adjacency[j][i] = one.tree[e];
      let pos = Array.from({ length: n }, (_, i) => [one.initial[2 * i], one.initial[2 * i + 1]]);
      for (let t = 0; t < frames; t++) pos = naiveFruchtermanReingoldStep(pos, adjacency);
    }
  };
  const positions = new Float64Array(2 * n);
  const tree = sampleGraphLayout(new RandomGenerator(1), { nodes: n, frames: 1 }).tree;
  const scratch = createLayoutScratch(n);
  const stepsAlone = () => {
    for (let s = 0; s < batch; s++) {
      for (let c = 0; c < 2 * n; c++) positions[c] = Math.sin(c + s);
      for (let t = 0; t < frames; t++) fruchtermanReingoldStepInPlace(positions, tree, scratch);
    }
  };
  const [ours, alone, baseline] = timeAll(
    [() => generateGraphLayout(1, 'train', 0, batch), stepsAlone, naive],
    5,
  ).map((s) => s / batch);
  console.log(`graph layout, n = ${n}, T = ${frames} (batches of ${batch}):`);
  console.log(`  generateGraphLayout        ${rate(ours)} samples/s`);
  console.log(`  its ${frames} FR steps alone     ${rate(alone)} samples/s`);
  console.log(
    `  baseline (direct FR step)  ${rate(baseline)} samples/s   → ours ${(baseline / ours).toFixed(1)}× faster`,
  );
}

function benchSprings(): void {
  const batch = 20;
  const [ours, charged] = timeAll(
    [
      () => generateParticles('springs', 1, 'train', 0, batch),
      () => generateParticles('charged', 1, 'train', 0, batch),
    ],
    5,
  ).map((s) => s / batch);
  // Baseline: the direct transcription of the reference loop, 4900 steps per trajectory.
  const edges = [
    [0, 1, 0, 0, 1],
    [1, 0, 1, 0, 0],
    [0, 1, 0, 1, 0],
    [0, 0, 1, 0, 1],
    [1, 0, 0, 1, 0],
  ];
  const baseline =
    timeAll(
      [
        () => {
          for (let s = 0; s < batch; s++) {
            const loc = [
              [0.1, 0.2, -0.3, 0.4, 0],
              [0, -0.1, 0.2, 0.3, -0.4],
            ];
            const vel = [
              [0.5, 0, -0.5, 0, 0.3],
              [0, 0.5, 0, -0.5, 0.4],
            ];
            for (let step = 0; step < 4900; step++)
              naiveSpringsStep(loc, vel, edges, 0.1, 0.001, 5);
          }
        },
      ],
      1,
    )[0] / batch;
  console.log('springs / charged, n = 5, 49 frames = 4900 steps (batches of 20):');
  console.log(`  springs                    ${rate(ours)} samples/s`);
  console.log(`  charged                    ${rate(charged)} samples/s`);
  console.log(
    `  baseline (direct springs)  ${rate(baseline)} samples/s   → ours ${(baseline / ours).toFixed(1)}× faster`,
  );
}

async function benchFiles(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'nri-bench-'));
  try {
    const path = join(dir, 'train.bin');
    const count = 50_000;
    let start = performance.now();
    const { bytes } = await writeDataset(path, {
      kind: 'graph-layout',
      split: 'train',
      seed: 1,
      count,
    });
    const write = (performance.now() - start) / 1000;
    start = performance.now();
    const reader = await openDataset(path);
    let read = 0;
    for await (const batch of reader.batches(128)) read += batch.count;
    await reader.close();
    const load = (performance.now() - start) / 1000;
    const mb = bytes / 2 ** 20;
    console.log(
      `dataset file, graph layout n = 10, T = 10, ${count.toLocaleString('en')} samples (${mb.toFixed(1)} MiB):`,
    );
    console.log(
      `  generate + write           ${write.toFixed(2)} s (${rate(write / count)} samples/s)`,
    );
    console.log(
      `  open (CRC pass) + read ${read === count ? 'all' : read} in batches of 128: ${load.toFixed(2)} s (${(mb / load).toFixed(0)} MiB/s)`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchData(): Promise<void> {
  benchGraphLayout();
  console.log();
  benchSprings();
  console.log();
  await benchFiles();
}
