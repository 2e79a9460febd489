// `sst bench gradients`: flag errors (exit 2, one line naming the flag and value), --help, and a
// small real run whose table shows SST's variance far below REINFORCE's.
import { describe, expect, it } from 'vitest';
import { benchGradients } from '../src/bench-gradients/index.js';
import { type CliResult, capturingIo } from './run-cli.js';

async function run(args: string[]): Promise<CliResult> {
  const { io, result } = capturingIo();
  return result(await benchGradients(args, io));
}

describe('sst bench gradients: bad flags', () => {
  const cases: [string[], RegExp][] = [
    [['--samples', 'ten'], /--samples must be an integer in 2\.\.\d+, got "ten"/],
    [['--samples=1'], /--samples must be an integer in 2\.\.\d+, got "1"/],
    [['--samples', '2.5'], /--samples .*got "2.5"/],
    [['--seed', 'x'], /--seed must be an integer .*got "x"/],
    [['--samples-per-estimate', '1'], /--samples-per-estimate .*got "1"/],
    [
      ['--structures', 'one-hot,tree'],
      /--structures: "tree" is not a structure \(known: one-hot, k-subset, spanning-tree\)/,
    ],
    [['--structures', 'one-hot,'], /--structures must be a comma-separated list .*got "one-hot,"/],
    [['--temperatures', '0.5,0'], /--temperatures: each must be a finite number > 0, got "0"/],
    [['--temperatures', 'hot'], /--temperatures: .*got "hot"/],
    [['--temperature', '1'], /unknown flag "--temperature"/],
    [['--samples'], /--samples needs a value/],
    [['gradients'], /unexpected argument "gradients"/],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ')} → exit 2`, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.startsWith('sst bench gradients: ')).toBe(true);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('--help prints the usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: sst bench gradients/);
    expect(r.stdout).toMatch(/--temperatures LIST/);
  });
});

describe('sst bench gradients: a small run', () => {
  it('prints the header, one row per estimator × temperature, and SST ≪ REINFORCE in variance', async () => {
    const r = await run([
      '--samples',
      '300',
      '--structures',
      'one-hot,spanning-tree',
      '--temperatures=0.5,1',
      '--seed',
      '3',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^loss \(⟨a, x⟩ − 1\)² .*reference: the exact .*Plackett–Luce enumeration.*300 estimates × 4 samples .*seed 3, backend \w+/,
    );
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| structure'));
    // per structure: 2 temperatures × (sst, straight-through) + 3 REINFORCE rows
    expect(rows).toHaveLength(2 * 7);
    const cells = rows.map((l) =>
      l
        .split('|')
        .map((c) => c.trim())
        .slice(1, -1),
    );
    for (const c of cells) {
      expect(c).toHaveLength(8);
      expect(Number(c[3])).toBeGreaterThanOrEqual(0);
      expect(Number(c[7])).toBeGreaterThan(0);
    }
    const ratio = (structure: string, estimator: string, t: string) =>
      Number(
        cells.find((c) => c[0].startsWith(structure) && c[1] === estimator && c[2] === t)?.[6],
      );
    expect(ratio('spanning-tree', 'sst', '0.5')).toBeLessThan(0.2);
    expect(ratio('one-hot', 'sst', '1')).toBeLessThan(0.2);
    expect(ratio('one-hot', 'reinforce', '—')).toBe(1);
    expect(r.stdout).toMatch(/spanning-tree \(n = 4\): θ = \[.*\], a = \[/);
    expect(r.stderr).toMatch(/\[4\/4\] spanning-tree \(n = 4\), t = 1: 300 estimates in/);
  }, 20_000);
});
