// trainNri with restartConcurrency 2: the candidates train in worker threads (on the parent's
// backend) and the selection, the continued run's loss and its weights equal the sequential run's
// bit for bit.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
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
  steps: 9,
  evalEvery: 3,
  checkpointEvery: 3,
  restarts: { candidates: 2, steps: 6 },
};

describeEachBackend('trainNri with parallel restart candidates', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'nri-restarts-parallel-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('equals the sequential selection and continued run bit for bit', async () => {
    const sequential = await trainNri({ ...base, checkpointDirectory: join(root, 's') });
    const events: CandidateEvent[] = [];
    const steps: number[] = [];
    const parallel = await trainNri({
      ...base,
      checkpointDirectory: join(root, 'p'),
      restartConcurrency: 2,
      onCandidate: (event) => events.push(event),
      onEvent: (event, run) => {
        if (event.type === 'step' && run !== undefined && run.index !== null) steps.push(run.index);
      },
    });
    expect(readRestartSelection(join(root, 'p'))).toEqual(readRestartSelection(join(root, 's')));
    expect(events.filter((e) => e.type === 'candidate-start').map((e) => e.seed)).toEqual([7, 8]);
    // Both candidates' step events reached the parent (6 each).
    expect(steps.filter((i) => i === 0)).toHaveLength(6);
    expect(steps.filter((i) => i === 1)).toHaveLength(6);
    expect(parallel.result.step).toBe(9);
    expect(parallel.result.loss).toBe(sequential.result.loss);
    for (const [name, v] of Object.entries(sequential.model.variables)) {
      const a = v.dataSync();
      const b = parallel.model.variables[name].dataSync();
      expect(
        Buffer.from(b.buffer, b.byteOffset, b.byteLength).equals(
          Buffer.from(a.buffer, a.byteOffset, a.byteLength),
        ),
        name,
      ).toBe(true);
    }
    sequential.model.dispose();
    parallel.model.dispose();
  }, 240_000);
});
