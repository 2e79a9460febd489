// Produces the ListOps page's model: the arc scorer model-files/listops-arborescence.onnx, the
// value graph model-files/listops-arborescence-value.onnx and their card
// model-files/listops-arborescence.json. Run from anywhere:
//   node apps/demo/build/make-listops-model.mjs [--run DIR]
// It runs, with the repository's `sst` (tooling/run-sst.mjs, which builds the CLI first):
//   sst train listops --latent arborescence --seed 0 --out DIR   (the CPU configuration, 2000
//       steps; skipped when DIR already holds its step-2000 checkpoint)
//   sst eval listops --checkpoint DIR --json                      (the test split's metrics)
//   sst export listops --checkpoint DIR --out apps/demo/model-files/listops-arborescence.onnx
// and writes the value graph with @sst-tricks/onnx-export's exportListOpsValueCheckpoint (the
// GNN + readout after the parse; no CLI command writes it), then the card: file sizes and
// SHA-256, the vocabulary, the commands and the checkpoint's test metrics. The models are
// committed (≈ 0.1 MB together): training takes minutes, the site's build seconds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const demo = join(import.meta.dirname, '..');
const root = join(demo, '..', '..');
const STEPS = 2000;
const TRAIN = ['train', 'listops', '--latent', 'arborescence', '--seed', '0'];
const files = join(demo, 'model-files');
const scorer = join(files, 'listops-arborescence.onnx');
const value = join(files, 'listops-arborescence-value.onnx');
const cardPath = join(files, 'listops-arborescence.json');

const runIndex = process.argv.indexOf('--run');
const run = runIndex > 0 ? process.argv[runIndex + 1] : join(root, 'runs', 'demo-listops');
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
if (!existsSync(lastCheckpoint)) sst([...TRAIN, '--out', run]);
const test = JSON.parse(sst(['eval', 'listops', '--checkpoint', run, '--json'], 'pipe'));
sst(['export', 'listops', '--checkpoint', run, '--out', scorer]);
// The built packages exist: run-sst built the CLI and its dependencies.
const { exportListOpsValueCheckpoint } = await import('@sst-tricks/onnx-export');
const { readCheckpoint } = await import('@sst-tricks/training');
const { checkListOpsMetadata, loadSplits, VOCABULARY } = await import('@sst-tricks/listops-parser');
const meta = checkListOpsMetadata(readCheckpoint(run).manifest.metadata, run);
writeFileSync(value, exportListOpsValueCheckpoint(readCheckpoint(run)).bytes);

const describe = (path) => {
  const bytes = readFileSync(path);
  return {
    file: relative(files, path),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
};
const card = {
  scorer: {
    ...describe(scorer),
    inputs: ['token_ids', 'lengths'],
    output: 'arc_scores',
    structure: { name: 'arborescence', root: 0, rootMode: 'multi', lengthsInput: 'lengths' },
  },
  value: { ...describe(value), inputs: ['token_ids', 'lengths', 'heads'], output: 'value_logits' },
  vocabulary: VOCABULARY,
  commands: [
    `sst ${[...TRAIN, '--out', 'RUN'].join(' ')}`,
    `sst export listops --checkpoint RUN --out ${relative(root, scorer)}`,
    `exportListOpsValueCheckpoint(readCheckpoint(RUN)) → ${relative(root, value)}`,
  ],
  test: {
    step: test.step,
    metrics: test.metrics,
    items: loadSplits(meta.data).test.length,
    what: 'sst eval listops on the run: its test split, hard parses (no noise)',
  },
};
writeFileSync(cardPath, `${JSON.stringify(card, null, 2)}\n`);
console.log(
  `${relative(root, scorer)}: ${card.scorer.bytes} B, ${relative(root, value)}: ${card.value.bytes} B; test accuracy ${test.metrics.accuracy}, arc precision ${test.metrics.arcPrecision}`,
);
