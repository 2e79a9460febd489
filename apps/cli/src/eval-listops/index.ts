// `sst eval listops --checkpoint DIR|FILE`: rebuilds the model from the checkpoint's metadata,
// restores its weights and evaluates it (hard latent graphs, no noise) on the run's test split
// (or --split valid, which reproduces the run's own evaluation at that step).
import { evaluationBatches, loadSplits } from '@sst-tricks/listops-parser';
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { oneOf, parseFlags } from '../flags.js';
import { readListOpsCheckpoint, restoredModel } from '../train-listops/checkpoint.js';
import { listOpsTable } from '../train-listops/table.js';
import { BACKENDS } from '../train-nri/parse-args.js';

const NAME = 'sst eval listops';

export function evalListOpsHelp(): string {
  return `usage: sst eval listops --checkpoint DIR|FILE [--split test|valid] [--json] [--backend wasm|cpu]

Evaluates a checkpoint of "sst train listops" (a manifest step-*.json or a run directory: its
newest checkpoint) on its data's test split (default) or validation split: accuracy, arc
precision and recall against the gold parse, exact-parse rate, cross-entropy (--json: one JSON
line {step, split, elapsedSeconds, metrics}).`;
}

export async function evalListOps(args: string[], io: CliIo): Promise<number> {
  try {
    const { help, values } = parseFlags(args, ['--checkpoint', '--split', '--backend'], ['--json']);
    if (help) {
      io.stdout(`${evalListOpsHelp()}\n`);
      return 0;
    }
    const path = values.get('--checkpoint');
    if (path === undefined) throw new CliError('--checkpoint is required (see --help)');
    const split = oneOf('--split', values.get('--split') ?? 'test', ['test', 'valid'] as const);
    const backendFlag = values.get('--backend');
    const backend =
      backendFlag === undefined ? undefined : oneOf('--backend', backendFlag, BACKENDS);
    const { checkpoint, meta } = readListOpsCheckpoint(path);
    await selectBackend(backend);
    const model = restoredModel(checkpoint, meta);
    let examples: ReturnType<typeof loadSplits>['test'];
    try {
      examples = loadSplits(meta.data)[split];
    } catch (error) {
      if (error instanceof Error && 'problem' in error) throw new CliError(error.message, 1);
      throw error;
    }
    const metrics = await model.evaluate(evaluationBatches(examples, meta.batchSize), {
      step: checkpoint.manifest.step,
      generator: new RandomGenerator(0),
      training: false,
    });
    model.dispose();
    io.stderr(
      `${NAME}: ${checkpoint.path} (${meta.latent}, step ${checkpoint.manifest.step}, ${examples.length} ${split} examples)\n`,
    );
    if (values.has('--json')) {
      const { step, progress } = checkpoint.manifest;
      io.stdout(
        `${JSON.stringify({ step, split, elapsedSeconds: progress.elapsedSeconds, metrics })}\n`,
      );
      return 0;
    }
    io.stdout(
      listOpsTable([
        {
          step: checkpoint.manifest.step,
          metrics,
          wallSeconds: checkpoint.manifest.progress.elapsedSeconds,
        },
      ]),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
}
