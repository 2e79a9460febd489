// trainWithRestarts on the toy model: the winner is the best candidate by the named metric (each
// candidate checked against a plain run of its seed), the continued run equals the winner's seed
// trained straight through, a resume from every stage (mid-candidate, between candidates, after
// the choice, mid-continuation) ends bit-identical to the uninterrupted selection, and the error
// paths name what is wrong.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RestartEvent, RestartMetric, TrainWithRestartsOptions } from '../src/index.js';
import { readRestartSelection, trainWithRestarts } from '../src/index.js';
import { describeOnCpu } from './backends.js';
import { snapshot, temporaryDirectories } from './helpers.js';
import { type ToyRun, trainToy } from './restarts/toy-restarts.js';

const directory = temporaryDirectories();
const PLAN = { candidates: 3, steps: 8 };
const STEPS = 16;
const BASE = 11;
const MSE: RestartMetric = { name: 'mse', better: 'lower' };

function options(
  dir: string,
  extra: Partial<TrainWithRestartsOptions<ToyRun>> & {
    abortOn?: (e: RestartEvent | string) => boolean;
  } = {},
): TrainWithRestartsOptions<ToyRun> {
  const controller = new AbortController();
  const { abortOn, ...rest } = extra;
  let candidate: number | null = null;
  return {
    directory: dir,
    baseSeed: BASE,
    restarts: PLAN,
    metric: MSE,
    steps: STEPS,
    signal: controller.signal,
    train: (run) =>
      trainToy(run, {
        signal: controller.signal,
        onEvent: (event) => {
          // "checkpoint in candidate i" / "checkpoint in the continuation"
          if (event.type === 'checkpoint' && event.step > 0) {
            const where = candidate === null ? 'continuation' : `candidate ${candidate}`;
            if (abortOn?.(`checkpoint in ${where}`) === true) controller.abort();
          }
        },
      }),
    release: (outcome) => outcome.model.dispose(),
    onRestart: (event) => {
      if (event.type === 'candidate-start') candidate = event.index;
      if (event.type === 'chosen') candidate = null;
      if (abortOn?.(event) === true) controller.abort();
    },
    ...rest,
  };
}

describeOnCpu('trainWithRestarts (toy model)', () => {
  it('keeps the best candidate by the metric and continues it exactly', async () => {
    // The oracle: each seed trained alone for the plan's steps.
    const alone: number[] = [];
    for (let i = 0; i < PLAN.candidates; i++) {
      const { model, result } = await trainToy({
        seed: BASE + i,
        steps: PLAN.steps,
        directory: directory(),
        resume: true,
      });
      model.dispose();
      alone.push(result.evaluations.at(-1)?.metrics.mse as number);
    }
    expect(new Set(alone).size).toBe(PLAN.candidates);
    for (const better of ['lower', 'higher'] as const) {
      const dir = directory();
      const events: RestartEvent[] = [];
      const { model, result } = await trainWithRestarts(
        options(dir, {
          metric: { name: 'mse', better },
          onRestart: (event) => events.push(event),
        }),
      );
      const pick = better === 'lower' ? Math.min(...alone) : Math.max(...alone);
      const winner = BASE + alone.indexOf(pick);
      expect(readRestartSelection(dir, 'mse')).toEqual({
        baseSeed: BASE,
        restarts: PLAN,
        totalSteps: STEPS,
        candidates: alone.map((mse, i) => ({ seed: BASE + i, mse })),
        chosen: winner,
      });
      expect(events.filter((e) => e.type === 'candidate-end')).toEqual(
        alone.map((value, index) => ({
          type: 'candidate-end',
          index,
          seed: BASE + index,
          metric: 'mse',
          value,
        })),
      );
      expect(events.at(-1)).toEqual({ type: 'chosen', seed: winner, metric: 'mse', value: pick });
      expect(result.step).toBe(STEPS);
      model.dispose();
      // The continued run = the winner's seed trained STEPS steps straight (bit for bit).
      const straight = directory();
      const plain = await trainToy({
        seed: winner,
        steps: STEPS,
        directory: straight,
        resume: true,
      });
      plain.model.dispose();
      expect(snapshot(dir)).toEqual(snapshot(straight));
    }
  }, 60_000);

  it('with accept, keeps the first good-enough candidate and trains no later one', async () => {
    const alone: number[] = [];
    for (let i = 0; i < PLAN.candidates; i++) {
      const { model, result } = await trainToy({
        seed: BASE + i,
        steps: PLAN.steps,
        directory: directory(),
        resume: true,
      });
      model.dispose();
      alone.push(result.evaluations.at(-1)?.metrics.mse as number);
    }
    // Candidate 1 is the first to reach the threshold (0 misses it), whatever candidate 2 does.
    const ordered = alone[0] > alone[1];
    const first = ordered ? 1 : 0;
    const accept = alone[first];
    const dir = directory();
    const events: RestartEvent[] = [];
    const { model } = await trainWithRestarts(
      options(dir, {
        restarts: { ...PLAN, accept },
        onRestart: (event) => events.push(event),
      }),
    );
    model.dispose();
    expect(readRestartSelection(dir, 'mse')).toEqual({
      baseSeed: BASE,
      restarts: { ...PLAN, accept },
      totalSteps: STEPS,
      candidates: alone.slice(0, first + 1).map((mse, i) => ({ seed: BASE + i, mse })),
      chosen: BASE + first,
    });
    const started = events.filter((e) => e.type === 'candidate-start').map((e) => e.index);
    expect(started).toEqual(Array.from({ length: first + 1 }, (_, i) => i));
    expect(existsSync(join(dir, `restart-${first + 1}`))).toBe(false);
    const straight = directory();
    const plain = await trainToy({
      seed: BASE + first,
      steps: STEPS,
      directory: straight,
      resume: true,
    });
    plain.model.dispose();
    expect(snapshot(dir)).toEqual(snapshot(straight));
    // A threshold no candidate reaches: all train and the best is kept, as without one.
    const none = directory();
    (
      await trainWithRestarts(
        options(none, { restarts: { ...PLAN, accept: Math.min(...alone) / 2 } }),
      )
    ).model.dispose();
    expect(readRestartSelection(none, 'mse')?.chosen).toBe(
      BASE + alone.indexOf(Math.min(...alone)),
    );
    expect(readRestartSelection(none, 'mse')?.candidates).toHaveLength(PLAN.candidates);
  }, 60_000);

  it('resumes from every stage to the uninterrupted selection, bit for bit', async () => {
    const whole = directory();
    (await trainWithRestarts(options(whole))).model.dispose();
    const stages: [string, (e: RestartEvent | string) => boolean][] = [
      ['mid-candidate', (e) => e === 'checkpoint in candidate 1'],
      [
        'between candidates',
        (e) => typeof e !== 'string' && e.type === 'candidate-end' && e.index === 0,
      ],
      ['after the choice', (e) => typeof e !== 'string' && e.type === 'chosen'],
      ['mid-continuation', (e) => e === 'checkpoint in continuation'],
    ];
    for (const [stage, abortOn] of stages) {
      const dir = directory();
      const first = await trainWithRestarts(options(dir, { abortOn }));
      first.model.dispose();
      expect(first.result.stopped, stage).toBe(true);
      const events: RestartEvent[] = [];
      const resumed = await trainWithRestarts(
        options(dir, { resume: true, onRestart: (e) => events.push(e) }),
      );
      resumed.model.dispose();
      expect(resumed.result.step, stage).toBe(STEPS);
      expect(snapshot(dir), stage).toEqual(snapshot(whole));
      expect(readRestartSelection(dir, 'mse'), stage).toEqual(readRestartSelection(whole, 'mse'));
      // A made choice is kept: no candidate runs again.
      const reran = events.some((e) => e.type === 'candidate-start');
      expect(reran, stage).toBe(stage === 'mid-candidate' || stage === 'between candidates');
    }
  }, 120_000);
});

describe('trainWithRestarts: errors', () => {
  it('refuses a fresh run over an existing selection, or another base seed on resume', async () => {
    const dir = directory();
    // Stopped right after the choice: restarts.json holds every candidate's metric.
    const stopped = await trainWithRestarts(
      options(dir, { abortOn: (e) => typeof e !== 'string' && e.type === 'chosen' }),
    );
    stopped.model.dispose();
    expect(existsSync(join(dir, 'restarts.json'))).toBe(true);
    await expect(trainWithRestarts(options(dir))).rejects.toThrow(
      /already holds a run; resume it \(resume: true\) or use a new directory/,
    );
    await expect(trainWithRestarts(options(dir, { resume: true, baseSeed: 3 }))).rejects.toThrow(
      /seed 3 differs from the restart selection's base seed 11/,
    );
    // A selection made by another metric is not silently reused.
    await expect(
      trainWithRestarts(options(dir, { resume: true, metric: { name: 'loss', better: 'lower' } })),
    ).rejects.toThrow(/does not hold a valid restart selection by "loss"/);
  }, 60_000);

  it('names a metric the evaluation does not report', async () => {
    await expect(
      trainWithRestarts(options(directory(), { metric: { name: 'accuracy', better: 'higher' } })),
    ).rejects.toThrow(
      /the evaluation of restart candidate 0 \(seed 11, .*restart-0\) reports no metric "accuracy" \(it reports mse, probe\)/,
    );
  }, 60_000);

  it('rejects bad options before training', async () => {
    const dir = directory();
    const train = () => Promise.reject(new Error('must not train'));
    const bad = (extra: Partial<TrainWithRestartsOptions<ToyRun>>) =>
      trainWithRestarts({ ...options(dir), train, ...extra });
    await expect(bad({ steps: 8 })).rejects.toThrow(
      /steps must exceed restarts.steps \(8\), got 8/,
    );
    await expect(bad({ directory: '' })).rejects.toThrow(/restarts need a checkpointDirectory/);
    await expect(bad({ restarts: { candidates: 0, steps: 4 } })).rejects.toThrow(
      /restarts.candidates must be an integer ≥ 1, got 0/,
    );
    await expect(bad({ restarts: { candidates: 2, steps: 1.5 } })).rejects.toThrow(
      /restarts.steps must be an integer ≥ 1, got 1.5/,
    );
    await expect(
      bad({ restarts: { candidates: 2, steps: 4, accept: Number.NaN } }),
    ).rejects.toThrow(/restarts.accept must be a finite number when given, got NaN/);
    await expect(bad({ metric: { name: 'mse', better: 'up' as 'higher' } })).rejects.toThrow(
      /metric.better must be 'higher' or 'lower', got "up"/,
    );
    await expect(bad({ metric: { name: '', better: 'lower' } })).rejects.toThrow(
      /metric.name must be a non-empty string/,
    );
    await expect(bad({ concurrency: 0 })).rejects.toThrow(
      /concurrency must be an integer ≥ 1, got 0/,
    );
    await expect(bad({ concurrency: 2 })).rejects.toThrow(
      /concurrency 2 needs options.worker and options.stopped/,
    );
    expect(existsSync(join(dir, 'restarts.json'))).toBe(false);
    writeFileSync(join(dir, 'restarts.json'), '{ "baseSeed": ');
    await expect(bad({ resume: true })).rejects.toThrow(/restarts.json is not valid JSON/);
  });
});
