// `sst data nri`, in process: flag errors (exit 2, one line naming the flag and value), --help,
// a small run per source whose file loads back, progress lines, and the summary line.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGraphLayout, openDataset } from '@sst-tricks/nri';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DataNriOptions, dataNri } from '../src/data-nri/index.js';
import { type CliResult, capturingIo } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-data-nri-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], options?: DataNriOptions): Promise<CliResult> {
  const { io, result } = capturingIo();
  return result(await dataNri(args, io, options));
}

describe('sst data nri: bad flags', () => {
  const ok = ['--split', 'train', '--count', '10', '--out', 'x'];
  const cases: [string[], RegExp][] = [
    [['--count', '10', '--out', 'x'], /--split is required/],
    [['--split', 'train', '--out', 'x'], /--count is required/],
    [['--split', 'train', '--count', '10'], /--out is required/],
    [[...ok, '--split=dev'], /--split given twice/],
    [
      ['--split', 'dev', '--count', '10', '--out', 'x'],
      /--split must be one of train, valid, test, got "dev"/,
    ],
    [
      ['--split', 'train', '--count', 'many', '--out', 'x'],
      /--count must be an integer in 1\.\.\d+, got "many"/,
    ],
    [
      ['--split', 'train', '--count', '0', '--out', 'x'],
      /--count must be an integer in 1\.\.\d+, got "0"/,
    ],
    [['--split', 'train', '--count', '2.5', '--out', 'x'], /--count .*got "2.5"/],
    [[...ok, '--seed', '1e3'], /--seed must be an integer .*got "1e3"/],
    [[...ok, '--nodes', '1'], /--nodes must be an integer in 2\.\.1000, got "1"/],
    [
      [...ok, '--source', 'springs', '--nodes', '500'],
      /--nodes must be an integer in 2\.\.100, got "500"/,
    ],
    [[...ok, '--frames', '0'], /--frames must be an integer in 1\.\.100000, got "0"/],
    [
      [...ok, '--source', 'gravity'],
      /--source must be one of graph-layout, springs, charged, got "gravity"/,
    ],
    [['--split', 'train', '--count', '1', '--out='], /--out must be a directory path, got ""/],
    [[...ok, '--node', '5'], /unknown flag "--node"/],
    [[...ok, '--seed'], /--seed needs a value/],
    [[...ok, 'extra'], /unexpected argument "extra"/],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ')} → exit 2`, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.startsWith('sst data nri: ')).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('--help prints the usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: sst data nri --split train\|valid\|test --count N --out DIR/);
    expect(r.stdout).toMatch(/--source K/);
  });
});

describe('sst data nri: runs', () => {
  it('writes DIR/nri-graph-layout-train.bin with a one-line summary; it loads back', async () => {
    const out = join(dir, 'new', 'nested');
    const r = await run(['--split', 'train', '--count', '50', '--out', out, '--seed', '7']);
    expect(r.code).toBe(0);
    const path = join(out, 'nri-graph-layout-train.bin');
    expect(r.stdout).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 50 samples \\(graph-layout, train, seed 7, n = 10, T = 10\\), 42\\d{3} bytes, \\d+\\.\\d\\d s\\n$`,
      ),
    );
    const reader = await openDataset(path, {
      expect: { nodes: 10, frames: 10, count: 50, seed: 7 },
    });
    const batches = [];
    for await (const batch of reader.batches(50)) batches.push(batch);
    await reader.close();
    expect(batches[0].trajectories).toEqual(generateGraphLayout(7, 'train', 0, 50).trajectories);
    expect((await readdir(out)).sort()).toEqual(['nri-graph-layout-train.bin']);
  });

  it('springs and charged: the simulators’ defaults (n = 5) unless given; --frames applies', async () => {
    for (const source of ['springs', 'charged']) {
      const r = await run([
        '--split',
        'valid',
        '--count',
        '3',
        '--out',
        dir,
        '--source',
        source,
        '--frames',
        '4',
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          `nri-${source}-valid\\.bin: 3 samples \\(${source}, valid, seed 42, n = 5, T = 4\\)`,
        ),
      );
      const reader = await openDataset(join(dir, `nri-${source}-valid.bin`));
      expect(reader.header).toMatchObject({ kind: source, nodes: 5, frames: 4, features: 4 });
      await reader.close();
    }
  });

  it('prints progress lines (count, rate, ETA) on stderr at the interval', async () => {
    let clock = 0;
    const r = await run(
      ['--split', 'test', '--count', '3000', '--out', dir, '--nodes', '4', '--frames', '2'],
      {
        // Every call advances the fake clock by 0.3 s: a line every few chunks.
        now: () => (clock += 300),
        progressIntervalMs: 1000,
      },
    );
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(
        /^sst data nri: \d+\/3000 samples \(\d+%\), \d+ samples\/s, ETA \d+ (s|min \d\d s)$/,
      );
  });

  it('a file where DIR should be: one line, exit 1', async () => {
    const r = await run([
      '--split',
      'train',
      '--count',
      '1',
      '--out',
      join(dir, 'nri-springs-valid.bin'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^sst data nri: cannot write .*: (EEXIST|ENOTDIR)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
