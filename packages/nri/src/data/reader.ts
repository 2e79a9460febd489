// Streaming access to a dataset file: `openDataset` checks the preamble, header, file size, the
// caller's expectations and (by default) the payload checksum, reading the payload in bounded
// chunks; `batches` then yields consecutive samples, one read per batch, never the whole file.
import { type FileHandle, open } from 'node:fs/promises';
import { crc32, crc32Update } from './crc32.js';
import { DatasetFileError } from './dataset-error.js';
import {
  type DatasetHeader,
  decodeHeader,
  MAGIC,
  MAX_HEADER_BYTES,
  PREAMBLE_BYTES,
} from './file-format.js';
import { decodeRecords } from './records.js';
import type { SampleBatch } from './sample-batch.js';
import { checkInteger } from './validate.js';

/** Header fields a caller can require; any difference is a 'mismatch' error. */
export type DatasetExpectation = Partial<
  Pick<DatasetHeader, 'kind' | 'split' | 'seed' | 'nodes' | 'frames' | 'features' | 'count'>
>;

export interface OpenDatasetOptions {
  readonly expect?: DatasetExpectation;
  /**
   * When to verify the payload's CRC-32: 'upfront' (default: one extra streaming pass on open,
   * so no batch of a corrupt file is ever yielded), 'at-end' (while batches are read; the full
   * iteration throws after its last batch), or 'skip'.
   */
  readonly checksum?: 'upfront' | 'at-end' | 'skip';
}

/** Bytes read per call while checksumming up front. */
const VERIFY_CHUNK_BYTES = 1 << 20;

export class DatasetReader {
  readonly path: string;
  readonly header: DatasetHeader;
  private readonly file: FileHandle;
  private readonly payloadOffset: number;
  private readonly verifyAtEnd: boolean;

  /** Use `openDataset`. */
  constructor(
    path: string,
    file: FileHandle,
    header: DatasetHeader,
    payloadOffset: number,
    verifyAtEnd: boolean,
  ) {
    this.path = path;
    this.file = file;
    this.header = header;
    this.payloadOffset = payloadOffset;
    this.verifyAtEnd = verifyAtEnd;
  }

  /**
   * Consecutive batches of `batchSize` samples (the last may be smaller), in file order. With
   * checksum 'at-end', a full pass throws a 'checksum-mismatch' error after its last batch.
   */
  async *batches(batchSize: number): AsyncGenerator<SampleBatch, void, undefined> {
    checkInteger('batchSize', batchSize, 1, 1_000_000);
    const { count, frames, nodes, features, recordBytes } = this.header;
    let crc = 0;
    for (let start = 0; start < count; start += batchSize) {
      const size = Math.min(batchSize, count - start);
      const bytes = await readExactly(
        this.file,
        this.path,
        this.payloadOffset + start * recordBytes,
        size * recordBytes,
      );
      if (this.verifyAtEnd) crc = crc32Update(crc, bytes);
      yield decodeRecords(bytes, start, size, frames, nodes, features);
    }
    if (this.verifyAtEnd) checkPayloadCrc(this.path, this.header, crc);
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

async function readExactly(
  file: FileHandle,
  path: string,
  position: number,
  length: number,
): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, done, length - done, position + done);
    if (bytesRead === 0)
      throw new DatasetFileError(
        'truncated',
        path,
        `truncated: expected ${length} bytes at offset ${position}, the file ends after ${position + done}`,
      );
    done += bytesRead;
  }
  return buffer;
}

function checkPayloadCrc(path: string, header: DatasetHeader, crc: number): void {
  const actual = crc.toString(16).padStart(8, '0');
  if (actual !== header.checksum.value)
    throw new DatasetFileError(
      'checksum-mismatch',
      path,
      `payload checksum mismatch (header crc32 ${header.checksum.value}, data ${actual}): the file is corrupt`,
    );
}

const EXPECTABLE = ['kind', 'split', 'seed', 'nodes', 'frames', 'features', 'count'];

function checkExpectations(path: string, header: DatasetHeader, expect: DatasetExpectation): void {
  if (typeof expect !== 'object' || expect === null)
    throw new TypeError(`expect must be an object, got ${JSON.stringify(expect)}`);
  for (const [key, wanted] of Object.entries(expect)) {
    if (!EXPECTABLE.includes(key))
      throw new RangeError(
        `expect.${key} is not a checkable field (known: ${EXPECTABLE.join(', ')})`,
      );
    if (wanted === undefined) continue;
    const actual = header[key as keyof DatasetExpectation];
    if (actual !== wanted)
      throw new DatasetFileError(
        'mismatch',
        path,
        `expected ${key} = ${JSON.stringify(wanted)}, the file has ${key} = ${JSON.stringify(actual)}`,
      );
  }
}

/** Opens and checks a dataset file; throws `DatasetFileError` if it is not what it should be. */
export async function openDataset(
  path: string,
  options: OpenDatasetOptions = {},
): Promise<DatasetReader> {
  if (typeof path !== 'string' || path === '')
    throw new TypeError(`path must be a non-empty string, got ${JSON.stringify(path)}`);
  const mode = options.checksum ?? 'upfront';
  if (mode !== 'upfront' && mode !== 'at-end' && mode !== 'skip')
    throw new RangeError(
      `checksum must be 'upfront', 'at-end' or 'skip', got ${JSON.stringify(mode)}`,
    );
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = await readUpTo(file, PREAMBLE_BYTES);
    if (!prefixMatches(head.subarray(0, MAGIC.length)))
      throw new DatasetFileError('bad-magic', path, 'not an NRI dataset file (wrong magic bytes)');
    if (head.length < PREAMBLE_BYTES)
      throw new DatasetFileError('truncated', path, `truncated: only ${size} bytes`);
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    const headerBytes = view.getUint32(8, true);
    if (headerBytes > MAX_HEADER_BYTES)
      throw new DatasetFileError(
        'corrupt-header',
        path,
        `corrupt header: length ${headerBytes} exceeds ${MAX_HEADER_BYTES}`,
      );
    if (PREAMBLE_BYTES + headerBytes > size)
      throw new DatasetFileError(
        'truncated',
        path,
        `truncated: the header needs ${PREAMBLE_BYTES + headerBytes} bytes, the file has ${size}`,
      );
    const headerData = await readExactly(file, path, PREAMBLE_BYTES, headerBytes);
    if (crc32(headerData) !== view.getUint32(12, true))
      throw new DatasetFileError('corrupt-header', path, 'corrupt header: checksum mismatch');
    const header = decodeHeader(path, headerData);
    const payloadOffset = PREAMBLE_BYTES + headerBytes;
    const expected = payloadOffset + header.count * header.recordBytes;
    if (size < expected)
      throw new DatasetFileError(
        'truncated',
        path,
        `truncated: ${size} bytes, the header promises ${expected} (${header.count} samples of ${header.recordBytes} bytes)`,
      );
    if (size > expected)
      throw new DatasetFileError(
        'trailing-bytes',
        path,
        `${size - expected} unexpected bytes after the last of ${header.count} samples`,
      );
    checkExpectations(path, header, options.expect ?? {});
    if (mode === 'upfront') {
      let crc = 0;
      const total = header.count * header.recordBytes;
      for (let at = 0; at < total; at += VERIFY_CHUNK_BYTES) {
        const length = Math.min(VERIFY_CHUNK_BYTES, total - at);
        crc = crc32Update(crc, await readExactly(file, path, payloadOffset + at, length));
      }
      checkPayloadCrc(path, header, crc);
    }
    return new DatasetReader(path, file, header, payloadOffset, mode === 'at-end');
  } catch (error) {
    await file.close();
    throw error;
  }
}

async function readUpTo(file: FileHandle, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, done, length - done, done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

function prefixMatches(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== MAGIC[i]) return false;
  return true;
}

/**
 * Convenience: opens `path`, yields its batches, closes it (also when the loop exits early).
 */
export async function* readDatasetBatches(
  path: string,
  batchSize: number,
  options: OpenDatasetOptions = {},
): AsyncGenerator<SampleBatch, void, undefined> {
  checkInteger('batchSize', batchSize, 1, 1_000_000);
  const reader = await openDataset(path, options);
  try {
    yield* reader.batches(batchSize);
  } finally {
    await reader.close();
  }
}
