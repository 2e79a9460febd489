// `sst train listops --workers W` and `sst train l2x --workers W`, in process at tiny sizes (cpu)
// with real worker threads (the built packages, brought up to date in beforeAll): a 2-worker run
// completes, says so on its first line and records the count in its checkpoint; bad --workers
// values are one-line flag errors (exit 2).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildForWorkers } from '@sst-tricks/tooling/build-for-workers';
import { readCheckpoint } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithStdin } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  buildForWorkers('@sst-tricks/listops-parser');
  buildForWorkers('@sst-tricks/l2x');
  dir = await mkdtemp(join(tmpdir(), 'sst-train-workers-'));
}, 300_000); // a clean clone builds every package first
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const LISTOPS = [
  'train',
  'listops',
  '--train-size',
  '100',
  '--valid-size',
  '16',
  '--test-size',
  '16',
  '--max-depth',
  '2',
  '--max-length',
  '14',
  '--embedding',
  '8',
  '--hidden',
  '8',
  '--width',
  '8',
  '--batch',
  '8',
  '--backend',
  'cpu',
];
const L2X = ['train', 'l2x', '--aspect', 'aroma', '--k', '3', '--relaxation', 'top-k'];
const run = (argv: string[]) => runWithStdin(argv, '');

describe('sst train listops / l2x --workers', () => {
  it('listops: a 2-worker run completes and records its count', async () => {
    const out = join(dir, 'listops');
    const r = await run([
      ...LISTOPS,
      '--steps',
      '4',
      '--eval-every',
      '4',
      '--workers',
      '2',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^sst train listops: arborescence, backend cpu, .*, 2 workers → /);
    expect(readCheckpoint(out).manifest.options.workers).toBe(2);
  }, 120_000);

  it('l2x: a 2-worker run completes and records its count', async () => {
    const data = join(dir, 'l2x-data');
    const made = await run([
      'data',
      'l2x',
      '--out',
      data,
      '--train',
      '40',
      '--heldout',
      '2',
      '--test',
      '8',
    ]);
    expect(made.code).toBe(0);
    const out = join(dir, 'l2x');
    const r = await run([
      ...L2X,
      '--data-dir',
      data,
      ...['--steps', '3', '--hidden', '8', '--embedding', '8', '--max-length', '30'],
      ...['--batch', '8', '--backend', 'cpu', '--workers', '2', '--out', out],
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^sst train l2x: aroma, top-k, k 3, backend cpu, .*, 2 workers → /);
    expect(readCheckpoint(out).manifest.options.workers).toBe(2);
  }, 120_000);

  for (const [command, argv] of [
    ['listops', LISTOPS],
    ['l2x', L2X],
  ] as const) {
    for (const [value, shown] of [
      ['0', '"0"'],
      ['abc', '"abc"'],
      ['1.5', '"1.5"'],
      ['65', '"65"'],
    ]) {
      it(`${command} --workers ${value}: a one-line flag error (exit 2)`, async () => {
        const r = await run([
          ...argv,
          '--steps',
          '2',
          '--workers',
          value,
          '--out',
          join(dir, 'bad'),
        ]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe(
          `sst train ${command}: --workers must be an integer in 1..64, got ${shown}\n`,
        );
      });
    }
  }
});
