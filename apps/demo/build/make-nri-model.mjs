// Produces the NRI page's model: model-files/nri-spanning-tree.onnx and its model card
// model-files/nri-spanning-tree.json. Run from anywhere:
//   node apps/demo/build/make-nri-model.mjs [--run DIR]
// It runs, with the repository's `sst` (tooling/run-sst.mjs, which builds the CLI first):
//   sst train nri --latent spanning-tree --steps 1000 --eval-every 250 --seed 0 --workers 2 --out DIR
//       (skipped when DIR already holds its step-1000 checkpoint)
//   sst export nri --checkpoint DIR --out apps/demo/model-files/nri-spanning-tree.onnx
//   sst data nri --split test --count 1000 --seed 1 --out <tmp>
//   sst infer apps/demo/model-files/nri-spanning-tree.onnx --input <tmp>/nri-graph-layout-test.bin
// and writes the card: file size and SHA-256, the structure, the commands, the training run's
// own validation precision and the noise-free precision of `sst infer` on those 1000 test
// trajectories (the page's seed, samples 0–999). The model is committed (≈ 0.2 MB) rather than
// built by the demo's build: training takes minutes, the build seconds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const demo = join(import.meta.dirname, '..');
const root = join(demo, '..', '..');
const STEPS = 1000;
const TRAIN = ['train', 'nri', '--latent', 'spanning-tree', '--steps', String(STEPS)];
// Two workers, as here: the worker count changes float rounding, so it is pinned with the seed.
const TRAIN_REST = ['--eval-every', '250', '--seed', '0', '--workers', '2'];
const TEST = { seed: 1, count: 1000 };
const model = join(demo, 'model-files', 'nri-spanning-tree.onnx');
const cardPath = join(demo, 'model-files', 'nri-spanning-tree.json');

const runIndex = process.argv.indexOf('--run');
const run = runIndex > 0 ? process.argv[runIndex + 1] : join(root, 'runs', 'demo-nri');
if (run === undefined) throw new Error('--run needs a directory');

function sst(args, stdio = 'inherit') {
  const result = spawnSync(process.execPath, [join(root, 'tooling', 'run-sst.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', stdio === 'inherit' ? 'inherit' : 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`sst ${args.join(' ')} exited with ${result.status}`);
  return result.stdout;
}

const lastCheckpoint = join(run, `step-${String(STEPS).padStart(9, '0')}.json`);
if (!existsSync(lastCheckpoint)) sst([...TRAIN, ...TRAIN_REST, '--out', run]);
const evalTable = sst(['eval', 'nri', '--checkpoint', run], 'pipe');
// The table: a header line (step ELBO NLL KL precision recall steps/s wall time), then one row.
const [header, row] = evalTable
  .trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/));
const validation = Number(row[header.indexOf('precision')]);
if (!Number.isFinite(validation)) throw new Error(`cannot read the precision of:\n${evalTable}`);
sst(['export', 'nri', '--checkpoint', run, '--out', model]);

const data = mkdtempSync(join(tmpdir(), 'sst-demo-nri-'));
try {
  sst([
    'data',
    'nri',
    '--split',
    'test',
    '--count',
    String(TEST.count),
    '--seed',
    String(TEST.seed),
    '--out',
    data,
  ]);
  const dataset = join(data, 'nri-graph-layout-test.bin');
  const inferred = JSON.parse(sst(['infer', model, '--input', dataset], 'pipe'));
  // The true trees, read with @sst-tricks/nri's reader (its build exists: run-sst built the CLI).
  const { readDatasetBatches } = await import('@sst-tricks/nri');
  let right = 0;
  let total = 0;
  let item = 0;
  for await (const batch of readDatasetBatches(dataset, 256)) {
    const n = batch.nodes;
    const m = (n * (n - 1)) / 2;
    for (let b = 0; b < batch.count; b++, item++) {
      for (const [i, j] of inferred.results[item].edges) {
        const e = i * n - (i * (i + 1)) / 2 + (j - i - 1);
        right += batch.edges[b * m + e];
        total++;
      }
    }
  }
  const bytes = readFileSync(model);
  const card = {
    file: 'nri-spanning-tree.onnx',
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    model: inferred.model,
    input: { name: 'trajectories', frames: 10, nodes: 10, features: 2 },
    output: { name: 'edge_logits' },
    commands: [
      `sst ${[...TRAIN, ...TRAIN_REST, '--out', 'RUN'].join(' ')}`,
      `sst export nri --checkpoint RUN --out ${relative(root, model)}`,
    ],
    precision: {
      validation: {
        value: validation,
        what: 'sst eval nri on the run: its 128 validation graphs, Gumbel-noised hard samples',
      },
      test: {
        value: right / total,
        what: `sst infer (noise-free Kruskal) on sst data nri --split test --seed ${TEST.seed}, samples 0–${TEST.count - 1}`,
        items: item,
      },
    },
  };
  writeFileSync(cardPath, `${JSON.stringify(card, null, 2)}\n`);
  console.log(
    `${relative(root, model)}: ${(bytes.length / 1024).toFixed(0)} KB; test precision ${(right / total).toFixed(4)} on ${item} trajectories, validation ${validation}`,
  );
} finally {
  rmSync(data, { recursive: true, force: true });
}
