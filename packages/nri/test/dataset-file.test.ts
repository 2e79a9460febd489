// Dataset files: round trip, atomic writes, progress, streaming batches, and a clear error for
// every way a file can be wrong (flipped byte, truncation, wrong magic, wrong n, …).
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crc32,
  DatasetFileError,
  type DatasetHeader,
  generateGraphLayout,
  generateParticles,
  MAGIC,
  openDataset,
  readDatasetBatches,
  type SampleBatch,
  type WriteProgress,
  writeDataset,
} from '../src/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nri-data-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(path: string, batchSize: number, options = {}): Promise<SampleBatch[]> {
  const out: SampleBatch[] = [];
  for await (const batch of readDatasetBatches(path, batchSize, options)) out.push(batch);
  return out;
}

function concat<T extends Float32Array | Uint8Array>(parts: T[], make: (n: number) => T): T {
  const out = make(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function expectDatasetError(
  promise: Promise<unknown>,
  code: string,
  message: RegExp,
): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetFileError);
  expect((error as DatasetFileError).code).toBe(code);
  expect((error as Error).message).toMatch(message);
}

describe('writeDataset + readDatasetBatches: graph layout', () => {
  let path: string;
  let header: DatasetHeader;
  const progress: WriteProgress[] = [];

  beforeAll(async () => {
    path = join(dir, 'layout.bin');
    const result = await writeDataset(path, {
      kind: 'graph-layout',
      split: 'train',
      seed: 42,
      count: 103,
      chunkSize: 25,
      onProgress: (p) => progress.push(p),
    });
    header = result.header;
    expect(result.bytes).toBe((await stat(path)).size);
  });

  it('records the shape, seed, parameters and checksum in the header', () => {
    expect(header).toMatchObject({
      format: 'sst-tricks/nri-dataset',
      version: 1,
      kind: 'graph-layout',
      split: 'train',
      seed: 42,
      count: 103,
      nodes: 10,
      frames: 10,
      features: 2,
      params: { nodes: 10, frames: 10 },
      shape: { trajectories: [103, 10, 10, 2], edges: [103, 45] },
      dtype: { trajectories: 'float32le', edges: 'uint8' },
      recordBytes: 800 + 48,
    });
    expect(header.checksum.value).toMatch(/^[0-9a-f]{8}$/);
  });

  it('reports progress after every chunk and leaves no temporary file', async () => {
    expect(progress.map((p) => p.done)).toEqual([25, 50, 75, 100, 103]);
    expect(progress.every((p) => p.total === 103)).toBe(true);
    expect(progress.at(-1)?.bytes).toBe((await stat(path)).size);
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('reads back exactly the generated samples, in batches of any size', async () => {
    const expected = generateGraphLayout(42, 'train', 0, 103);
    for (const size of [1, 16, 103, 500]) {
      const batches = await collect(path, size);
      expect(batches.map((b) => b.count)).toEqual(
        Array.from({ length: Math.ceil(103 / size) }, (_, i) => Math.min(size, 103 - i * size)),
      );
      expect(batches.map((b) => b.start)).toEqual(batches.map((_, i) => i * size));
      expect(
        concat(
          batches.map((b) => b.trajectories),
          (n) => new Float32Array(n),
        ),
      ).toEqual(expected.trajectories);
      expect(
        concat(
          batches.map((b) => b.edges),
          (n) => new Uint8Array(n),
        ),
      ).toEqual(expected.edges);
    }
  });

  it('reads one batch per read call, never the whole payload at once', async () => {
    const reader = await openDataset(path, { checksum: 'skip' });
    const file = (reader as unknown as { file: { read: (...a: unknown[]) => unknown } }).file;
    const original = file.read.bind(file);
    const lengths: number[] = [];
    file.read = (...args: unknown[]) => {
      lengths.push(args[2] as number);
      return original(...args);
    };
    for await (const _ of reader.batches(10));
    await reader.close();
    expect(lengths).toHaveLength(11);
    expect(Math.max(...lengths)).toBe(10 * 848);
  });

  it('accepts matching expectations; a mismatch names the field and both values', async () => {
    const ok = await openDataset(path, {
      expect: { kind: 'graph-layout', nodes: 10, frames: 10, split: 'train', seed: 42 },
    });
    await ok.close();
    await expectDatasetError(
      openDataset(path, { expect: { nodes: 12 } }),
      'mismatch',
      /layout\.bin: expected nodes = 12, the file has nodes = 10/,
    );
    await expectDatasetError(
      openDataset(path, { expect: { frames: 20 } }),
      'mismatch',
      /expected frames = 20, the file has frames = 10/,
    );
    await expectDatasetError(
      openDataset(path, { expect: { kind: 'springs' } }),
      'mismatch',
      /expected kind = "springs", the file has kind = "graph-layout"/,
    );
    await expect(openDataset(path, { expect: { n: 10 } as never })).rejects.toThrow(
      /expect\.n is not a checkable field/,
    );
  });

  describe('damaged copies', () => {
    async function damaged(name: string, edit: (bytes: Uint8Array) => Uint8Array): Promise<string> {
      const target = join(dir, name);
      await writeFile(target, edit(new Uint8Array(await readFile(path))));
      return target;
    }

    it('a flipped payload byte: checksum mismatch (before any batch is yielded)', async () => {
      const bad = await damaged('flip-payload.bin', (b) => {
        b[b.length - 1000] ^= 0x10;
        return b;
      });
      await expectDatasetError(
        openDataset(bad),
        'checksum-mismatch',
        /flip-payload\.bin: payload checksum mismatch \(header crc32 [0-9a-f]{8}, data [0-9a-f]{8}\): the file is corrupt/,
      );
      // Checked while streaming instead: the batches come, then the error.
      let seen = 0;
      const late = (async () => {
        for await (const batch of readDatasetBatches(bad, 50, { checksum: 'at-end' }))
          seen += batch.count;
      })();
      await expectDatasetError(late, 'checksum-mismatch', /payload checksum mismatch/);
      expect(seen).toBe(103);
      // And not at all: the (silently wrong) data is read.
      expect((await collect(bad, 50, { checksum: 'skip' })).length).toBe(3);
    });

    it('a flipped header byte: header checksum mismatch', async () => {
      const bad = await damaged('flip-header.bin', (b) => {
        b[40] ^= 0x01;
        return b;
      });
      await expectDatasetError(
        openDataset(bad),
        'corrupt-header',
        /corrupt header: checksum mismatch/,
      );
    });

    it('truncated: names the expected and actual sizes', async () => {
      const bad = await damaged('short.bin', (b) => b.subarray(0, b.length - 100));
      await expectDatasetError(
        openDataset(bad),
        'truncated',
        /short\.bin: truncated: \d+ bytes, the header promises \d+ \(103 samples of 848 bytes\)/,
      );
      const stub = await damaged('stub.bin', (b) => b.subarray(0, 12));
      await expectDatasetError(openDataset(stub), 'truncated', /truncated: only 12 bytes/);
      const headless = await damaged('headless.bin', (b) => b.subarray(0, 100));
      await expectDatasetError(
        openDataset(headless),
        'truncated',
        /the header needs \d+ bytes, the file has 100/,
      );
    });

    it('truncated while open: the batch read says where the file ends', async () => {
      const copy = await damaged('shrinks.bin', (b) => b);
      const reader = await openDataset(copy);
      await truncate(copy, 5000);
      const reading = (async () => {
        for await (const _ of reader.batches(50));
      })();
      await expectDatasetError(
        reading,
        'truncated',
        /expected 42400 bytes at offset \d+, the file ends after 5000/,
      );
      await reader.close();
    });

    it('trailing bytes after the last sample', async () => {
      const bad = await damaged('long.bin', (b) => {
        const out = new Uint8Array(b.length + 3);
        out.set(b);
        return out;
      });
      await expectDatasetError(
        openDataset(bad),
        'trailing-bytes',
        /3 unexpected bytes after the last of 103 samples/,
      );
    });

    it('wrong magic: not a dataset (also for short and empty files)', async () => {
      const bad = await damaged('magic.bin', (b) => {
        b[1] = 0x58;
        return b;
      });
      await expectDatasetError(
        openDataset(bad),
        'bad-magic',
        /magic\.bin: not an NRI dataset file \(wrong magic bytes\)/,
      );
      const text = join(dir, 'text.bin');
      await writeFile(text, 'x,y\n1,2\n');
      await expectDatasetError(openDataset(text), 'bad-magic', /wrong magic bytes/);
      const empty = join(dir, 'empty.bin');
      await writeFile(empty, '');
      await expectDatasetError(openDataset(empty), 'truncated', /only 0 bytes/);
    });

    // A header that passes its CRC but lies (as a buggy writer might) is still caught.
    function rewriteHeader(b: Uint8Array, edit: (json: string) => string): Uint8Array {
      const view = new DataView(b.buffer, b.byteOffset);
      const length = view.getUint32(8, true);
      const text = edit(new TextDecoder().decode(b.subarray(16, 16 + length)));
      const bytes = new TextEncoder().encode(text.padEnd(length, ' ').slice(0, length));
      b.set(bytes, 16);
      view.setUint32(12, crc32(b.subarray(16, 16 + length)), true);
      return b;
    }

    it('a consistent-CRC header that contradicts itself: corrupt header', async () => {
      const shape = await damaged('shape.bin', (b) =>
        rewriteHeader(b, (j) =>
          j.replace('"nodes":10,"frames":10,"features":2', '"nodes":10,"frames":10,"features":4'),
        ),
      );
      await expectDatasetError(
        openDataset(shape),
        'corrupt-header',
        /features must be 2 for graph-layout, got 4/,
      );
      const json = await damaged('json.bin', (b) => rewriteHeader(b, (j) => j.slice(1)));
      await expectDatasetError(
        openDataset(json),
        'corrupt-header',
        /corrupt header: not UTF-8 JSON/,
      );
      const huge = await damaged('huge.bin', (b) => {
        new DataView(b.buffer, b.byteOffset).setUint32(8, 0x7fffffff, true);
        return b;
      });
      await expectDatasetError(
        openDataset(huge),
        'corrupt-header',
        /length 2147483647 exceeds 1048576/,
      );
    });

    it('a header from a newer format version', async () => {
      const bad = await damaged('v2.bin', (b) =>
        rewriteHeader(b, (j) => j.replace('"version":1', '"version":2')),
      );
      await expectDatasetError(
        openDataset(bad),
        'unsupported-version',
        /format version 2 is not supported/,
      );
    });
  });
});

describe('writeDataset: particles, atomicity and errors', () => {
  it('round-trips a springs dataset with (x, y, vx, vy) features', async () => {
    const path = join(dir, 'springs.bin');
    const { header } = await writeDataset(path, {
      kind: 'springs',
      split: 'valid',
      seed: 3,
      count: 4,
      params: { frames: 5 },
    });
    expect(header).toMatchObject({
      nodes: 5,
      frames: 5,
      features: 4,
      recordBytes: 5 * 5 * 4 * 4 + 12,
    });
    expect(header.params).toMatchObject({
      sampleFreq: 100,
      deltaT: 0.001,
      interactionStrength: 0.1,
    });
    const [batch] = await collect(path, 10, { expect: { kind: 'springs', nodes: 5, frames: 5 } });
    const expected = generateParticles('springs', 3, 'valid', 0, 4, { frames: 5 });
    expect(batch.trajectories).toEqual(expected.trajectories);
    expect(batch.edges).toEqual(expected.edges);
  });

  it('an empty dataset is valid', async () => {
    const path = join(dir, 'empty-set.bin');
    await writeDataset(path, { kind: 'graph-layout', split: 'test', seed: 1, count: 0 });
    expect(await collect(path, 8)).toEqual([]);
  });

  it('an aborted write leaves the previous file untouched and no temporary behind', async () => {
    const path = join(dir, 'keep.bin');
    await writeDataset(path, { kind: 'graph-layout', split: 'train', seed: 1, count: 5 });
    const before = await readFile(path);
    const controller = new AbortController();
    const attempt = writeDataset(path, {
      kind: 'graph-layout',
      split: 'train',
      seed: 2,
      count: 100,
      chunkSize: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 30) controller.abort();
      },
    });
    await expect(attempt).rejects.toThrow(/abort/i);
    expect(await readFile(path)).toEqual(before);
    expect((await readdir(dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('rejects bad options naming the option and value', async () => {
    const base = { kind: 'graph-layout', split: 'train', seed: 1, count: 1 } as const;
    const path = join(dir, 'never.bin');
    await expect(writeDataset(path, { ...base, count: -1 })).rejects.toThrow(
      /count must be in 0\.\.\d+, got -1/,
    );
    await expect(writeDataset(path, { ...base, kind: 'grid' as 'springs' })).rejects.toThrow(
      /kind must be one of graph-layout, springs, charged, got "grid"/,
    );
    await expect(writeDataset(path, { ...base, params: { nodes: 0 } })).rejects.toThrow(
      /nodes must be in 2\.\.1000, got 0/,
    );
    await expect(writeDataset(path, { ...base, chunkSize: 0 })).rejects.toThrow(
      /chunkSize must be in 1\.\.1000000, got 0/,
    );
    await expect(writeDataset('', base)).rejects.toThrow(/path must be a non-empty string/);
    await expect(writeDataset(join(dir, 'missing', 'x.bin'), base)).rejects.toThrow(/ENOENT/);
    await expect(openDataset(path, { checksum: 'later' as 'skip' })).rejects.toThrow(
      /checksum must be 'upfront', 'at-end' or 'skip', got "later"/,
    );
    await expect(collect(join(dir, 'layout.bin'), 0)).rejects.toThrow(
      /batchSize must be in 1\.\.1000000, got 0/,
    );
  });

  it('the file starts with the magic bytes', async () => {
    const bytes = await readFile(join(dir, 'springs.bin'));
    expect(Array.from(bytes.subarray(0, 8))).toEqual(Array.from(MAGIC));
    expect(bytes.readUInt32LE(8) % 8).toBe(0);
  });
});
