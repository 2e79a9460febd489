// Data-parallel training runs (2 wasm worker threads): a 2-worker run stopped and resumed with 2
// workers ends bit for bit where the uninterrupted 2-worker run does, a resume with another
// worker count is refused, and the 2-worker run learns what one process does (float rounding).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '@sst-tricks/sst-core';
import { buildForWorkers } from '@sst-tricks/tooling/build-for-workers';
import { readCheckpoint } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TrainListOpsOptions, trainListOps } from '../src/index.js';

const base: TrainListOpsOptions = {
  latent: 'arborescence',
  embedding: 8,
  hidden: 8,
  width: 8,
  rounds: 2,
  batchSize: 8,
  learningRate: 1e-2,
  data: { train: 100, valid: 16, test: 16, maxDepth: 2, maxLength: 14, seed: 1 },
  seed: 3,
  workers: 2,
  evalEvery: 2,
  checkpointEvery: 2,
};

function bytes(values: ArrayLike<number> & ArrayBufferView) {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

describe('trainListOps with 2 wasm workers', () => {
  let root = '';
  beforeAll(async () => {
    buildForWorkers('@sst-tricks/listops-parser');
    await selectBackend('wasm');
    root = await mkdtemp(join(tmpdir(), 'listops-parallel-'));
  }, 300_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('resumes exactly: 2 workers for 2N steps == N + resume with 2 workers + N', async () => {
    const n = 4;
    const whole = await trainListOps({
      ...base,
      steps: 2 * n,
      checkpointDirectory: join(root, 'a'),
    });
    expect(readCheckpoint(join(root, 'a')).manifest.options.workers).toBe(2);
    const dir = join(root, 'b');
    const first = await trainListOps({ ...base, steps: n, checkpointDirectory: dir });
    first.model.dispose();
    await expect(
      trainListOps({ ...base, steps: 2 * n, checkpointDirectory: dir, resume: true, workers: 1 }),
    ).rejects.toThrow(/workers 1 differs from the 2 worker/);
    const resumed = await trainListOps({
      ...base,
      workers: undefined, // taken from the checkpoint
      steps: 2 * n,
      checkpointDirectory: dir,
      resume: true,
    });
    expect(resumed.result.step).toBe(2 * n);
    expect(resumed.result.loss).toBe(whole.result.loss);
    expect(resumed.result.evaluations).toEqual(whole.result.evaluations);
    for (const [name, v] of Object.entries(whole.model.variables)) {
      expect(
        bytes(resumed.model.variables[name].dataSync()).equals(bytes(v.dataSync())),
        name,
      ).toBe(true);
    }
    // And it learnt what a single process does, to float rounding.
    const single = await trainListOps({ ...base, workers: 1, steps: 2 * n });
    const loss = whole.result.loss as number;
    expect(Math.abs((single.result.loss as number) - loss) / loss).toBeLessThan(1e-3);
    for (const r of [whole, resumed, single]) r.model.dispose();
  }, 300_000);
});
