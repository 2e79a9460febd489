// A real crash of the built `sst train nri` (tiny sizes, cpu): the process is SIGKILLed as soon as
// its second checkpoint exists; `--resume` then finishes the run, and its final evaluation and
// checkpointed weights equal those of an uninterrupted run with the same seed, bit for bit.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listCheckpoints, readCheckpoint, readMetricsLog } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const STEPS = 150;
const EVERY = 20;
const ARGS = [
  'train',
  'nri',
  '--latent',
  'spanning-tree',
  '--nodes',
  '5',
  '--frames',
  '4',
  '--hidden',
  '8',
  '--batch',
  '4',
  '--backend',
  'cpu',
  '--steps',
  String(STEPS),
  '--eval-every',
  '50',
  '--checkpoint-every',
  String(EVERY),
  '--seed',
  '11',
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-train-nri-kill-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI; `watch` is polled every few ms and may kill the child. */
function sst(
  args: string[],
  watch?: (child: ChildProcess) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = watch === undefined ? undefined : setInterval(() => watch(child), 2);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** The last evaluation in a run's metrics log and the final checkpoint's weights. */
function finalState(out: string) {
  const evals = readMetricsLog(join(out, 'metrics.jsonl')).filter((r) => r.kind === 'eval');
  const last = listCheckpoints(out).at(-1);
  if (last === undefined) throw new Error(`no checkpoint in ${out}`);
  const { manifest } = readCheckpoint(last.path);
  return { step: manifest.step, lastEval: evals.at(-1), payloadSha256: manifest.payload.sha256 };
}

describe('sst train nri under SIGKILL', () => {
  it('resumes from the last checkpoint to the uninterrupted run’s final metrics', async () => {
    const straight = join(dir, 'straight');
    const plain = await sst([...ARGS, '--out', straight]);
    expect(plain.code, plain.stderr).toBe(0);

    const killed = join(dir, 'killed');
    const crash = await sst([...ARGS, '--out', killed], (child) => {
      if (child.exitCode === null && listCheckpoints(killed).length >= 2) child.kill('SIGKILL');
    });
    expect(crash.signal).toBe('SIGKILL');
    const survivors = listCheckpoints(killed).map((c) => c.step);
    expect(survivors.at(-1)).toBeGreaterThanOrEqual(2 * EVERY);
    expect(survivors.at(-1)).toBeLessThan(STEPS);

    const resumed = await sst([...ARGS, '--out', killed, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming at step ${survivors.at(-1)}/${STEPS}`);

    const a = finalState(straight);
    const b = finalState(killed);
    expect(b.step).toBe(STEPS);
    expect(b.lastEval).toEqual({ ...a.lastEval, elapsed: b.lastEval?.elapsed });
    // Weights, Adam moments and RNG states: the payload's digest.
    expect(b.payloadSha256).toBe(a.payloadSha256);
  }, 60_000);
});
