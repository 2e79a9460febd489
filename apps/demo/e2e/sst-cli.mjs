// The repository's `sst` command (tooling/run-sst.mjs builds the CLI first, cached by turbo),
// used by the browser tests as the independent oracle of the model pages: the same ONNX file and
// the same inputs through onnxruntime-node and the CLI's own solvers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoot } from './harness.mjs';

const repoRoot = join(appRoot, '..', '..');

/** Runs `sst ARGS…` and returns its stdout; throws with its stderr if it fails. */
export function sst(args) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'tooling', 'run-sst.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0)
    throw new Error(`sst ${args.join(' ')} exited with ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

/**
 * `sst infer MODEL --scores` on samples 0 … count − 1 of `sst data nri --split test --seed SEED`:
 * per sample, the tree's edges and the raw edge logits.
 */
export function cliNriTrees(model, seed, count) {
  const dir = mkdtempSync(join(tmpdir(), 'sst-demo-e2e-'));
  try {
    sst([
      'data',
      'nri',
      '--split',
      'test',
      '--seed',
      String(seed),
      '--count',
      String(count),
      '--out',
      dir,
    ]);
    const out = JSON.parse(
      sst(['infer', model, '--input', join(dir, 'nri-graph-layout-test.bin'), '--scores']),
    );
    return out.results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `sst infer MODEL --pad review` on review texts: per review, the selected indices and words. */
export function cliL2xSelections(model, texts) {
  const dir = mkdtempSync(join(tmpdir(), 'sst-demo-e2e-l2x-'));
  try {
    const input = join(dir, 'reviews.json');
    writeFileSync(input, JSON.stringify({ reviews: texts }));
    return JSON.parse(sst(['infer', model, '--input', input, '--pad', 'review'])).results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `sst infer MODEL --scores` on ListOps expressions (a JSON list): per expression, its tokens,
 * the parse heads and the raw length × length arc scores.
 */
export function cliListOpsParses(model, expressions) {
  const dir = mkdtempSync(join(tmpdir(), 'sst-demo-e2e-listops-'));
  try {
    const input = join(dir, 'expressions.json');
    writeFileSync(input, JSON.stringify(expressions));
    return JSON.parse(sst(['infer', model, '--input', input, '--scores'])).results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
