// Restart candidates in worker threads (concurrency > 1): the same selection, continued run and
// candidate checkpoints as the sequential run, bit for bit; every candidate's events reach the
// parent; a stop (Ctrl-C) resumes to the uninterrupted result; a failing candidate ends the run
// with an error naming it and leaves the others' checkpoints resumable.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RunIdentity, TrainWithRestartsOptions } from '../src/index.js';
import {
  latestCheckpoint,
  RestartCandidateError,
  readRestartSelection,
  trainWithRestarts,
} from '../src/index.js';
import { describeOnCpu } from './backends.js';
import { snapshot, temporaryDirectories } from './helpers.js';
import type { ToyWorkerData } from './restarts/candidate-worker.js';
import { type ToyRun, trainToy } from './restarts/toy-restarts.js';

const directory = temporaryDirectories();
const PLAN = { candidates: 3, steps: 8 };
const STEPS = 12;
const WORKER = new URL('./restarts/candidate-worker.ts', import.meta.url);

function options(
  dir: string,
  extra: Partial<TrainWithRestartsOptions<ToyRun>> & { data?: ToyWorkerData } = {},
): TrainWithRestartsOptions<ToyRun> {
  const { data = {}, ...rest } = extra;
  return {
    directory: dir,
    baseSeed: 11,
    restarts: PLAN,
    metric: { name: 'mse', better: 'lower' },
    steps: STEPS,
    train: (run) => trainToy(run, { signal: extra.signal }),
    release: (outcome) => outcome.model.dispose(),
    worker: { url: WORKER, data },
    stopped: async (run, result) => {
      const restored = await trainToy(
        { ...run, resume: result.checkpoint as string },
        {
          signal: AbortSignal.abort(),
        },
      );
      return { ...restored, result };
    },
    ...rest,
  };
}

/** The selection file, the continued run and every candidate's last checkpoint. */
function everything(dir: string) {
  return {
    selection: readRestartSelection(dir, 'mse'),
    continued: snapshot(dir),
    candidates: Array.from({ length: PLAN.candidates }, (_, i) =>
      snapshot(join(dir, `restart-${i}`)),
    ),
  };
}

describeOnCpu('trainWithRestarts with concurrency (worker threads)', () => {
  let sequential: ReturnType<typeof everything>;

  it("gives the sequential result bit for bit, with every candidate's events", async () => {
    const seq = directory();
    (await trainWithRestarts(options(seq))).model.dispose();
    sequential = everything(seq);
    for (const concurrency of [3]) {
      const dir = directory();
      const steps = new Map<number | null, number>();
      const { model, result } = await trainWithRestarts(
        options(dir, {
          concurrency,
          onWorkerEvent: (event, run: RunIdentity) => {
            if (event.type === 'step') steps.set(run.index, (steps.get(run.index) ?? 0) + 1);
          },
        }),
      );
      model.dispose();
      expect(result.step).toBe(STEPS);
      expect(everything(dir), `concurrency ${concurrency}`).toEqual(sequential);
      expect([...steps.entries()].sort()).toEqual([
        [0, PLAN.steps],
        [1, PLAN.steps],
        [2, PLAN.steps],
      ]);
    }
  }, 120_000);

  it('with accept, chooses as the sequential run (the first good-enough candidate)', async () => {
    // Candidate 1's own metric as the threshold: the first to reach it is 0 or 1.
    const accept = sequential.selection?.candidates[1].mse as number;
    const restarts = { ...PLAN, accept };
    const seq = directory();
    (await trainWithRestarts(options(seq, { restarts }))).model.dispose();
    const dir = directory();
    (await trainWithRestarts(options(dir, { restarts, concurrency: 3 }))).model.dispose();
    expect(readRestartSelection(dir, 'mse')).toEqual(readRestartSelection(seq, 'mse'));
    expect(readRestartSelection(dir, 'mse')?.candidates.length).toBeLessThan(PLAN.candidates);
    expect(snapshot(dir)).toEqual(snapshot(seq));
  }, 120_000);

  it('a stop while the candidates train resumes to the same result', async () => {
    const dir = directory();
    const controller = new AbortController();
    const first = await trainWithRestarts(
      options(dir, {
        concurrency: 2,
        signal: controller.signal,
        onWorkerEvent: (event, run) => {
          if (run.index === 1 && event.type === 'step' && event.step === 5) controller.abort();
        },
      }),
    );
    // The returned model is the stopped candidate's, at the step it reached.
    expect(first.result.stopped).toBe(true);
    first.model.dispose();
    expect(readRestartSelection(dir, 'mse')?.chosen).toBeNull();
    const resumed = await trainWithRestarts(options(dir, { concurrency: 2, resume: true }));
    resumed.model.dispose();
    expect(everything(dir)).toEqual(sequential);
  }, 120_000);

  for (const how of ['throw', 'exit'] as const) {
    it(`a candidate that fails (${how}) ends the run naming it; the others resume`, async () => {
      const dir = directory();
      const failing = options(dir, { concurrency: 2, data: { fail: { seed: 12, step: 5, how } } });
      const error = await trainWithRestarts(failing).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestartCandidateError);
      expect((error as RestartCandidateError).index).toBe(1);
      expect((error as Error).message).toMatch(
        how === 'throw'
          ? /restart candidate 1 \(seed 12, .*restart-1\) failed: Error: boom at step 5; the other candidates were stopped with their checkpoints intact/
          : /restart candidate 1 \(seed 12, .*restart-1\) failed: its worker exited with code 3 before reporting a result/,
      );
      // Candidate 0 was stopped or had finished: its checkpoint is there; no choice was made.
      expect(latestCheckpoint(join(dir, 'restart-0'))).not.toBeNull();
      expect(readRestartSelection(dir, 'mse')?.chosen).toBeNull();
      const resumed = await trainWithRestarts(options(dir, { concurrency: 2, resume: true }));
      resumed.model.dispose();
      expect(everything(dir)).toEqual(sequential);
    }, 120_000);
  }
});
