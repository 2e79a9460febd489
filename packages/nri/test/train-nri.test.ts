// trainNri: a short seeded run whose training loss decreases, and exact resumption
// (2N steps == N steps + resume + N steps, final weights bit-identical).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import type { TrainingEvent } from '@sst-tricks/training';
import { readMetricsLog } from '@sst-tricks/training';
import { tensorBytes } from '@sst-tricks/training/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CandidateEvent, TrainNriOptions } from '../src/index.js';
import { readRestartSelection, trainNri } from '../src/index.js';

const base: TrainNriOptions = {
  nodes: 5,
  frames: 4,
  hidden: 16,
  latent: 'spanning-tree',
  temperature: 0.5,
  learningRate: 5e-3,
  batchSize: 8,
  evalBatches: 2,
  seed: 7,
};

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describeEachBackend('trainNri', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'nri-train-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('spanning-tree: the training loss decreases over 60 steps; evaluations are finite', async () => {
    const losses: number[] = [];
    const { result } = await trainNri({
      ...base,
      steps: 60,
      evalEvery: 30,
      onEvent: (event: TrainingEvent) => {
        if (event.type === 'step') losses.push(event.loss);
      },
    });
    expect(losses).toHaveLength(60);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)));
    expect(result.evaluations.map((e) => e.step)).toEqual([30, 60]);
    for (const { metrics } of result.evaluations) {
      expect(Object.values(metrics).every(Number.isFinite)).toBe(true);
      expect(metrics.precision).toBeGreaterThanOrEqual(0);
      expect(metrics.precision).toBeLessThanOrEqual(1);
    }
  }, 120_000);

  it('resumes exactly: 2N steps == N + resume + N (weights bit-identical)', async () => {
    const n = 10;
    const options = { ...base, evalEvery: 5, checkpointEvery: 5 };
    const whole = await trainNri({
      ...options,
      steps: 2 * n,
      checkpointDirectory: join(root, 'a'),
    });
    const dir = join(root, 'b');
    await trainNri({ ...options, steps: n, checkpointDirectory: dir });
    const resumed = await trainNri({
      ...options,
      steps: 2 * n,
      checkpointDirectory: dir,
      resume: true,
    });
    expect(resumed.result.step).toBe(2 * n);
    expect(resumed.result.loss).toBe(whole.result.loss);
    expect(resumed.result.evaluations).toEqual(whole.result.evaluations);
    for (const [name, v] of Object.entries(whole.model.variables)) {
      expect(
        tensorBytes(resumed.model.variables[name].dataSync()).equals(tensorBytes(v.dataSync())),
        name,
      ).toBe(true);
    }
  }, 120_000);
});

describeEachBackend('trainNri with decoderSlices', () => {
  it('trains like the one-tape run (losses within float rounding over 8 steps)', async () => {
    const run = async (decoderSlices: number) => {
      const losses: number[] = [];
      const { model } = await trainNri({
        ...base,
        steps: 8,
        predictionSteps: 2,
        tiedInit: true,
        decoderSlices,
        onEvent: (event: TrainingEvent) => {
          if (event.type === 'step') losses.push(event.loss);
        },
      });
      // The sliced path is the one that ran.
      expect(model.lossAndGradients !== undefined).toBe(decoderSlices > 1);
      model.dispose();
      return losses;
    };
    const whole = await run(1);
    const sliced = await run(3);
    expect(sliced).toHaveLength(8);
    for (let i = 0; i < 8; i++) {
      expect(Math.abs(sliced[i] - whole[i]) / Math.abs(whole[i])).toBeLessThan(1e-3);
    }
  }, 120_000);
});

describeEachBackend('trainNri with restarts', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'nri-restarts-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps the candidate with the best validation ELBO and continues it exactly', async () => {
    const dir = join(root, 'r');
    const events: CandidateEvent[] = [];
    const restarts = { candidates: 3, steps: 6 };
    const { result } = await trainNri({
      ...base,
      steps: 10,
      evalEvery: 2,
      checkpointDirectory: dir,
      restarts,
      onCandidate: (event) => events.push(event),
    });
    const ends = events.filter((e) => e.type === 'candidate-end');
    expect(ends.map((e) => e.seed)).toEqual([7, 8, 9]);
    const best = ends.reduce((a, b) => (b.elbo > a.elbo ? b : a));
    expect(events.at(-1)).toEqual({ type: 'chosen', seed: best.seed, elbo: best.elbo });
    expect(result.step).toBe(10);
    // The continued run = the winner's seed trained 10 steps straight (bit for bit).
    const straight = await trainNri({
      ...base,
      seed: best.seed,
      steps: 10,
      evalEvery: 2,
      checkpointDirectory: join(root, 'straight'),
    });
    expect(result.loss).toBe(straight.result.loss);
    const log = readMetricsLog(join(dir, 'metrics.jsonl'));
    expect(log.filter((r) => r.kind === 'step').map((r) => r.step)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    // A rerun without resume is refused; with resume the selection is kept (no retraining).
    await expect(
      trainNri({ ...base, steps: 10, checkpointDirectory: dir, restarts }),
    ).rejects.toThrow(/already holds a run; resume it/);
    const again: CandidateEvent[] = [];
    const resumed = await trainNri({
      ...base,
      steps: 12,
      evalEvery: 2,
      checkpointDirectory: dir,
      restarts,
      resume: true,
      onCandidate: (event) => again.push(event),
    });
    expect(again.map((e) => e.type)).toEqual(['chosen']);
    expect(resumed.result.step).toBe(12);
  }, 120_000);

  it('an interrupted selection resumes to the uninterrupted result', async () => {
    const restarts = { candidates: 2, steps: 6 };
    const options = { ...base, steps: 9, evalEvery: 3, checkpointEvery: 3, restarts };
    const whole = await trainNri({ ...options, checkpointDirectory: join(root, 'u') });
    const dir = join(root, 'i');
    const controller = new AbortController();
    // Stop in the second candidate, after its first checkpoint.
    let candidate = -1;
    const first = await trainNri({
      ...options,
      checkpointDirectory: dir,
      signal: controller.signal,
      onCandidate: (event) => {
        if (event.type === 'candidate-start') candidate = event.index;
      },
      onEvent: (event) => {
        if (candidate === 1 && event.type === 'checkpoint') controller.abort();
      },
    });
    expect(first.result.stopped).toBe(true);
    const events: CandidateEvent[] = [];
    const resumed = await trainNri({
      ...options,
      checkpointDirectory: dir,
      resume: true,
      onCandidate: (event) => events.push(event),
    });
    expect(events.filter((e) => e.type === 'candidate-start').map((e) => e.index)).toEqual([0, 1]);
    expect(resumed.result.step).toBe(9);
    expect(resumed.result.loss).toBe(whole.result.loss);
    expect(readRestartSelection(dir)).toEqual(readRestartSelection(join(root, 'u')));
    // Without restarts, a directory with an unfinished selection is refused.
    const fresh = join(root, 'f');
    await trainNri({
      ...options,
      steps: 9,
      checkpointDirectory: fresh,
      signal: AbortSignal.abort(),
    });
    await expect(
      trainNri({ ...base, steps: 9, checkpointDirectory: fresh, resume: true }),
    ).rejects.toThrow(/holds an unfinished restart selection/);
  }, 120_000);

  it('rejects restarts without a directory or with too few steps', async () => {
    await expect(
      trainNri({ ...base, steps: 10, restarts: { candidates: 2, steps: 4 } }),
    ).rejects.toThrow(/restarts need a checkpointDirectory/);
    await expect(
      trainNri({
        ...base,
        steps: 4,
        checkpointDirectory: join(root, 'x'),
        restarts: { candidates: 2, steps: 4 },
      }),
    ).rejects.toThrow(/steps must exceed restarts.steps \(4\), got 4/);
  });
});
