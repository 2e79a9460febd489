// `sst eval l2x --checkpoint P`: test MSE and subset precision of a trained L2X checkpoint on the
// annotated test reviews it was trained against (the synthetic ones or its data directory's),
// with the hard selection; equals the training run's final evaluation.
import {
  aspectIndex,
  encodeReviews,
  evaluationBatches,
  readDataDirectory,
  syntheticReviews,
} from '@sst-tricks/l2x';
import { selectBackend } from '@sst-tricks/sst-core';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { oneOf, parseFlags } from '../flags.js';
import { BACKENDS } from '../train-nri/parse-args.js';
import { loadL2xCheckpoint } from './load-model.js';

const NAME = 'sst eval l2x';

export function evalL2xHelp(): string {
  return `usage: sst eval l2x --checkpoint DIR|FILE [--data-dir DIR] [--backend wasm|cpu]

Prints {"mse", "precision"} of a checkpoint written by "sst train l2x" on the annotated test
reviews (annotations.json of --data-dir, else the data the run was trained with).`;
}

export async function evalL2x(args: string[], io: CliIo): Promise<number> {
  try {
    const { help, values } = parseFlags(args, ['--checkpoint', '--data-dir', '--backend']);
    if (help) {
      io.stdout(`${evalL2xHelp()}\n`);
      return 0;
    }
    const path = values.get('--checkpoint');
    if (path === undefined) throw new CliError('--checkpoint is required (see --help)');
    const backend = values.get('--backend');
    await selectBackend(backend === undefined ? undefined : oneOf('--backend', backend, BACKENDS));
    const { model, vocabulary, meta, checkpoint } = loadL2xCheckpoint(path);
    const dir =
      values.get('--data-dir') ?? (meta.data.kind === 'directory' ? meta.data.path : undefined);
    let test: ReturnType<typeof syntheticReviews>;
    try {
      test =
        dir === undefined
          ? syntheticReviews(meta.data.seed ?? 0, 'test', 500)
          : [...readDataDirectory(dir).test];
    } catch (error) {
      throw new CliError((error as Error).message, 1);
    }
    const set = encodeReviews(test, vocabulary, aspectIndex(meta.aspect), meta.maxLength);
    const metrics = await model.evaluate(evaluationBatches(set, 256)());
    model.dispose();
    io.stderr(
      `${NAME}: ${checkpoint.path} (${meta.aspect}, ${meta.relaxation}, k ${meta.k}, step ${checkpoint.manifest.step}, ${test.length} test reviews)\n`,
    );
    io.stdout(`${JSON.stringify({ step: checkpoint.manifest.step, ...metrics })}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
}
