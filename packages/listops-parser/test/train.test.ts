// trainListOps on the shared loop: a short seeded run whose loss decreases, a checkpoint that
// restores to the same evaluation, and exact resumption after a stop (final weights identical).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import { latestCheckpoint, readCheckpoint, restoreVariables } from '@sst-tricks/training';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkListOpsMetadata,
  evaluationBatches,
  loadSplits,
  modelFromMetadata,
  type TrainListOpsOptions,
  trainListOps,
} from '../src/index.js';

const data = { train: 300, valid: 48, test: 48, maxDepth: 2, maxLength: 16, seed: 1 };
const base: TrainListOpsOptions = {
  latent: 'arborescence',
  embedding: 12,
  hidden: 12,
  width: 12,
  rounds: 2,
  batchSize: 16,
  learningRate: 1e-2,
  data,
  seed: 3,
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describeEachBackend('trainListOps', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'listops-train-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('the training loss decreases over 80 steps; the evaluation has every metric', async () => {
    const losses: number[] = [];
    const { model, result } = await trainListOps({
      ...base,
      steps: 80,
      onEvent: (e) => {
        if (e.type === 'step') losses.push(e.loss);
      },
    });
    expect(losses).toHaveLength(80);
    expect(mean(losses.slice(-20))).toBeLessThan(mean(losses.slice(0, 20)) - 0.1);
    const metrics = result.evaluations.at(-1)?.metrics ?? {};
    for (const key of ['accuracy', 'arcPrecision', 'arcRecall', 'exactParse', 'loss']) {
      expect(Number.isFinite(metrics[key]), key).toBe(true);
    }
    // An arborescence has exactly n − 1 arcs: precision equals recall.
    expect(metrics.arcPrecision).toBeCloseTo(metrics.arcRecall, 10);
    model.dispose();
  }, 300_000); // seconds alone; minutes on a machine busy with other training runs

  it('a checkpoint restores to the same evaluation; a stopped run resumes exactly', async () => {
    const full = join(root, 'full');
    const a = await trainListOps({ ...base, steps: 12, checkpointDirectory: full });
    const finalA = a.result.evaluations.at(-1)?.metrics;

    // Round trip: rebuild from the manifest's metadata alone and evaluate.
    const checkpoint = readCheckpoint(latestCheckpoint(full) as string);
    const meta = checkListOpsMetadata(checkpoint.manifest.metadata, 'test');
    const restored = modelFromMetadata(meta);
    restoreVariables(restored.variables, checkpoint);
    const again = await restored.evaluate(
      evaluationBatches(loadSplits(meta.data).valid, meta.batchSize),
      { step: 12, generator: new RandomGenerator(0), training: false },
    );
    expect(again).toEqual(finalA);
    restored.dispose();

    // Stop after step 5 (abort), resume to 12: the same weights as the uninterrupted run.
    const split = join(root, 'split');
    const controller = new AbortController();
    const first = await trainListOps({
      ...base,
      steps: 12,
      checkpointDirectory: split,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'step' && e.step === 5) controller.abort();
      },
    });
    expect(first.result.stopped).toBe(true);
    expect(first.result.step).toBe(5);
    first.model.dispose();
    const b = await trainListOps({ ...base, checkpointDirectory: split, resume: true });
    expect(b.result.step).toBe(12);
    for (const [key, variable] of Object.entries(a.model.variables)) {
      expect(Array.from(b.model.variables[key].dataSync()), key).toEqual(
        Array.from(variable.dataSync()),
      );
    }
    expect(b.result.evaluations.at(-1)?.metrics).toEqual(finalA);
    a.model.dispose();
    b.model.dispose();
  }, 300_000); // seconds alone; minutes on a machine busy with other training runs
});
