// The README's example, run as written (paths moved to a temporary directory).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDataset, writeDataset } from '../src/index.js';

it('README example: write 1000 graph-layout samples, stream them back in batches', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nri-example-'));
  const lines: string[] = [];
  const seen: number[] = [];
  try {
    const { path } = await writeDataset(join(dir, 'nri-graph-layout-train.bin'), {
      kind: 'graph-layout',
      split: 'train',
      seed: 42,
      count: 1000, // n = 10, T = 10 by default
      onProgress: ({ done, total }) => lines.push(`${done}/${total}`),
    });
    const reader = await openDataset(path, { expect: { nodes: 10, frames: 10 } }); // + CRC check
    for await (const batch of reader.batches(128)) {
      batch.trajectories; // Float32Array [batch.count, 10 frames, 10 nodes, 2], positions
      batch.edges; // Uint8Array [batch.count, 45]: the latent tree, (i<j) row-major
      seen.push(batch.count, batch.trajectories.length, batch.edges.length);
    }
    await reader.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  expect(lines.at(-1)).toBe('1000/1000');
  expect(seen.slice(0, 3)).toEqual([128, 128 * 200, 128 * 45]);
  expect(seen.slice(-3)).toEqual([104, 104 * 200, 104 * 45]);
});
