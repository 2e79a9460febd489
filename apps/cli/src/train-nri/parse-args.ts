// Flags of `sst train nri` (see help.ts): a preset, then the flags given explicitly.
import { MAX_FRAMES, MAX_NODES, type NriLatent } from '@sst-tricks/nri';
import { CliError } from '../cli-error.js';
import { integer, MAX_SEED, oneOf, parseFlags, positiveNumber } from '../flags.js';
import {
  CONFIG_NAMES,
  MESSAGE_INITS,
  type NriConfigName,
  type NriTrainConfig,
  presetSettings,
} from './config.js';

export const LATENTS: readonly NriLatent[] = ['spanning-tree', 'top-k', 'independent'];
export const BACKENDS = ['wasm', 'cpu'] as const;
export type CliBackend = (typeof BACKENDS)[number];
export const DEFAULT_SEED = 0;
const MAX_STEPS = 100_000_000;

export interface TrainNriArgs {
  help: boolean;
  latent: NriLatent;
  config: NriConfigName;
  /** The preset with the explicit flags applied. */
  settings: NriTrainConfig;
  /** The settings the user gave explicitly (they win over a resumed checkpoint's). */
  explicit: Set<keyof NriTrainConfig>;
  out: string;
  resume: boolean;
  seed: number;
  seedGiven: boolean;
  backend: CliBackend | undefined;
  /** --restart-concurrency: candidates training at once (undefined: the default, see index.ts). */
  restartConcurrency: number | undefined;
  /** --workers, when given (else chosen by `defaultWorkers`, or the resumed run's). */
  workers: number | undefined;
}

/** Items per worker below which another worker thread costs more than it saves. */
export const MIN_ITEMS_PER_WORKER = 16;
export const MAX_WORKERS = 64;

/**
 * The default data-parallel worker count: one per core, but no more than leave each worker
 * MIN_ITEMS_PER_WORKER of the batch (batch 32 on 2 cores: 2), and 1 with decoder slices (not
 * combined with workers).
 */
export function defaultWorkers(cores: number, batch: number, decoderSlices: number): number {
  if (decoderSlices > 1) return 1;
  return Math.max(1, Math.min(cores, Math.floor(batch / MIN_ITEMS_PER_WORKER), MAX_WORKERS));
}

type NumericKey = Exclude<keyof NriTrainConfig, 'messageInit' | 'restartAccept'>;
const NUMERIC: [string, NumericKey, 'int' | 'positive', number, number][] = [
  ['--steps', 'steps', 'int', 1, MAX_STEPS],
  ['--batch', 'batch', 'int', 1, 100_000],
  ['--hidden', 'hidden', 'int', 1, 100_000],
  ['--lr', 'lr', 'positive', 0, 0],
  ['--temperature', 'temperature', 'positive', 0, 0],
  ['--nodes', 'nodes', 'int', 2, MAX_NODES],
  ['--frames', 'frames', 'int', 2, MAX_FRAMES],
  ['--prediction-steps', 'predictionSteps', 'int', 1, MAX_FRAMES],
  ['--decoder-slices', 'decoderSlices', 'int', 1, 100_000],
  ['--restarts', 'restarts', 'int', 1, 1000],
  ['--restart-steps', 'restartSteps', 'int', 1, MAX_STEPS],
  ['--eval-every', 'evalEvery', 'int', 1, MAX_STEPS],
  ['--checkpoint-every', 'checkpointEvery', 'int', 1, MAX_STEPS],
];
const VALUED = [
  '--latent',
  '--config',
  '--out',
  '--seed',
  '--backend',
  '--message-init',
  '--restart-concurrency',
  '--restart-accept',
  '--workers',
  ...NUMERIC.map((f) => f[0]),
];

export function parseTrainNriArgs(args: readonly string[]): TrainNriArgs {
  const { help, values } = parseFlags(args, VALUED, ['--resume']);
  const config = oneOf('--config', values.get('--config') ?? 'cpu', CONFIG_NAMES);
  const settings = presetSettings(config, values.get('--latent') ?? 'spanning-tree');
  const parsed: TrainNriArgs = {
    help,
    latent: 'spanning-tree',
    config,
    settings,
    explicit: new Set(),
    out: '',
    resume: values.has('--resume'),
    seed: DEFAULT_SEED,
    seedGiven: values.has('--seed'),
    backend: undefined,
    restartConcurrency: undefined,
    workers: undefined,
  };
  if (help) return parsed;
  const latent = values.get('--latent');
  if (latent === undefined) throw new CliError('--latent is required (see --help)');
  parsed.latent = oneOf('--latent', latent, LATENTS);
  for (const [flag, key, kind, min, max] of NUMERIC) {
    const value = values.get(flag);
    if (value === undefined) continue;
    settings[key] = kind === 'int' ? integer(flag, value, min, max) : positiveNumber(flag, value);
    parsed.explicit.add(key);
  }
  const messageInit = values.get('--message-init');
  if (messageInit !== undefined) {
    settings.messageInit = oneOf('--message-init', messageInit, MESSAGE_INITS);
    parsed.explicit.add('messageInit');
  }
  const accept = values.get('--restart-accept');
  if (accept !== undefined) {
    settings.restartAccept = accept === 'none' ? null : finiteNumber('--restart-accept', accept);
    parsed.explicit.add('restartAccept');
  }
  // The preset's restarts need a run longer than the candidates' steps (a short run has nothing
  // to choose between); given explicitly, trainNri says what is wrong.
  if (!parsed.explicit.has('restarts') && settings.steps <= settings.restartSteps)
    settings.restarts = 1;
  const seed = values.get('--seed');
  if (seed !== undefined) parsed.seed = integer('--seed', seed, -MAX_SEED, MAX_SEED);
  // Not a model setting (results do not depend on it), so not part of the presets.
  const concurrency = values.get('--restart-concurrency');
  if (concurrency !== undefined)
    parsed.restartConcurrency = integer('--restart-concurrency', concurrency, 1, 1000);
  const workers = values.get('--workers');
  if (workers !== undefined) parsed.workers = integer('--workers', workers, 1, MAX_WORKERS);
  const backend = values.get('--backend');
  if (backend !== undefined) parsed.backend = oneOf('--backend', backend, BACKENDS);
  parsed.out = values.get('--out') ?? `runs/nri-${parsed.latent}`;
  if (parsed.out.trim() === '') throw new CliError('--out must be a directory path, got ""');
  return parsed;
}

/** A finite number (negative allowed: an ELBO), else a usage error naming the flag. */
function finiteNumber(flag: string, value: string): number {
  const x = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(x))
    throw new CliError(`${flag} must be a number or none, got ${JSON.stringify(value)}`);
  return x;
}
