// `sst data l2x` through the dispatcher: the files it writes load back with the l2x readers and
// equal the generator's reviews; same seed → same bytes; bad flags → one line, exit 2.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
    [['data', 'l2y'], 'unknown dataset "l2y" (known: nri, listops, l2x)'],
  ])('%j → exit 2 and one line', async (argv, message) => {
    const r = await runWithStdin(argv, '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('sst train l2x', () => {
  it('trains on a data directory and prints test MSE and subset precision', async () => {
    const data = join(dir, 'train-data');
    expect(
      (
        await runWithStdin(
          ['data', 'l2x', '--out', data, '--train', '60', '--heldout', '2', '--test', '8'],
          '',
        )
      ).code,
    ).toBe(0);
    const out = join(dir, 'run');
    const argv = [
      'train',
      'l2x',
      '--aspect',
      'aroma',
      '--k',
      '5',
      '--relaxation',
      'top-k',
      '--data-dir',
      data,
    ];
    const r = await runWithStdin(
      [
        ...argv,
        '--steps',
        '3',
        '--hidden',
        '8',
        '--embedding',
        '8',
        '--max-length',
        '40',
        '--backend',
        'cpu',
        '--out',
        out,
      ],
      '',
    );
    expect(r.code, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({ aspect: 'aroma', relaxation: 'top-k', k: 5, step: 3 });
    expect(line.precision).toBeGreaterThanOrEqual(0);
    expect(line.mse).toBeGreaterThanOrEqual(0);
    // sst eval l2x on the same checkpoint (same backend) reproduces the run's final metrics.
    const e = await runWithStdin(['eval', 'l2x', '--checkpoint', out, '--backend', 'cpu'], '');
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout)).toEqual({ step: 3, mse: line.mse, precision: line.precision });
  });

  it('names a malformed data file and line', async () => {
    const bad = join(dir, 'bad');
    expect(
      (
        await runWithStdin(
          ['data', 'l2x', '--out', bad, '--train', '3', '--heldout', '1', '--test', '1'],
          '',
        )
      ).code,
    ).toBe(0);
    await writeFile(join(bad, 'train.txt'), '0.1 0.2 0.3 0.4 0.5\tok\nbroken line\n');
    const r = await runWithStdin(
      ['train', 'l2x', '--aspect', 'aroma', '--k', '2', '--relaxation', 'l2x', '--data-dir', bad],
      '',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${join(bad, 'train.txt')}:2: expected "<five ratings>\\t<tokens>", found no tab`,
    );
  });
});

describe('sst explain', () => {
  it('rates a review and marks exactly k selected words (brackets, --json)', async () => {
    const out = join(dir, 'run');
    const review = 'Pours a hazy amber. The nose is not very inviting, but the taste is great!';
    const r = await runWithStdin(['explain', '--checkpoint', out, '--no-color', review], '');
    expect(r.code, r.stderr).toBe(0);
    const [head, body] = r.stdout.trim().split('\n');
    expect(head).toMatch(/^aroma rating \d\.\d\d \(k = 5, top-k\)$/);
    expect(body.match(/\[[^\]]+\]/g)).toHaveLength(5);
    const j = await runWithStdin(['explain', '--checkpoint', out, '--json', review], '');
    const parsed = JSON.parse(j.stdout);
    expect(parsed.selected).toHaveLength(5);
    expect(parsed.tokens.slice(0, 5)).toEqual(['pours', 'a', 'hazy', 'amber', '.']);
    expect(parsed.rating).toBeGreaterThanOrEqual(0);
    expect(parsed.rating).toBeLessThanOrEqual(1);
    const c = await runWithStdin(['explain', '--checkpoint', out, '--color', review], '');
    expect(c.stdout.split('\x1b[7m').length - 1).toBe(5);
  });

  it('errors in one line', async () => {
    const r = await runWithStdin(['explain', 'some text'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('sst explain: --checkpoint is required (see --help)\n');
  });
});
