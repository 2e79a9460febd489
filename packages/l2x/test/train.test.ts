// A short training run on synthetic reviews: the loss goes down; the checkpoint restores a model
// whose evaluation equals the run's; a resumed run continues to the same end as an uninterrupted one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@sst-tricks/sst-core';
import { readCheckpoint, readMetricsLog, restoreVariables } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeReviews,
  evaluationBatches,
  L2xModel,
  syntheticReviews,
  trainL2x,
  Vocabulary,
} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'l2x-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await selectBackend('wasm');
});

const data = {
  train: syntheticReviews(0, 'train', 300),
  heldout: [],
  test: syntheticReviews(0, 'test', 40),
};
const common = {
  data,
  aspect: 'aroma',
  relaxation: 'correlated-top-k' as const,
  k: 5,
  maxLength: 40,
  embedding: 8,
  hidden: 8,
  batchSize: 16,
  learningRate: 1e-2,
  seed: 1,
};

describe('trainL2x', () => {
  it('decreases the loss in a short run and checkpoints a model that evaluates the same', async () => {
    const out = join(dir, 'a');
    const { model, result } = await trainL2x({ ...common, steps: 40, checkpointDirectory: out });
    const losses = readMetricsLog(join(out, 'metrics.jsonl'))
      .filter((r) => r.kind === 'step')
      .map((r) => (r as { loss: number }).loss);
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(losses).toHaveLength(40);
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)));
    const checkpoint = readCheckpoint(out);
    const meta = checkpoint.manifest.metadata as {
      vocabulary: string[];
      k: number;
      relaxation: 'correlated-top-k';
    };
    const vocabulary = new Vocabulary(meta.vocabulary);
    const restored = new L2xModel({
      vocabulary: vocabulary.size,
      relaxation: meta.relaxation,
      k: meta.k,
      temperature: 0.5,
      embedding: 8,
      hidden: 8,
      seed: 99,
    });
    restoreVariables(restored.variables, checkpoint);
    const test = encodeReviews(data.test, vocabulary, 1, 40);
    const a = await model.evaluate(evaluationBatches(test, 256)());
    const b = await restored.evaluate(evaluationBatches(test, 256)());
    expect(b).toEqual(a);
    expect(a.precision).toBeGreaterThanOrEqual(0);
    expect(a.precision).toBeLessThanOrEqual(1);
    expect(result.step).toBe(40);
    model.dispose();
    restored.dispose();
  });

  it('resumes to the same weights as an uninterrupted run', async () => {
    const whole = await trainL2x({ ...common, steps: 12 });
    const out = join(dir, 'b');
    const first = await trainL2x({ ...common, steps: 6, checkpointDirectory: out });
    first.model.dispose();
    const resumed = await trainL2x({
      ...common,
      steps: 12,
      checkpointDirectory: out,
      resume: true,
    });
    for (const [name, v] of Object.entries(whole.model.variables)) {
      expect(Array.from(resumed.model.variables[name].dataSync()), name).toEqual(
        Array.from(v.dataSync()),
      );
    }
    whole.model.dispose();
    resumed.model.dispose();
  });
});
