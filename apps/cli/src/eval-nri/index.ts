// `sst eval nri --checkpoint DIR|FILE`: rebuilds the model from the checkpoint's metadata, restores
// its variables and evaluates it on the validation set the training run used (same seed, batch
// size and batch count give the same metrics as the run's own evaluation at that step).
import { type NriLatent, NriModel, validationBatches } from '@sst-tricks/nri';
import { RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { CheckpointError, readCheckpoint, restoreVariables } from '@sst-tricks/training';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { integer, MAX_SEED, oneOf, parseFlags } from '../flags.js';
import { BACKENDS } from '../train-nri/parse-args.js';
import { checkpointSkipFirst, nriMetadata } from '../train-nri/resume.js';
import { metricsTable } from '../train-nri/table.js';

const NAME = 'sst eval nri';
const DEFAULT_BATCHES = 4;

export function evalNriHelp(): string {
  return `usage: sst eval nri --checkpoint DIR|FILE [--batches N] [--seed S] [--backend wasm|cpu]

Rebuilds the NRI model from a checkpoint written by "sst train nri" (a manifest step-*.json, or a
run directory: its newest checkpoint), restores its weights and prints the metrics table of one
validation pass (ELBO with hard samples and one-step teacher forcing, NLL, KL, edge precision and
recall). With the defaults the numbers equal the training run's own evaluation at that step.

options:
  --checkpoint P  manifest file or run directory (required)
  --batches N     validation batches of the run's batch size (default ${DEFAULT_BATCHES}, as in training)
  --seed S        seed of the validation data and noise (default: the run's seed)
  --backend B     wasm or cpu (default: tfjs-node if installed, else wasm, else cpu)`;
}

export async function evalNri(args: string[], io: CliIo): Promise<number> {
  try {
    const { help, values } = parseFlags(args, ['--checkpoint', '--batches', '--seed', '--backend']);
    if (help) {
      io.stdout(`${evalNriHelp()}\n`);
      return 0;
    }
    const path = values.get('--checkpoint');
    if (path === undefined) throw new CliError('--checkpoint is required (see --help)');
    const batchesFlag = values.get('--batches');
    const batches =
      batchesFlag === undefined ? DEFAULT_BATCHES : integer('--batches', batchesFlag, 1, 1_000_000);
    const seedFlag = values.get('--seed');
    const seedGiven =
      seedFlag === undefined ? undefined : integer('--seed', seedFlag, -MAX_SEED, MAX_SEED);
    const backendFlag = values.get('--backend');
    const backend =
      backendFlag === undefined ? undefined : oneOf('--backend', backendFlag, BACKENDS);
    let checkpoint: ReturnType<typeof readCheckpoint>;
    try {
      checkpoint = readCheckpoint(path);
    } catch (error) {
      if (!(error instanceof CheckpointError)) throw error;
      throw new CliError(`--checkpoint ${JSON.stringify(path)}: ${error.message}`);
    }
    const { manifest } = checkpoint;
    const meta = nriMetadata(checkpoint.path, manifest.metadata);
    const seed = seedGiven ?? manifest.options.seed;
    await selectBackend(backend);
    const shape = { nodes: meta.nodes, frames: meta.frames };
    const model = new NriModel({
      ...shape,
      hidden: meta.hidden,
      latent: meta.latent as NriLatent,
      temperature: meta.temperature,
      skipFirst: checkpointSkipFirst(meta),
      seed,
    });
    try {
      restoreVariables(model.variables, checkpoint);
    } catch (error) {
      if (error instanceof CheckpointError) throw new CliError(error.message, 1);
      throw error;
    }
    const evaluationSeed = seedGiven ?? manifest.options.evaluationSeed ?? manifest.options.seed;
    const metrics = await model.evaluate(
      validationBatches(seed, batches, meta.batchSize, shape)(),
      {
        generator: new RandomGenerator(evaluationSeed),
      },
    );
    const elapsed = manifest.progress.elapsedSeconds;
    io.stderr(
      `${NAME}: ${checkpoint.path} (${meta.latent}, step ${manifest.step}, seed ${seed}, ${batches} × ${meta.batchSize} validation samples)\n`,
    );
    io.stdout(
      metricsTable([
        {
          step: manifest.step,
          metrics,
          stepsPerSecond: elapsed > 0 ? manifest.step / elapsed : null,
          wallSeconds: elapsed,
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
