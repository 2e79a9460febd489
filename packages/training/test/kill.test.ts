// A real crash: a child `node` process trains the toy model and is SIGKILLed mid-run; resuming
// from its directory loses at most one checkpoint interval and ends bit-identical to an
// uninterrupted run. The child runs the TypeScript sources through @sst-tricks/tooling/ts-source.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { expect, it } from 'vitest';
import { listCheckpoints, train } from '../src/index.js';
import { describeOnCpu } from './backends.js';
import { snapshot, temporaryDirectories } from './helpers.js';
import {
  createToyModel,
  type ToyBatch,
  type ToyEvalBatch,
  toyBatch,
  toyValidation,
} from './toy-model.js';

const STEPS = 60;
const EVERY = 10;
const directory = temporaryDirectories();

/** The child's settings, in process (cpu, like the child). */
async function runToy(dir: string, onStart?: (step: number) => void) {
  const model = createToyModel(new RandomGenerator(1));
  try {
    await train<ToyBatch, ToyEvalBatch>({
      model,
      data: toyBatch,
      seed: 3,
      steps: STEPS,
      optimizer: { learningRate: 0.02 },
      evaluation: { every: 10, batches: () => toyValidation(new RandomGenerator(99)) },
      checkpoint: { directory: dir, every: EVERY },
      resume: true,
      onEvent: (event) => {
        if (event.type === 'start') onStart?.(event.step);
      },
    });
  } finally {
    model.dispose();
  }
}

/** Spawns the child; resolves when it exits, with its events. `onEvent` may kill it. */
function runChild(
  dir: string,
  onEvent: (event: { type: string; step: number }, child: ChildProcess) => void,
): Promise<{ signal: NodeJS.Signals | null; events: { type: string; step: number }[] }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      '@sst-tricks/tooling/ts-source',
      'test/child/train-toy.ts',
      dir,
      String(STEPS),
      String(EVERY),
      '15',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const events: { type: string; step: number }[] = [];
  let stderr = '';
  let pending = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdout?.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line);
      events.push(event);
      onEvent(event, child);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve({ signal, events });
    });
  });
}

describeOnCpu('SIGKILL mid-run', () => {
  it('resumes from the last checkpoint, losing at most one interval, to the uninterrupted result', async () => {
    const straight = directory();
    await runToy(straight);

    const killed = directory();
    // First kill a few steps after a checkpoint; then, in a second child that resumes, right as
    // step 40 completes — while its evaluation and checkpoint are being written.
    for (const killAt of [2 * EVERY + 3, 4 * EVERY]) {
      const { signal, events } = await runChild(killed, (event, child) => {
        if (event.type === 'step' && event.step === killAt) child.kill('SIGKILL');
      });
      expect(signal).toBe('SIGKILL');
      const lastStep = Math.max(...events.filter((e) => e.type === 'step').map((e) => e.step));
      expect(lastStep).toBeLessThan(STEPS);
      expect(events.some((e) => e.type === 'done')).toBe(false);
      const written = listCheckpoints(killed).map(({ step }) => step);
      // At most one checkpoint interval is lost.
      expect(written.at(-1)).toBeGreaterThanOrEqual(lastStep - EVERY);
    }

    const lastWritten = listCheckpoints(killed).at(-1)?.step;
    let resumedAt = -1;
    await runToy(killed, (step) => {
      resumedAt = step;
    });
    expect(resumedAt).toBe(lastWritten);
    expect(resumedAt).toBeGreaterThanOrEqual(3 * EVERY);
    expect(snapshot(killed)).toEqual(snapshot(straight));
  }, 180_000); // ≈ 10 s alone; child processes load slowly on a busy machine
});
