// trainNri: a short seeded run whose training loss decreases, and exact resumption
// (2N steps == N steps + resume + N steps, final weights bit-identical).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import type { TrainingEvent } from '@sst-tricks/training';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TrainNriOptions } from '../src/index.js';
import { trainNri } from '../src/index.js';

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
      const a = v.dataSync();
      const b = resumed.model.variables[name].dataSync();
      expect(
        Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(
          Buffer.from(a.buffer, a.byteOffset, a.byteLength),
        ),
        name,
      ).toBe(true);
    }
  }, 120_000);
});

describeEachBackend('trainNri with decoderSlices', () => {
  it('trains like the one-tape run (losses within float rounding over 8 steps)', async () => {
    const run = async (decoderSlices: number) => {
      const losses: number[] = [];
      await trainNri({
        ...base,
        steps: 8,
        predictionSteps: 2,
        tiedInit: true,
        decoderSlices,
        onEvent: (event: TrainingEvent) => {
          if (event.type === 'step') losses.push(event.loss);
        },
      });
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
