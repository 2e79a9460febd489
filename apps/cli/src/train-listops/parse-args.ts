// Flags of `sst train listops` (help.ts) → trainListOps options.
import {
  type DataFiles,
  DEFAULT_DATA,
  type GeneratedDataOptions,
  LATENTS,
  type ListOpsLatent,
} from '@sst-tricks/listops-parser';
import { CliError } from '../cli-error.js';
import { integer, MAX_SEED, oneOf, parseFlags, positiveNumber } from '../flags.js';
import { BACKENDS, type CliBackend, MAX_WORKERS } from '../train-nri/parse-args.js';

export interface TrainListOpsArgs {
  help: boolean;
  latent: ListOpsLatent;
  out: string;
  steps: number | undefined;
  batch: number;
  lr: number;
  temperature: number;
  embedding: number;
  hidden: number;
  width: number;
  rounds: number;
  evalEvery: number;
  checkpointEvery: number;
  seed: number;
  data: GeneratedDataOptions | DataFiles;
  resume: boolean;
  backend: CliBackend | undefined;
  /** --workers, when given (else 1 for a fresh run, the checkpoint's count on --resume). */
  workers: number | undefined;
}

const INTS: Array<[string, number, number, number]> = [
  ['--steps', 2000, 1, 100_000_000],
  ['--batch', 32, 1, 100_000],
  ['--embedding', 32, 1, 100_000],
  ['--hidden', 32, 1, 100_000],
  ['--width', 32, 1, 100_000],
  ['--rounds', 0, 1, 1000],
  ['--eval-every', 250, 1, 100_000_000],
  ['--checkpoint-every', 250, 1, 100_000_000],
  ['--train-size', DEFAULT_DATA.train, 1, 10_000_000],
  ['--valid-size', DEFAULT_DATA.valid, 1, 10_000_000],
  ['--test-size', DEFAULT_DATA.test, 1, 10_000_000],
  ['--max-depth', DEFAULT_DATA.maxDepth, 1, 100],
  ['--max-length', DEFAULT_DATA.maxLength, 4, 1_000_000],
];
const VALUED = [
  ...INTS.map((f) => f[0]),
  '--latent',
  '--out',
  '--lr',
  '--temperature',
  '--seed',
  '--data-seed',
  '--train',
  '--valid',
  '--test',
  '--backend',
  '--workers',
];

export function parseTrainListOpsArgs(args: readonly string[]): TrainListOpsArgs {
  const { help, values } = parseFlags(args, VALUED, ['--resume']);
  const int = (flag: string) => {
    const spec = INTS.find((f) => f[0] === flag) as [string, number, number, number];
    const v = values.get(flag);
    return v === undefined ? spec[1] : integer(flag, v, spec[2], spec[3]);
  };
  const latentFlag = values.get('--latent');
  const latent = latentFlag === undefined ? 'arborescence' : oneOf('--latent', latentFlag, LATENTS);
  const seedFlag = values.get('--seed');
  const seed = seedFlag === undefined ? 0 : integer('--seed', seedFlag, -MAX_SEED, MAX_SEED);
  const dataSeedFlag = values.get('--data-seed');
  const dataSeed =
    dataSeedFlag === undefined ? 0 : integer('--data-seed', dataSeedFlag, -MAX_SEED, MAX_SEED);
  const number = (flag: string, fallback: number) => {
    const v = values.get(flag);
    return v === undefined ? fallback : positiveNumber(flag, v);
  };
  const train = values.get('--train');
  const valid = values.get('--valid');
  if ((train === undefined) !== (valid === undefined))
    throw new CliError('--train and --valid go together');
  const maxDepth = int('--max-depth');
  const data: GeneratedDataOptions | DataFiles =
    train !== undefined && valid !== undefined
      ? { train, valid, ...(values.has('--test') ? { test: values.get('--test') as string } : {}) }
      : {
          train: int('--train-size'),
          valid: int('--valid-size'),
          test: int('--test-size'),
          maxDepth,
          maxLength: int('--max-length'),
          sm: false,
          seed: dataSeed,
        };
  const backendFlag = values.get('--backend');
  const workersFlag = values.get('--workers');
  return {
    help,
    latent,
    out: values.get('--out') ?? `runs/listops-${latent}-seed${seed}`,
    steps: values.has('--steps') || !values.has('--resume') ? int('--steps') : undefined,
    batch: int('--batch'),
    lr: number('--lr', 0.002),
    temperature: number('--temperature', 0.3),
    embedding: int('--embedding'),
    hidden: int('--hidden'),
    width: int('--width'),
    rounds: values.has('--rounds') ? int('--rounds') : maxDepth,
    evalEvery: int('--eval-every'),
    checkpointEvery: int('--checkpoint-every'),
    seed,
    data,
    resume: values.has('--resume'),
    backend: backendFlag === undefined ? undefined : oneOf('--backend', backendFlag, BACKENDS),
    workers:
      workersFlag === undefined ? undefined : integer('--workers', workersFlag, 1, MAX_WORKERS),
  };
}
