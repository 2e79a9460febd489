// Produces the L2X page's models: model-files/l2x-aroma.onnx (the explainer),
// model-files/l2x-aroma-predictor.onnx (the rating predictor) and their card
// model-files/l2x-aroma.json. Run from anywhere:
//   node apps/demo/build/make-l2x-model.mjs [--run DIR]
// It runs, with the repository's `sst` (tooling/run-sst.mjs, which builds the CLI first):
//   sst data l2x --out <tmp>                                   (synthetic reviews, seed 0)
//   sst train l2x --aspect aroma --k 10 --relaxation correlated-top-k --hidden 32 --steps 600
//       --seed 0 --data-dir <tmp> --out DIR                   (skipped when DIR has step 600)
//   sst eval l2x --checkpoint DIR --data-dir <tmp>             (test MSE and subset precision)
//   sst export l2x --checkpoint DIR --out …/l2x-aroma.onnx [--predictor → …-predictor.onnx]
//   sst explain --checkpoint DIR --json "<the page's example review>"
// and writes the card: sizes and SHA-256 of both files, the structure, k, the training length,
// the vocabulary (the page tokenises in the browser, where it cannot read ONNX metadata), the
// commands, the test metrics and `sst explain`'s rating and words for the example (the browser
// test's oracle for the rating, from the checkpoint in tfjs). Width 32 keeps both files small
// (≈ 0.15 MB together); they are committed rather than built by the demo's build (training
// takes minutes).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const demo = join(import.meta.dirname, '..');
const root = join(demo, '..', '..');
const STEPS = 600;
const TRAIN = [
  'train',
  'l2x',
  '--aspect',
  'aroma',
  '--k',
  '10',
  '--relaxation',
  'correlated-top-k',
  '--hidden',
  '32',
  '--steps',
  String(STEPS),
  '--seed',
  '0',
];
const EXAMPLE_REVIEW =
  'pours a hazy amber with a thin head . the aroma is not very inviting , a bit of caramel but mostly stale hops . taste is sweet and watery . overall a weak beer .';
const explainer = join(demo, 'model-files', 'l2x-aroma.onnx');
const predictor = join(demo, 'model-files', 'l2x-aroma-predictor.onnx');
const cardPath = join(demo, 'model-files', 'l2x-aroma.json');

const runIndex = process.argv.indexOf('--run');
const run = runIndex > 0 ? process.argv[runIndex + 1] : join(root, 'runs', 'demo-l2x');
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

const file = (path) => {
  const bytes = readFileSync(path);
  return {
    file: relative(join(demo, 'model-files'), path),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
};

const data = mkdtempSync(join(tmpdir(), 'sst-demo-l2x-'));
try {
  sst(['data', 'l2x', '--out', data]);
  const lastCheckpoint = join(run, `step-${String(STEPS).padStart(9, '0')}.json`);
  if (!existsSync(lastCheckpoint)) sst([...TRAIN, '--data-dir', data, '--out', run]);
  const metrics = JSON.parse(sst(['eval', 'l2x', '--checkpoint', run, '--data-dir', data], 'pipe'));
  sst(['export', 'l2x', '--checkpoint', run, '--out', explainer]);
  sst(['export', 'l2x', '--checkpoint', run, '--out', predictor, '--predictor']);
  const example = JSON.parse(
    sst(['explain', '--checkpoint', run, '--json', EXAMPLE_REVIEW], 'pipe'),
  );
  // The vocabulary and configuration, as the file's own metadata holds them.
  const { readModelMetadata } = await import('@sst-tricks/onnx-export');
  const meta = readModelMetadata(new Uint8Array(readFileSync(explainer)), explainer);
  const card = {
    explainer: file(explainer),
    predictor: file(predictor),
    model: { kind: meta.modelKind, latent: meta.latent, structure: meta.structure },
    aspect: meta.training.aspect,
    k: meta.structure.k,
    maxLength: meta.training.maxLength,
    vocabulary: meta.vocabulary,
    commands: [
      'sst data l2x --out DATA',
      `sst ${[...TRAIN, '--data-dir', 'DATA', '--out', 'RUN'].join(' ')}`,
      `sst export l2x --checkpoint RUN --out ${relative(root, explainer)}`,
      `sst export l2x --checkpoint RUN --out ${relative(root, predictor)} --predictor`,
    ],
    metrics: {
      mse: metrics.mse,
      precision: metrics.precision,
      what: 'sst eval l2x on the 1000 annotated synthetic test reviews (hard selection, padded to the training length)',
    },
    example: {
      text: EXAMPLE_REVIEW,
      tokens: example.tokens,
      selected: example.selected,
      rating: example.rating,
      what: 'sst explain --json on the checkpoint (tfjs): the review at its own length',
    },
  };
  writeFileSync(cardPath, `${JSON.stringify(card, null, 2)}\n`);
  // In the repository's JSON style (biome), so that a rebuild leaves no formatting diff.
  spawnSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', cardPath], {
    stdio: 'ignore',
  });
  console.log(
    `${relative(root, explainer)} ${(card.explainer.bytes / 1024).toFixed(0)} KB + predictor ${(card.predictor.bytes / 1024).toFixed(0)} KB; test precision ${metrics.precision.toFixed(4)}, mse ${metrics.mse.toFixed(4)}`,
  );
} finally {
  rmSync(data, { recursive: true, force: true });
}
