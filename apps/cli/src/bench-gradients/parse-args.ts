// Flags of `sst bench gradients`. Every bad flag is a CliError (exit 2) naming the flag and value.
import { STRUCTURE_KINDS, type StructureKind } from '@sst-tricks/sst-core';
import { CliError } from '../cli-error.js';
import { integer, MAX_SEED, parseFlags } from '../flags.js';

export interface BenchGradientsArgs {
  help: boolean;
  /** N: gradient estimates per estimator and configuration. */
  samples: number;
  /** S: samples inside one estimate (the same for every estimator). */
  samplesPerEstimate: number;
  seed: number;
  structures: StructureKind[];
  temperatures: number[];
}

export const DEFAULTS: Omit<BenchGradientsArgs, 'help'> = {
  samples: 5000,
  samplesPerEstimate: 4,
  seed: 1,
  structures: [...STRUCTURE_KINDS],
  temperatures: [0.1, 0.5, 1],
};

const MAX_SAMPLES = 10_000_000;

function bad(flag: string, value: string, why: string): CliError {
  return new CliError(`${flag} must be ${why}, got ${JSON.stringify(value)}`);
}

function list(flag: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === ''))
    throw bad(flag, value, 'a comma-separated list without empty items');
  return items;
}

function structures(value: string): StructureKind[] {
  const out: StructureKind[] = [];
  for (const item of list('--structures', value)) {
    const kind = STRUCTURE_KINDS.find((k) => k === item);
    if (!kind)
      throw new CliError(
        `--structures: ${JSON.stringify(item)} is not a structure (known: ${STRUCTURE_KINDS.join(', ')})`,
      );
    if (!out.includes(kind)) out.push(kind);
  }
  return out;
}

function temperatures(value: string): number[] {
  return list('--temperatures', value).map((item) => {
    const t = Number(item);
    if (!Number.isFinite(t) || t <= 0)
      throw new CliError(
        `--temperatures: each must be a finite number > 0, got ${JSON.stringify(item)}`,
      );
    return t;
  });
}

const FLAGS = ['--samples', '--samples-per-estimate', '--seed', '--structures', '--temperatures'];

/** Parses `--flag value` and `--flag=value`; unknown flags and stray arguments are errors. */
export function parseBenchGradientsArgs(args: readonly string[]): BenchGradientsArgs {
  const { help, values } = parseFlags(args, FLAGS);
  const out: BenchGradientsArgs = { help, ...DEFAULTS };
  for (const [flag, value] of values) {
    if (flag === '--samples') out.samples = integer(flag, value, 2, MAX_SAMPLES);
    else if (flag === '--samples-per-estimate')
      out.samplesPerEstimate = integer(flag, value, 2, 4096);
    else if (flag === '--seed') out.seed = integer(flag, value, -MAX_SEED, MAX_SEED);
    else if (flag === '--structures') out.structures = structures(value);
    else out.temperatures = temperatures(value);
  }
  return out;
}
