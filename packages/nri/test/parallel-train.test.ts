// Data-parallel training runs (2 wasm worker threads): resuming a 2-worker run with 2 workers
// continues it bit for bit, a resume with another worker count is refused, and a worker that fails
// mid-run (an exception, or its thread ending) ends the run with a clear error while the last
// checkpoint stays intact and loadable.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@sst-tricks/sst-core';
import { latestCheckpoint, ReplicaError, readCheckpoint, train } from '@sst-tricks/training';
import { expectResumeMatchesUninterrupted } from '@sst-tricks/training/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainNriOptions } from '../src/index.js';
import { NriModel, trainingBatches, trainNri } from '../src/index.js';
import { buildForWorkers } from './parallel/build.js';

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
  workers: 2,
};

describe('data-parallel training (2 wasm workers)', () => {
  let root = '';
  beforeAll(async () => {
    buildForWorkers();
    await selectBackend('wasm');
    root = await mkdtemp(join(tmpdir(), 'nri-parallel-'));
  }, 300_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('resumes exactly: 2 workers for 2N steps == N + resume with 2 workers + N', async () => {
    await expectResumeMatchesUninterrupted(
      trainNri,
      { ...base, evalEvery: 2, checkpointEvery: 2 },
      root,
      4,
    );
  }, 300_000);

  for (const mode of ['throw', 'exit'] as const) {
    it(`a worker that fails mid-run (${mode}) ends it with a clear error; the last checkpoint loads`, async () => {
      const shape = { nodes: 5, frames: 4 };
      const model = new NriModel({
        ...shape,
        hidden: 16,
        latent: 'top-k',
        temperature: 0.5,
        seed: 1,
      });
      const factory = model.parallel.factory;
      const dir = join(root, `crash-${mode}`);
      const run = train({
        model: {
          variables: model.variables,
          loss: (batch, context) => model.loss(batch, context),
          parallel: {
            factory: {
              module: new URL('./parallel/failing-replica.mjs', import.meta.url).href,
              exportName: 'createFailingReplica',
              config: { ...(factory.config as object), failAt: 3, mode, replica: 1 },
            },
            items: (batch) => batch.count,
          },
        },
        data: trainingBatches(1, 6, shape),
        steps: 6,
        workers: 2,
        checkpoint: { directory: dir, every: 2 },
      });
      await expect(run).rejects.toThrow(ReplicaError);
      await expect(run).rejects.toThrow(
        mode === 'throw'
          ? /worker 1 of 2 failed: injected failure at step 3/
          : /worker 1 of 2 failed: the worker exited with code 3/,
      );
      const last = latestCheckpoint(dir);
      expect(last).not.toBeNull();
      const loaded = readCheckpoint(last as string);
      expect(loaded.manifest.step).toBe(2);
      expect(loaded.manifest.options.workers).toBe(2);
      model.dispose();
    }, 120_000);
  }
});
