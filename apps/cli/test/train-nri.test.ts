// `sst train nri` / `sst eval nri`, in process at tiny sizes (n = 5, T = 4, width 8, batch 4, cpu):
// checkpoints + JSONL log + table, --resume to more steps, eval equal to the run's last
// evaluation, Ctrl-C (abort) → checkpoint and exit 130, and one-line flag errors (exit 2).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listCheckpoints, readMetricsLog } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/commands.js';
import { type TrainNriCliOptions, trainNriCommand } from '../src/train-nri/index.js';
import { runWithStdin } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-train-nri-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TINY = ['--nodes', '5', '--frames', '4', '--hidden', '8', '--batch', '4', '--backend', 'cpu'];

function run(argv: string[]) {
  return runWithStdin(argv, '');
}

/** The table's data rows as arrays of cells. */
function rows(table: string): string[][] {
  const lines = table
    .trim()
    .split('\n')
    .filter((line) => !line.includes('held-out edge precision'));
  expect(lines[0]).toMatch(
    /^\s*step\s+ELBO\s+NLL\s+KL\s+precision\s+recall\s+steps\/s\s+wall time$/,
  );
  return lines.slice(1).map((line) => line.trim().split(/\s{2,}/));
}

describe('sst train nri / sst eval nri', () => {
  it('trains, writes checkpoints and a JSONL log, prints the table; resumes; eval matches', async () => {
    const out = join(dir, 'run');
    const first = await run([
      'train',
      'nri',
      '--latent',
      'spanning-tree',
      ...TINY,
      '--steps',
      '10',
      '--eval-every',
      '5',
      '--checkpoint-every',
      '5',
      '--out',
      out,
      '--seed',
      '3',
    ]);
    expect(first.stderr).toContain('sst train nri: spanning-tree, backend cpu');
    expect(first.code).toBe(0);
    expect(listCheckpoints(out).map((c) => c.step)).toEqual([5, 10]);
    const log = readMetricsLog(join(out, 'metrics.jsonl'));
    expect(log.filter((r) => r.kind === 'step')).toHaveLength(10);
    const table1 = rows(first.stdout);
    const final = first.stdout.trim().split('\n').at(-1) ?? '';
    expect(final).toMatch(
      /^spanning-tree: held-out edge precision [\d.]+, recall [\d.]+, ELBO -?[\d.]+ at step 10, .* of training$/,
    );
    expect(final).toContain(`precision ${Number(Number(table1[1][4]).toPrecision(4))},`);
    expect(table1.map((r) => r[0])).toEqual(['5', '10']);

    const resumed = await run([
      'train',
      'nri',
      '--latent',
      'spanning-tree',
      '--backend',
      'cpu',
      '--steps',
      '15',
      '--eval-every',
      '5',
      '--checkpoint-every',
      '5',
      '--out',
      out,
      '--resume',
    ]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(
      /width 8, batch 4, .* n = 5, T = 4, prediction steps 1, tied message init, seed 3/,
    );
    expect(resumed.stderr).toMatch(/resuming at step 10\/15/);
    expect(listCheckpoints(out).at(-1)?.step).toBe(15);
    const table2 = rows(resumed.stdout);
    expect(table2.map((r) => r[0])).toEqual(['5', '10', '15']);
    expect(table2.slice(0, 2).map((r) => r.slice(0, 6))).toEqual(table1.map((r) => r.slice(0, 6)));

    const evaluated = await run(['eval', 'nri', '--checkpoint', out, '--backend', 'cpu']);
    expect(evaluated.code).toBe(0);
    const [row] = rows(evaluated.stdout);
    expect(row[0]).toBe('15');
    for (const cell of row.slice(1, 6)) expect(Number.isFinite(Number(cell))).toBe(true);
    expect(row.slice(0, 6)).toEqual(table2[2].slice(0, 6));
    const lastEval = log.length > 0 ? readMetricsLog(join(out, 'metrics.jsonl')).at(-1) : undefined;
    expect(lastEval?.kind).toBe('eval');
  }, 30_000);

  it('--restarts: trains the candidates, names each ELBO, continues the best', async () => {
    const out = join(dir, 'restarts');
    const r = await run([
      'train',
      'nri',
      '--latent',
      'spanning-tree',
      ...TINY,
      '--steps',
      '6',
      '--restarts',
      '2',
      '--restart-steps',
      '3',
      '--restart-accept',
      'none',
      '--seed',
      '5',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('restart candidate 1/2 (seed 5)');
    expect(r.stderr).toContain('restart candidate 2/2 (seed 6)');
    const elbos = [...r.stderr.matchAll(/candidate \d \(seed (\d)\): validation ELBO (-?[\d.]+)/g)];
    // Candidates train side by side (--restart-concurrency defaults to one per core): either may end first.
    expect(elbos.map((m) => m[1]).sort()).toEqual(['5', '6']);
    const best = elbos.reduce((a, b) => (Number(b[2]) > Number(a[2]) ? b : a));
    expect(r.stderr).toContain(`continuing seed ${best[1]} (best validation ELBO ${best[2]})`);
    expect(listCheckpoints(out).at(-1)?.step).toBe(6);
    expect(rows(r.stdout).map((row) => row[0])).toEqual(['3', '6']);
    // The same command with --resume and more steps continues the chosen run (base seed given).
    const more = await run([
      'train',
      'nri',
      '--latent',
      'spanning-tree',
      ...TINY,
      '--steps',
      '8',
      '--restarts',
      '2',
      '--restart-steps',
      '3',
      '--seed',
      '5',
      '--out',
      out,
      '--resume',
    ]);
    expect(more.code, more.stderr).toBe(0);
    expect(more.stderr).toContain(`continuing seed ${best[1]}`);
    expect(more.stderr).not.toContain('restart candidate');
    expect(listCheckpoints(out).at(-1)?.step).toBe(8);
  }, 60_000);

  it('--restart-accept: keeps the first good-enough candidate and trains no later one', async () => {
    const argv = (out: string, accept: string) => [
      'train',
      'nri',
      '--latent',
      'spanning-tree',
      ...TINY,
      '--steps',
      '6',
      '--restarts',
      '3',
      '--restart-steps',
      '3',
      '--restart-accept',
      accept,
      '--seed',
      '5',
      '--out',
      out,
    ];
    // Every ELBO reaches −1e9: seed 5 is kept, seeds 6 and 7 never train.
    const low = join(dir, 'accept-low');
    const r = await run(argv(low, '-1e9'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('restart candidate 1/3 (seed 5)');
    expect(r.stderr).not.toContain('restart candidate 2/3');
    expect(r.stderr).toMatch(/continuing seed 5 \(validation ELBO -?[\d.]+ ≥ -1000000000\)/);
    expect(existsSync(join(low, 'restart-1'))).toBe(false);
    expect(listCheckpoints(low).at(-1)?.step).toBe(6);
    // No ELBO reaches 0 (an ELBO is a log-likelihood bound of continuous data, here negative):
    // all three train, one after the other, and the best is kept.
    const high = join(dir, 'accept-high');
    const h = await run(argv(high, '0'));
    expect(h.code, h.stderr).toBe(0);
    const elbos = [...h.stderr.matchAll(/candidate (\d) \(seed \d\): validation ELBO (-?[\d.]+)/g)];
    expect(elbos.map((m) => m[1])).toEqual(['1', '2', '3']);
    expect(elbos.every((m) => Number(m[2]) < 0)).toBe(true);
    expect(h.stderr).toContain('(best validation ELBO');
  }, 60_000);

  it('rejects a malformed --restart-accept', async () => {
    const r = await run(['train', 'nri', '--latent', 'spanning-tree', '--restart-accept', 'high']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'sst train nri: --restart-accept must be a number or none, got "high"',
    );
  });

  it('stops on abort (Ctrl-C) after the current step with a checkpoint and exit 130', async () => {
    const out = join(dir, 'stop');
    let stderr = '';
    let stdout = '';
    const controller = new AbortController();
    const io: CliIo = {
      readStdin: async () => '',
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
        if (t.includes(' 2/20 ')) controller.abort();
      },
    };
    const options: TrainNriCliOptions = { progressIntervalMs: 0, signal: controller.signal };
    const code = await trainNriCommand(
      ['--latent', 'independent', ...TINY, '--steps', '20', '--out', out],
      io,
      options,
    );
    expect(code).toBe(130);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n').at(-1)).toMatch(
      /^sst train nri: interrupted at step 2\/20; checkpoint .*step-000000002\.json \(continue with --resume\)$/,
    );
    expect(existsSync(join(out, 'step-000000002.json'))).toBe(true);
  }, 30_000);

  it('rewrites the progress line in place on a terminal', async () => {
    let stderr = '';
    const io: CliIo = {
      readStdin: async () => '',
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
    };
    const out = join(dir, 'tty');
    const code = await trainNriCommand(
      ['--latent', 'top-k', ...TINY, '--steps', '3', '--out', out],
      io,
      { tty: true, progressIntervalMs: 0 },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('\rsst train nri: [');
    expect(stderr).toMatch(/done/);
  }, 30_000);

  const bad: [string[], RegExp][] = [
    [['train', 'foo'], /^sst train: unknown model "foo" \(known: nri, listops, l2x\)$/],
    [['eval', 'foo'], /^sst eval: unknown model "foo" \(known: nri, listops, l2x\)$/],
    [['train', 'nri'], /^sst train nri: --latent is required/],
    [
      ['train', 'nri', '--latent', 'tree'],
      /--latent must be one of spanning-tree, top-k, independent, got "tree"$/,
    ],
    [
      ['train', 'nri', '--latent', 'top-k', '--config', 'gpu'],
      /--config must be one of cpu, paper, got "gpu"$/,
    ],
    [
      ['train', 'nri', '--latent', 'top-k', '--steps', '0'],
      /--steps must be an integer in 1\.\.\d+, got "0"$/,
    ],
    [
      ['train', 'nri', '--latent', 'top-k', '--lr', '-1'],
      /--lr must be a positive number, got "-1"$/,
    ],
    [
      ['train', 'nri', '--latent', 'top-k', '--temperature', 'hot'],
      /--temperature must be a positive number, got "hot"$/,
    ],
    [
      ['train', 'nri', '--latent', 'top-k', '--batch', '2.5'],
      /--batch must be an integer .*got "2.5"$/,
    ],
    [
      ['train', 'nri', '--latent', 'top-k', '--backend', 'gpu'],
      /--backend must be one of wasm, cpu, got "gpu"$/,
    ],
    [
      ['train', 'nri', '--latent', 'top-k', '--message-init', 'zero'],
      /--message-init must be one of tied, independent, got "zero"$/,
    ],
    [
      ['train', 'nri', '--latent', 'top-k', '--prediction-steps', '0'],
      /--prediction-steps must be an integer in 1\.\.\d+, got "0"$/,
    ],
    [['train', 'nri', '--latent', 'top-k', '--resume=yes'], /--resume takes no value, got "yes"$/],
    [['train', 'nri', '--latent', 'top-k', '--hiden', '8'], /unknown flag "--hiden"/],
    [['eval', 'nri'], /^sst eval nri: --checkpoint is required/],
    [
      ['eval', 'nri', '--checkpoint', '/nonexistent/run'],
      /^sst eval nri: --checkpoint "\/nonexistent\/run": .*does not exist$/,
    ],
    [
      ['eval', 'nri', '--checkpoint', 'x', '--batches', '0'],
      /--batches must be an integer in 1\.\.\d+, got "0"$/,
    ],
  ];
  for (const [argv, message] of bad) {
    it(`sst ${argv.join(' ')} → exit 2, one line`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(message);
    });
  }

  it('prints help for train nri and eval nri', async () => {
    const train = await run(['train', 'nri', '--help']);
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/--config cpu\|paper/);
    expect(train.stdout).toMatch(/--prediction-steps P/);
    const evaluate = await run(['eval', 'nri', '--help']);
    expect(evaluate.code).toBe(0);
    expect(evaluate.stdout).toMatch(/--checkpoint DIR\|FILE/);
  });
});
