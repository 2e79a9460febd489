// `sst train l2x`: trains L2X (explainer + k-word selection + predictor) with @sst-tricks/l2x's
// trainL2x on a data directory (the BeerAdvocate layout) or, without --data-dir, on synthetic
// reviews generated in memory (seed 0: 5000 train, 500 annotated test).
import { readFileSync } from 'node:fs';
import {
  ASPECTS,
  embeddingsFromText,
  RELAXATIONS,
  readDataDirectory,
  syntheticReviews,
  trainL2x,
} from '@sst-tricks/l2x';
import { fillStandardNormal, RandomGenerator, selectBackend } from '@sst-tricks/sst-core';
import { CheckpointError, latestCheckpoint, renderProgress } from '@sst-tricks/training';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { integer, MAX_SEED, oneOf, parseFlags, positiveNumber } from '../flags.js';
import { BACKENDS, MAX_WORKERS } from '../train-nri/parse-args.js';
import { trainProgress } from '../train-nri/progress.js';
import { describeWorkers } from '../workers.js';

const NAME = 'sst train l2x';

export function trainL2xHelp(): string {
  return `usage: sst train l2x --aspect A --k K --relaxation R [options]

Trains an L2X explainer/predictor: the explainer picks K words of each review, the predictor rates
aspect A from them alone (MSE). Prints test MSE and subset precision (selected words inside the
aspect's annotated sentences) with the hard selection at the end.

options:
  --aspect A        ${ASPECTS.join(', ')} (required)
  --k K             words to select (required)
  --relaxation R    ${RELAXATIONS.join(', ')} (required)
  --data-dir DIR    train.txt, heldout.txt, annotations.json (default: synthetic reviews, seed 0)
  --embeddings F    initial word vectors, "word v1 … vd" a line (sets --embedding to d)
  --steps N         updates (default 600)      --batch N        batch size (default 32)
  --lr X            Adam learning rate (1e-3)  --temperature T  relaxation temperature (0.5)
  --hidden N        CNN width (32)             --embedding N    embedding width (32)
  --max-length N    tokens per review (100)    --seed S         weights and noise seed (0)
  --out DIR         checkpoints and metrics.jsonl (default runs/l2x-<aspect>-<relaxation>-k<K>)
  --resume          continue from the newest checkpoint in --out
  --backend B       wasm or cpu
  --workers W       split each batch across W worker threads, each with its own backend, one
                    optimizer step (the same results to float rounding); default 1 (see the
                    package README's Benchmarks); --resume keeps the run's count (another is
                    refused)`;
}

/** N(0, 1) rows for the words the embeddings file lacks (the model's own initialisation law). */
function standardNormal(seed: number, count: number): Float32Array {
  const z = new Float64Array(count + (count % 2));
  fillStandardNormal(new RandomGenerator(seed), z, 0, z.length);
  return Float32Array.from(z.subarray(0, count));
}

const VALUED = [
  '--aspect',
  '--k',
  '--relaxation',
  '--data-dir',
  '--embeddings',
  '--steps',
  '--batch',
  '--lr',
  '--temperature',
  '--hidden',
  '--embedding',
  '--max-length',
  '--seed',
  '--out',
  '--backend',
  '--workers',
];

export async function trainL2xCommand(args: string[], io: CliIo): Promise<number> {
  try {
    const { help, values } = parseFlags(args, VALUED, ['--resume']);
    if (help) {
      io.stdout(`${trainL2xHelp()}\n`);
      return 0;
    }
    const required = (flag: string) => {
      const v = values.get(flag);
      if (v === undefined) throw new CliError(`${flag} is required (see --help)`);
      return v;
    };
    const aspect = oneOf('--aspect', required('--aspect'), ASPECTS);
    const k = integer('--k', required('--k'), 1, 100_000);
    const relaxation = oneOf('--relaxation', required('--relaxation'), RELAXATIONS);
    const int = (flag: string, fallback: number) => {
      const v = values.get(flag);
      return v === undefined ? fallback : integer(flag, v, 1, 100_000_000);
    };
    const num = (flag: string, fallback: number) => {
      const v = values.get(flag);
      return v === undefined ? fallback : positiveNumber(flag, v);
    };
    const seedFlag = values.get('--seed');
    const seed = seedFlag === undefined ? 0 : integer('--seed', seedFlag, -MAX_SEED, MAX_SEED);
    const backendFlag = values.get('--backend');
    const workersFlag = values.get('--workers');
    const workers =
      workersFlag === undefined ? undefined : integer('--workers', workersFlag, 1, MAX_WORKERS);
    const dataDir = values.get('--data-dir');
    const embeddingsFile = values.get('--embeddings');
    const out = values.get('--out') ?? `runs/l2x-${aspect}-${relaxation}-k${k}`;
    let data: ReturnType<typeof readDataDirectory>;
    try {
      data =
        dataDir === undefined
          ? {
              train: syntheticReviews(0, 'train', 5000),
              heldout: [],
              test: syntheticReviews(0, 'test', 500),
            }
          : readDataDirectory(dataDir);
    } catch (error) {
      // L2xDataError (file:line) and missing files are the user's to fix.
      throw new CliError((error as Error).message, 1);
    }
    let embeddingText: string | undefined;
    if (embeddingsFile !== undefined) {
      try {
        embeddingText = readFileSync(embeddingsFile, 'utf8');
      } catch (error) {
        throw new CliError(`--embeddings: ${(error as Error).message}`, 1);
      }
    }
    let embedding = int('--embedding', 32);
    const initial =
      embeddingText === undefined
        ? undefined
        : (vocabulary: Parameters<typeof embeddingsFromText>[2]) => {
            const loaded = embeddingsFromText(
              embeddingText as string,
              embeddingsFile as string,
              vocabulary,
              (dim) => standardNormal(seed, vocabulary.size * dim),
            );
            io.stderr(
              `${NAME}: ${loaded.found} of ${vocabulary.size} words have vectors in ${embeddingsFile}\n`,
            );
            return loaded;
          };
    // The file fixes the embedding width: read its first line's dimension up front.
    if (embeddingText !== undefined) {
      const first = embeddingText.split(/\r?\n/).find((l) => l.trim() !== '');
      if (first !== undefined) embedding = first.trim().split(/\s+/).length - 1;
    }
    const backend = await selectBackend(
      backendFlag === undefined ? undefined : oneOf('--backend', backendFlag, BACKENDS),
    );
    const tty = process.stderr.isTTY === true;
    const progress = trainProgress(io.stderr, {
      tty,
      intervalMs: tty ? 500 : 15_000,
      now: () => performance.now(),
      prefix: `${NAME}: `,
      shownMetrics: (m) => ({ mse: m.mse, precision: m.precision }),
    });
    io.stderr(
      `${NAME}: ${aspect}, ${relaxation}, k ${k}, backend ${backend}, ${data.train.length} train / ${data.test.length} test reviews, seed ${seed}, ${describeWorkers(workers, values.has('--resume') && latestCheckpoint(out) !== null)} → ${out}\n`,
    );
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const { result } = await trainL2x({
        data,
        aspect,
        relaxation,
        k,
        temperature: num('--temperature', 0.5),
        maxLength: int('--max-length', 100),
        embedding,
        hidden: int('--hidden', 32),
        embeddings: initial === undefined ? undefined : (v) => initial(v).table,
        batchSize: int('--batch', 32),
        learningRate: num('--lr', 1e-3),
        steps: values.has('--resume') && !values.has('--steps') ? undefined : int('--steps', 600),
        checkpointDirectory: out,
        resume: values.has('--resume'),
        seed,
        workers,
        dataSource:
          dataDir === undefined
            ? { kind: 'synthetic', seed: 0 }
            : { kind: 'directory', path: dataDir },
        signal: controller.signal,
        // Evaluations also get a line of their own (they are few and worth keeping on screen).
        onEvent: (e) => {
          progress.onEvent(e);
          if (e.type !== 'eval') return;
          progress.finish();
          io.stderr(`${NAME}: ${renderProgress(e)}\n`);
        },
      });
      progress.finish();
      if (result.stopped) {
        io.stderr(`${NAME}: interrupted at step ${result.step}; continue with --resume\n`);
        return 130;
      }
      const last = result.evaluations[result.evaluations.length - 1]?.metrics ?? {};
      io.stdout(
        `${JSON.stringify({ aspect, relaxation, k, seed, step: result.step, mse: last.mse, precision: last.precision })}\n`,
      );
      return 0;
    } catch (error) {
      progress.finish();
      if (error instanceof CheckpointError || error instanceof RangeError) {
        throw new CliError(error.message, 1);
      }
      throw error;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
}
