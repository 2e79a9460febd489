// `bench peers`: our solvers on exactly the shapes of ../shared/peers/time_official.py (batch 128),
// alternating rounds with the official PyTorch code when /usr/bin/python3 has torch, and the
// ratio of the medians. The official code is only run, never imported or copied.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arborescenceMarginalsAndVjp } from '../src/arborescence/marginals.js';
import { kSubsetMarginalsAndVjp } from '../src/k-subset/vjp.js';
import { denseKernelKind, setDenseKernels } from '../src/linalg/dense.js';
import { kruskalArgmax, spanningTreeMarginalsAndVjp } from '../src/spanning-tree/index.js';
import { seededUniform } from '../src/testing/random.js';
import { edgeCount } from '../src/validate.js';
import { time } from './harness.js';
import { measurePeak } from './peak.js';

const BATCH = 128;
const PYTHON = '/usr/bin/python3';

/** Seeded standard normals (Box–Muller on mulberry32): the official script's input distribution. */
function normals(length: number, seed: number, scale: number): Float64Array {
  const next = seededUniform(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const phi = 2 * Math.PI * next();
    out[i] = scale * r * Math.cos(phi);
    if (i + 1 < length) out[i + 1] = scale * r * Math.sin(phi);
  }
  return out;
}

/** One of our timed cases; `official` names the time_official.py key it is compared with. */
export interface PeerCase {
  label: string;
  official: string | null;
  run: () => unknown;
  /** Nominal float64 flops of the dense kernels per call (null: not a dense-kernel case). */
  flops: number | null;
}

function treeCase(n: number, threads = 1): PeerCase {
  const m = edgeCount(n);
  const scores = normals(BATCH * m, 100 + n, 2);
  const g = normals(BATCH * m, 200 + n, 1);
  return {
    label: `spanning tree n = ${n}, marginals + VJP (maxRange 15)${threads > 1 ? `, threads ${threads}` : ''}`,
    official: `tree_n${n}_f64`,
    run: () => spanningTreeMarginalsAndVjp(scores, n, g, { maxRange: 15, threads }),
    // Cholesky N³/3, triangular inverse N³/3, its Gram N³/3, M·G 2N³, (MG)·M upper half N³.
    flops: BATCH * 4 * (n - 1) ** 3,
  };
}

export function peerCases(): PeerCase[] {
  const kScores = normals(BATCH * 45, 300, 1.5);
  const kG = normals(BATCH * 45, 301, 1);
  const kruskal = normals(BATCH * edgeCount(10), 400, 1);
  const n = 50;
  const arbScores = normals(BATCH * n * n, 500, 1);
  const arbG = normals(BATCH * n * n, 501, 1);
  const arbOut = {
    marginals: new Float64Array(BATCH * n * n),
    logZ: new Float64Array(BATCH),
    vjp: new Float64Array(BATCH * n * n),
  };
  return [
    treeCase(10),
    treeCase(50),
    {
      label: 'k-subset (45, 9), marginals + VJP',
      official: 'topk_45_9_f64',
      run: () => kSubsetMarginalsAndVjp(kScores, 45, 9, kG),
      flops: null,
    },
    {
      label: 'Kruskal n = 10',
      official: 'kruskal_n10',
      run: () => kruskalArgmax(kruskal, 10),
      flops: null,
    },
    {
      // Not in time_official.py: the ListOps shape (multi-root, root known), compared with the
      // optional ListOps timer ($SST_LISTOPS_PEER, see the README): N = 49 non-root nodes.
      label: 'arborescence n = 50 multi-root, marginals + VJP',
      official: 'listops_multi_N49_f64',
      run: () => arborescenceMarginalsAndVjp(arbScores, n, arbG),
      // LU 2N³/3, inverse 4N³/3, two products 2N³ each.
      flops: BATCH * 6 * (n - 1) ** 3,
    },
    {
      // The same call writing into caller-owned buffers (options.out), as a training loop would.
      label: 'arborescence n = 50 multi-root, marginals + VJP, out buffers',
      official: 'listops_multi_N49_f64',
      run: () => arborescenceMarginalsAndVjp(arbScores, n, arbG, { out: arbOut }),
      flops: BATCH * 6 * (n - 1) ** 3,
    },
    // The optional batch split over two threads (Node worker threads; see the README).
    treeCase(50, 2),
    {
      label: 'arborescence n = 50 multi-root, marginals + VJP, threads 2',
      official: 'listops_multi_N49_f64',
      run: () => arborescenceMarginalsAndVjp(arbScores, n, arbG, { threads: 2 }),
      flops: BATCH * 6 * (n - 1) ** 3,
    },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

/** The official timer's path: $SST_PEERS_DIR or ../shared/peers beside the repository. */
function officialScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist-bench/bench → package → packages → repo root
  const repo = resolve(here, '../../../..');
  const dir = process.env.SST_PEERS_DIR ?? resolve(repo, '../shared/peers');
  return resolve(dir, 'time_official.py');
}

/** Whether the official timer can run here, or why not. */
function officialAvailable(script: string): string | null {
  if (!existsSync(script)) return `${script} not found`;
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return `${PYTHON} has no torch (apt-get install -y python3-torch)`;
  return null;
}

/**
 * The optional ListOps arborescence timer: $SST_LISTOPS_PEER names a Python script (kept outside
 * this repository, since it re-implements the ListOps code's computation) printing one JSON line
 * with keys listops_multi_N49 and listops_multi_N49_f64; null when unset or unusable.
 */
function listopsScript(): string | null {
  const path = process.env.SST_LISTOPS_PEER;
  return path !== undefined && path !== '' && existsSync(path) ? path : null;
}

function runOfficial(script: string): Record<string, number> {
  const res = spawnSync(PYTHON, [script], {
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '2', OMP_WAIT_POLICY: 'PASSIVE' },
    maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`official timer failed: ${res.stderr}`);
  const last = res.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Record<string, number>;
}

export async function benchPeers(): Promise<void> {
  const rounds = Number(process.env.PEER_ROUNDS ?? 3);
  const forced = process.env.SST_SOLVERS_KERNELS;
  if (forced === 'js' || forced === 'wasm-simd') setDenseKernels(forced);
  console.log(`dense kernels: ${denseKernelKind()} (SST_SOLVERS_KERNELS=js forces the JS path)`);
  const peak = await measurePeak();
  const cases = peerCases();
  const script = officialScript();
  const missing = officialAvailable(script);
  if (missing !== null) console.log(`official timer skipped: ${missing}`);
  const listops = listopsScript();
  console.log(
    listops === null
      ? 'ListOps arborescence timer skipped: set SST_LISTOPS_PEER to its script (README)'
      : `ListOps arborescence timer: ${listops}`,
  );
  const ours: number[][] = cases.map(() => []);
  const theirs: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    cases.forEach((c, i) => {
      ours[i]?.push(time(c.label, c.run, { rounds: 5, roundMs: 100 }).ms);
    });
    if (missing === null) {
      const results = { ...runOfficial(script), ...(listops === null ? {} : runOfficial(listops)) };
      for (const [key, ms] of Object.entries(results)) {
        theirs[key] ??= [];
        theirs[key].push(ms);
      }
    }
    console.log(`round ${r + 1}/${rounds} done`);
  }
  console.log(`\nmedian ms per call over ${rounds} alternating rounds, batch ${BATCH}`);
  for (const [i, c] of cases.entries()) {
    const our = median(ours[i] as number[]);
    const key = c.official;
    const peer = key !== null && theirs[key] ? median(theirs[key]) : Number.NaN;
    const peer32 =
      key !== null && theirs[key.replace('_f64', '')]
        ? median(theirs[key.replace('_f64', '')] as number[])
        : Number.NaN;
    const cells = [`${c.label}: ours ${our.toFixed(3)} ms`];
    if (c.flops !== null) cells.push(`${(c.flops / our / 1e6).toFixed(2)} GFLOP/s`);
    if (!Number.isNaN(peer))
      cells.push(`official ${key} ${peer.toFixed(2)} ms (${(peer / our).toFixed(1)}× ours)`);
    if (key?.endsWith('_f64') && !Number.isNaN(peer32)) {
      cells.push(`official float32 ${peer32.toFixed(2)} ms (${(peer32 / our).toFixed(1)}×)`);
    }
    console.log(cells.join('; '));
  }
  if (peak !== null) {
    console.log(
      `float64 peak (WebAssembly f64x2 multiply-add microkernel): ${peak.one.toFixed(2)} GFLOP/s ` +
        `on one core, ${peak.all.toFixed(2)} GFLOP/s on ${peak.threads} threads at once`,
    );
  }
  if (listops === null) {
    console.log(
      'arborescence: time_official.py has no arborescence; issue 17 quotes the ListOps code ' +
        '(nonprojective_soft_multi + autograd, float32) at 14–20 ms on this machine.',
    );
  }
}
