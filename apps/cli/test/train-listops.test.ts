// sst train listops / eval listops / parse on a tiny configuration: the table, a checkpoint that
// `eval --split valid` reproduces, the parse printout, and a SIGKILLed run that --resume finishes
// with the uninterrupted run's exact payload.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCheckpoints, readCheckpoint, readMetricsLog } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithStdin } from './run-cli.js';

const TINY = [
  '--train-size',
  '200',
  '--valid-size',
  '32',
  '--test-size',
  '32',
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
  '--seed',
  '2',
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-train-listops-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sst train listops, eval listops, parse', () => {
  it('trains, and eval reproduces the run’s last validation row; parse prints value and tree', async () => {
    const out = join(dir, 'run');
    const train = await runWithStdin(
      ['train', 'listops', ...TINY, '--steps', '20', '--eval-every', '10', '--out', out],
      '',
    );
    expect(train.code, train.stderr).toBe(0);
    const rows = train.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/step\s+accuracy\s+arc prec\.\s+arc rec\.\s+exact parse\s+loss/);
    expect(rows).toHaveLength(3);
    const metricCells = (row: string) => row.trim().split(/\s+/).slice(0, 6);
    const evalRun = await runWithStdin(
      ['eval', 'listops', '--checkpoint', out, '--split', 'valid', '--backend', 'cpu'],
      '',
    );
    expect(evalRun.code, evalRun.stderr).toBe(0);
    expect(metricCells(evalRun.stdout.trim().split('\n')[1])).toEqual(metricCells(rows[2]));

    const parse = await runWithStdin(
      ['parse', '--checkpoint', out, '--backend', 'cpu', '[MAX 2 [MIN 3 4 ] ]'],
      '',
    );
    expect(parse.code, parse.stderr).toBe(0);
    const lines = parse.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^value \d \(true value 3, p = 0\.\d{3}\)$/);
    // An arborescence: a tree of all 7 tokens under "[MAX".
    expect(lines[1]).toBe('[MAX');
    expect(lines).toHaveLength(8);
    const json = await runWithStdin(
      ['parse', '--checkpoint', out, '--backend', 'cpu', '--json', '( [MAX 2 ) ]'],
      '',
    );
    const parsed = JSON.parse(json.stdout);
    expect(parsed.tokens).toEqual(['[MAX', '2', ']']);
    expect(parsed.trueValue).toBe(2);
    // An arborescence over the 3 tokens (which one depends on the barely trained weights): two
    // arcs, and the heads say the same.
    expect(parsed.arcs).toHaveLength(2);
    expect(parsed.heads[0]).toBe(-1);
    for (const [h, c] of parsed.arcs) expect(parsed.heads[c]).toBe(h);
    expect(parsed.probabilities).toHaveLength(10);

    const bad = await runWithStdin(['parse', '--checkpoint', out, '[MAX 2'], '');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has no closing');
  }, 60_000);
});

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const register = fileURLToPath(new URL('../../../tooling/ts-source/register.mjs', import.meta.url));
const KILL_ARGS = [
  'train',
  'listops',
  ...TINY,
  '--steps',
  '60',
  '--eval-every',
  '30',
  '--checkpoint-every',
  '10',
];

function sst(args: string[], watch?: (child: ChildProcess) => void) {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', register, main, ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = watch === undefined ? undefined : setInterval(() => watch(child), 2);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearInterval(timer);
        resolve({ code, signal, stderr });
      });
    },
  );
}

function finalState(out: string) {
  const evals = readMetricsLog(join(out, 'metrics.jsonl')).filter((r) => r.kind === 'eval');
  const last = listCheckpoints(out).at(-1);
  if (last === undefined) throw new Error(`no checkpoint in ${out}`);
  const { manifest } = readCheckpoint(last.path);
  return { step: manifest.step, lastEval: evals.at(-1), payloadSha256: manifest.payload.sha256 };
}

describe('sst train listops under SIGKILL', () => {
  it('--resume finishes with the uninterrupted run’s metrics and payload', async () => {
    const straight = join(dir, 'straight');
    const plain = await sst([...KILL_ARGS, '--out', straight]);
    expect(plain.code, plain.stderr).toBe(0);
    const killed = join(dir, 'killed');
    const crash = await sst([...KILL_ARGS, '--out', killed], (child) => {
      if (child.exitCode === null && listCheckpoints(killed).length >= 2) child.kill('SIGKILL');
    });
    expect(crash.signal).toBe('SIGKILL');
    const survivors = listCheckpoints(killed).map((c) => c.step);
    expect(survivors.at(-1)).toBeLessThan(60);
    const resumed = await sst([...KILL_ARGS, '--out', killed, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const a = finalState(straight);
    const b = finalState(killed);
    expect(b.step).toBe(60);
    expect(b.lastEval).toEqual({ ...a.lastEval, elapsed: b.lastEval?.elapsed });
    expect(b.payloadSha256).toBe(a.payloadSha256);
  }, 120_000);
});
