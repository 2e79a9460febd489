// Writes a dataset file: generates the samples chunk by chunk, streams their records to a
// temporary file next to the target while checksumming them, then writes the final header in
// place, flushes to disk and renames over the target. A reader therefore sees either the old
// file or the complete new one, never a partial write; on any failure the temporary is removed.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crc32Update } from './crc32.js';
import { type DatasetHeader, encodePreamble, makeHeader } from './file-format.js';
import { encodeRecords } from './records.js';
import { MAX_SAMPLE_INDEX } from './seed-stream.js';
import { type DatasetSpecInput, generateSamples, resolveSpec } from './sources.js';
import { checkInteger } from './validate.js';

export interface WriteProgress {
  /** Samples written so far. */
  readonly done: number;
  readonly total: number;
  /** Bytes written so far, header included. */
  readonly bytes: number;
}

export interface WriteDatasetOptions extends DatasetSpecInput {
  /** Samples to generate. */
  readonly count: number;
  /** Samples generated and written per chunk (default: about 1 MiB of records, at least 1). */
  readonly chunkSize?: number;
  /** Called after every chunk; the writer itself never prints. */
  readonly onProgress?: (progress: WriteProgress) => void;
  /** Aborts between chunks (the temporary file is removed and the target left untouched). */
  readonly signal?: AbortSignal;
}

export interface WriteDatasetResult {
  readonly path: string;
  readonly header: DatasetHeader;
  /** Size of the file in bytes. */
  readonly bytes: number;
}

/** Generates `count` samples of the spec and writes them to `path` atomically. */
export async function writeDataset(
  path: string,
  options: WriteDatasetOptions,
): Promise<WriteDatasetResult> {
  if (typeof path !== 'string' || path === '')
    throw new TypeError(`path must be a non-empty string, got ${JSON.stringify(path)}`);
  const spec = resolveSpec(options);
  const count = checkInteger('count', options.count, 0, MAX_SAMPLE_INDEX + 1);
  // The placeholder header has the final one's length: only the 8 checksum digits change.
  const draft = makeHeader(spec, count, 0);
  const placeholder = encodePreamble(draft);
  const recordBytes = draft.recordBytes;
  const chunkSize =
    options.chunkSize === undefined
      ? Math.max(1, Math.floor((1 << 20) / recordBytes))
      : checkInteger('chunkSize', options.chunkSize, 1, 1_000_000);

  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const file = await open(temporary, 'wx');
  let closed = false;
  try {
    await file.write(placeholder, 0, placeholder.length, 0);
    let offset = placeholder.length;
    let crc = 0;
    for (let start = 0; start < count; start += chunkSize) {
      options.signal?.throwIfAborted();
      const records = encodeRecords(
        generateSamples(spec, start, Math.min(chunkSize, count - start)),
      );
      crc = crc32Update(crc, records);
      await file.write(records, 0, records.length, offset);
      offset += records.length;
      options.onProgress?.({
        done: Math.min(start + chunkSize, count),
        total: count,
        bytes: offset,
      });
    }
    options.signal?.throwIfAborted();
    const header = makeHeader(spec, count, crc);
    const preamble = encodePreamble(header);
    if (preamble.length !== placeholder.length)
      throw new Error('internal: the final header changed length');
    await file.write(preamble, 0, preamble.length, 0);
    await file.sync();
    await file.close();
    closed = true;
    await rename(temporary, path);
    return { path, header, bytes: offset };
  } catch (error) {
    if (!closed) await file.close().catch(() => {});
    await rm(temporary, { force: true });
    throw error;
  }
}
