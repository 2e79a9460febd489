// `sst data l2x` through the dispatcher: the files it writes load back with the l2x readers and
// equal the generator's reviews; same seed → same bytes; bad flags → one line, exit 2.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataDirectory, syntheticReviews } from '@sst-tricks/l2x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithStdin } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-data-l2x-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sst data l2x', () => {
  it('writes the real format; it reads back as the generated reviews', async () => {
    const out = join(dir, 'a');
    const args = [
      'data',
      'l2x',
      '--out',
      out,
      '--seed',
      '5',
      '--train',
      '30',
      '--heldout',
      '4',
      '--test',
      '6',
    ];
    const r = await runWithStdin(args, '');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('30 train, 4 held-out, 6 annotated test reviews');
    const data = readDataDirectory(out);
    expect(data.test).toEqual(syntheticReviews(5, 'test', 6));
    expect(data.train.map((x) => x.tokens)).toEqual(
      syntheticReviews(5, 'train', 30).map((x) => x.tokens),
    );
    expect(data.heldout).toHaveLength(4);
    const again = join(dir, 'b');
    expect((await runWithStdin([...args.slice(0, 3), again, ...args.slice(4)], '')).code).toBe(0);
    for (const f of ['train.txt', 'heldout.txt', 'annotations.json']) {
      expect(await readFile(join(again, f), 'utf8')).toBe(await readFile(join(out, f), 'utf8'));
    }
  });

  it.each([
    [['data', 'l2x'], '--out is required'],
    [
      ['data', 'l2x', '--out', 'x', '--train', '0'],
      '--train must be an integer in 1..10000000, got "0"',
    ],
    [['data', 'l2x', '--out', 'x', '--bogus', '1'], 'unknown flag "--bogus"'],
    [['data', 'l2y'], 'unknown dataset "l2y" (known: nri, l2x)'],
  ])('%j → exit 2 and one line', async (argv, message) => {
    const r = await runWithStdin(argv, '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
