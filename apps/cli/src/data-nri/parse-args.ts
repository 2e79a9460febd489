// Flags of `sst data nri`. Every bad flag is a CliError (exit 2) naming the flag and value.
import {
  MAX_FRAMES,
  MAX_NODES,
  MAX_PARTICLES,
  SOURCE_KINDS,
  type SourceKind,
  SPLITS,
  type Split,
} from '@sst-tricks/nri';
import { CliError } from '../cli-error.js';
import { integer, MAX_SEED, oneOf, parseFlags } from '../flags.js';

export interface DataNriArgs {
  help: boolean;
  split: Split;
  count: number;
  out: string;
  seed: number;
  source: SourceKind;
  nodes: number;
  frames: number;
}

/** Defaults that depend on the source: the paper's settings for each. */
export const SOURCE_DEFAULTS: Record<SourceKind, { nodes: number; frames: number }> = {
  'graph-layout': { nodes: 10, frames: 10 },
  springs: { nodes: 5, frames: 49 },
  charged: { nodes: 5, frames: 49 },
};

export const DEFAULT_SEED = 42;
export const MAX_COUNT = 100_000_000;

const FLAGS = ['--split', '--count', '--out', '--seed', '--nodes', '--frames', '--source'];

/** Parses `--flag value` and `--flag=value`; unknown flags and stray arguments are errors. */
export function parseDataNriArgs(args: readonly string[]): DataNriArgs {
  const { help, values: raw } = parseFlags(args, FLAGS);
  const source = oneOf('--source', raw.get('--source') ?? 'graph-layout', SOURCE_KINDS);
  const defaults = SOURCE_DEFAULTS[source];
  const maxNodes = source === 'graph-layout' ? MAX_NODES : MAX_PARTICLES;
  const parsed = {
    help,
    source,
    split: 'train' as Split,
    count: 0,
    out: '',
    seed: DEFAULT_SEED,
    nodes: defaults.nodes,
    frames: defaults.frames,
  };
  if (help) return parsed;
  for (const flag of ['--split', '--count', '--out'])
    if (!raw.has(flag)) throw new CliError(`${flag} is required (see --help)`);
  parsed.split = oneOf('--split', raw.get('--split') as string, SPLITS);
  parsed.count = integer('--count', raw.get('--count') as string, 1, MAX_COUNT);
  parsed.out = raw.get('--out') as string;
  if (parsed.out.trim() === '') throw new CliError('--out must be a directory path, got ""');
  const seed = raw.get('--seed');
  if (seed !== undefined) parsed.seed = integer('--seed', seed, -MAX_SEED, MAX_SEED);
  const nodes = raw.get('--nodes');
  if (nodes !== undefined) parsed.nodes = integer('--nodes', nodes, 2, maxNodes);
  const frames = raw.get('--frames');
  if (frames !== undefined) parsed.frames = integer('--frames', frames, 1, MAX_FRAMES);
  return parsed;
}
