// `sst data l2x`: writes a seeded synthetic review dataset in the real BeerAdvocate layout
// (train.txt, heldout.txt, annotations.json), so `--data-dir` reads synthetic and real data alike.
import { MAX_SYNTHETIC_SEED, syntheticReviews, writeDataDirectory } from '@sst-tricks/l2x';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { integer, parseFlags } from '../flags.js';

const NAME = 'sst data l2x';
const DEFAULTS = { train: 20_000, heldout: 2_000, test: 1_000 };

export function dataL2xHelp(): string {
  return `usage: sst data l2x --out DIR [--seed S] [--train N] [--heldout N] [--test N]

Writes synthetic multi-aspect beer reviews (appearance, aroma, palate, taste, overall; ratings in
[0, 1] computed from each aspect's sentences) in the BeerAdvocate release's format:
  DIR/train.txt, DIR/heldout.txt   "r0 r1 r2 r3 r4<TAB>tokens" a line
  DIR/annotations.json             JSON lines {"x": tokens, "y": ratings, "0".."4": [[start, end), …]}
The same seed writes the same files.

options:
  --out DIR     output directory (required; created if needed)
  --seed S      generator seed (default 0, |S| ≤ 2^52)
  --train N     training reviews (default ${DEFAULTS.train})
  --heldout N   held-out reviews (default ${DEFAULTS.heldout})
  --test N      annotated test reviews (default ${DEFAULTS.test})`;
}

export async function dataL2x(args: string[], io: CliIo): Promise<number> {
  try {
    const { help, values } = parseFlags(args, [
      '--out',
      '--seed',
      '--train',
      '--heldout',
      '--test',
    ]);
    if (help) {
      io.stdout(`${dataL2xHelp()}\n`);
      return 0;
    }
    const out = values.get('--out');
    if (out === undefined || out.trim() === '')
      throw new CliError('--out is required (see --help)');
    const seedFlag = values.get('--seed');
    const seed =
      seedFlag === undefined
        ? 0
        : integer('--seed', seedFlag, -MAX_SYNTHETIC_SEED, MAX_SYNTHETIC_SEED);
    const count = (flag: '--train' | '--heldout' | '--test', fallback: number) => {
      const v = values.get(flag);
      return v === undefined ? fallback : integer(flag, v, 1, 10_000_000);
    };
    const sizes = {
      train: count('--train', DEFAULTS.train),
      heldout: count('--heldout', DEFAULTS.heldout),
      test: count('--test', DEFAULTS.test),
    };
    // Only the test split is annotated, as in the real release.
    const plain = (split: 'train' | 'heldout') =>
      syntheticReviews(seed, split, sizes[split]).map(({ tokens, ratings }) => ({
        tokens,
        ratings,
      }));
    writeDataDirectory(out, {
      train: plain('train'),
      heldout: plain('heldout'),
      test: syntheticReviews(seed, 'test', sizes.test),
    });
    io.stderr(
      `${NAME}: seed ${seed}: ${sizes.train} train, ${sizes.heldout} held-out, ${sizes.test} annotated test reviews → ${out}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${NAME}: ${error.message}\n`);
      return error.exitCode;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) {
      io.stderr(`${NAME}: cannot write: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
