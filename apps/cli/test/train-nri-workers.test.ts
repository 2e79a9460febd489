// `sst train nri --workers W`, in process at tiny sizes (n = 5, T = 4, width 8, batch 4, cpu) with
// real worker threads (the built packages, brought up to date in beforeAll): a 2-worker run completes and says
// so, records the count, resumes with its own count to the uninterrupted run's result, refuses
// another count in one line, and bad --workers values are one-line flag errors (exit 2).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildForWorkers } from '@sst-tricks/tooling/build-for-workers';
import { readCheckpoint } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithStdin } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  buildForWorkers('@sst-tricks/nri');
  dir = await mkdtemp(join(tmpdir(), 'sst-train-workers-'));
}, 300_000); // a clean clone builds every package first
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TINY = ['--nodes', '5', '--frames', '4', '--hidden', '8', '--batch', '4', '--backend', 'cpu'];
const RUN = [
  'train',
  'nri',
  '--latent',
  'spanning-tree',
  ...TINY,
  '--eval-every',
  '3',
  '--checkpoint-every',
  '3',
  '--seed',
  '2',
];

const run = (argv: string[]) => runWithStdin(argv, '');
const lines = (text: string) => text.trim().split('\n');

describe('sst train nri --workers', () => {
  it('trains with 2 workers, resumes with them to the uninterrupted result, refuses another count', async () => {
    const whole = join(dir, 'whole');
    const straight = await run([...RUN, '--steps', '6', '--workers', '2', '--out', whole]);
    expect(straight.stderr).toMatch(/^sst train nri: spanning-tree, backend cpu, .*, 2 workers → /);
    expect(straight.code).toBe(0);
    expect(readCheckpoint(whole).manifest.options.workers).toBe(2);
    expect(lines(straight.stdout).at(-1)).toMatch(/held-out edge precision [\d.]+, .* at step 6,/);

    const parts = join(dir, 'parts');
    const first = await run([...RUN, '--steps', '3', '--workers', '2', '--out', parts]);
    expect(first.code).toBe(0);
    const other = await run([...RUN, '--steps', '6', '--workers', '1', '--out', parts, '--resume']);
    expect(other.code).toBe(1);
    const refusal = lines(other.stderr).filter((line) => line.includes('differs'));
    expect(refusal).toEqual([
      'sst train nri: train: options.workers 1 differs from the 2 worker(s) of the run being resumed (the count changes float rounding; resume with workers: 2)',
    ]);
    expect(readCheckpoint(parts).manifest.step).toBe(3); // nothing was trained

    const resumed = await run([...RUN, '--steps', '6', '--out', parts, '--resume']);
    expect(resumed.stderr).toContain("the checkpoint's worker count");
    expect(resumed.code).toBe(0);
    const a = readCheckpoint(whole).manifest;
    const b = readCheckpoint(parts).manifest;
    expect(b.step).toBe(6);
    expect(b.options.workers).toBe(2);
    expect(b.payload.sha256).toBe(a.payload.sha256); // weights and Adam state, bit for bit
    expect(b.progress.evaluations).toEqual(a.progress.evaluations);
    // The final line, wall time aside, is the uninterrupted run's.
    const held = (text: string) =>
      lines(text)
        .at(-1)
        ?.replace(/, [^,]* of training$/, '');
    expect(held(resumed.stdout)).toBe(held(straight.stdout));
  }, 180_000);

  for (const [value, shown] of [
    ['0', '"0"'],
    ['abc', '"abc"'],
    ['1.5', '"1.5"'],
    ['65', '"65"'],
  ]) {
    it(`--workers ${value}: a one-line flag error (exit 2)`, async () => {
      const result = await run([
        ...RUN,
        '--steps',
        '2',
        '--workers',
        value,
        '--out',
        join(dir, `bad-${value}`),
      ]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `sst train nri: --workers must be an integer in 1..64, got ${shown}\n`,
      );
    });
  }
});
