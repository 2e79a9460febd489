// The dataset file format, version 1 (little-endian throughout):
//
//   offset 0   8 bytes   magic  0x89 'S' 'S' 'T' 'N' 'R' 'I' 0x0A  (non-ASCII first byte and a
//                        newline, as in PNG, so text-mode transfers and other files fail fast)
//   offset 8   uint32    H, the header's length in bytes
//   offset 12  uint32    CRC-32 of the H header bytes
//   offset 16  H bytes   UTF-8 JSON header (`DatasetHeader`), padded with spaces so the payload
//                        starts at a multiple of 8
//   16 + H     payload   `count` records of `recordBytes` each, sample 0 first; a record is the
//                        trajectory as float32 [frames, nodes, features], then the n(n−1)/2 edge
//                        indicators as uint8, then zero bytes up to a multiple of 4 (so every
//                        record's floats stay 4-byte aligned)
//
// The header carries the CRC-32 of the whole payload. The file's size is fixed by the header, so
// truncation and trailing bytes are detected before anything is read.
import { crc32 } from './crc32.js';
import { DatasetFileError } from './dataset-error.js';
import type { GraphLayoutParams } from './graph-layout.js';
import type { ParticleParams } from './particles.js';
import { SPLITS, type Split } from './seed-stream.js';
import { type DatasetSpec, featuresOf, SOURCE_KINDS, type SourceKind } from './sources.js';

export const MAGIC = Uint8Array.of(0x89, 0x53, 0x53, 0x54, 0x4e, 0x52, 0x49, 0x0a);
export const FORMAT_NAME = 'sst-tricks/nri-dataset';
export const FORMAT_VERSION = 1;
/** Bytes before the header: magic, header length, header CRC. */
export const PREAMBLE_BYTES = 16;
/** A header longer than this is taken for corruption. */
export const MAX_HEADER_BYTES = 1 << 20;
/** Names the per-sample seed derivation, so a future change cannot silently alter datasets. */
export const SEED_STREAM = 'splitmix64-mix53-v1';

export interface DatasetHeader {
  readonly format: typeof FORMAT_NAME;
  readonly version: number;
  readonly kind: SourceKind;
  readonly split: Split;
  readonly seed: number;
  readonly seedStream: string;
  readonly count: number;
  readonly nodes: number;
  readonly frames: number;
  readonly features: number;
  /** Every generator parameter, defaults included. */
  readonly params: GraphLayoutParams | ParticleParams;
  readonly shape: { readonly trajectories: number[]; readonly edges: number[] };
  readonly dtype: { readonly trajectories: 'float32le'; readonly edges: 'uint8' };
  readonly recordBytes: number;
  /** CRC-32 of the payload, 8 lowercase hex digits. */
  readonly checksum: { readonly algorithm: 'crc32'; readonly value: string };
  readonly createdBy: string;
}

/** Bytes of one record: float32 trajectory, uint8 edges, zero padding to a multiple of 4. */
export function recordLayout(
  frames: number,
  nodes: number,
  features: number,
): { trajectoryBytes: number; edgeBytes: number; recordBytes: number } {
  const trajectoryBytes = frames * nodes * features * 4;
  const edgeBytes = (nodes * (nodes - 1)) / 2;
  return {
    trajectoryBytes,
    edgeBytes,
    recordBytes: trajectoryBytes + Math.ceil(edgeBytes / 4) * 4,
  };
}

/** The header of a dataset of `count` samples of `spec`, with the given payload checksum. */
export function makeHeader(spec: DatasetSpec, count: number, checksum: number): DatasetHeader {
  const { nodes, frames } = spec.params;
  const features = featuresOf(spec.kind);
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    kind: spec.kind,
    split: spec.split,
    seed: spec.seed,
    seedStream: SEED_STREAM,
    count,
    nodes,
    frames,
    features,
    params: spec.params,
    shape: {
      trajectories: [count, frames, nodes, features],
      edges: [count, (nodes * (nodes - 1)) / 2],
    },
    dtype: { trajectories: 'float32le', edges: 'uint8' },
    recordBytes: recordLayout(frames, nodes, features).recordBytes,
    checksum: { algorithm: 'crc32', value: checksum.toString(16).padStart(8, '0') },
    createdBy: '@sst-tricks/nri',
  };
}

/** Magic, lengths and header bytes: everything before the payload. */
export function encodePreamble(header: DatasetHeader): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil((PREAMBLE_BYTES + json.length) / 8) * 8 - PREAMBLE_BYTES;
  const out = new Uint8Array(PREAMBLE_BYTES + padded).fill(0x20);
  out.set(MAGIC, 0);
  out.set(json, PREAMBLE_BYTES);
  const view = new DataView(out.buffer);
  view.setUint32(8, padded, true);
  view.setUint32(12, crc32(out.subarray(PREAMBLE_BYTES)), true);
  return out;
}

function fail(path: string, detail: string): never {
  throw new DatasetFileError('corrupt-header', path, `corrupt header: ${detail}`);
}

function checkCount(path: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    fail(path, `${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Parses and checks header bytes (already CRC-checked). Throws `DatasetFileError` with code
 * 'unsupported-version' or 'corrupt-header'.
 */
export function decodeHeader(path: string, bytes: Uint8Array): DatasetHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    fail(path, `not UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    fail(path, 'not a JSON object');
  const h = parsed as Record<string, unknown>;
  if (h.format !== FORMAT_NAME)
    fail(path, `format must be ${JSON.stringify(FORMAT_NAME)}, got ${JSON.stringify(h.format)}`);
  if (h.version !== FORMAT_VERSION)
    throw new DatasetFileError(
      'unsupported-version',
      path,
      `format version ${JSON.stringify(h.version)} is not supported (this reader knows ${FORMAT_VERSION})`,
    );
  if (!SOURCE_KINDS.includes(h.kind as SourceKind))
    fail(path, `kind must be one of ${SOURCE_KINDS.join(', ')}, got ${JSON.stringify(h.kind)}`);
  if (!SPLITS.includes(h.split as Split))
    fail(path, `split must be one of ${SPLITS.join(', ')}, got ${JSON.stringify(h.split)}`);
  if (typeof h.seed !== 'number' || !Number.isSafeInteger(h.seed))
    fail(path, `seed must be a safe integer, got ${JSON.stringify(h.seed)}`);
  const count = checkCount(path, 'count', h.count, 0);
  const nodes = checkCount(path, 'nodes', h.nodes, 2);
  const frames = checkCount(path, 'frames', h.frames, 1);
  const features = checkCount(path, 'features', h.features, 1);
  if (features !== featuresOf(h.kind as SourceKind))
    fail(
      path,
      `features must be ${featuresOf(h.kind as SourceKind)} for ${h.kind}, got ${features}`,
    );
  const shape = h.shape as { trajectories?: unknown; edges?: unknown } | undefined;
  const wanted = {
    trajectories: [count, frames, nodes, features],
    edges: [count, (nodes * (nodes - 1)) / 2],
  };
  if (
    JSON.stringify(shape?.trajectories) !== JSON.stringify(wanted.trajectories) ||
    JSON.stringify(shape?.edges) !== JSON.stringify(wanted.edges)
  )
    fail(path, `shape must be ${JSON.stringify(wanted)}, got ${JSON.stringify(shape)}`);
  const { recordBytes } = recordLayout(frames, nodes, features);
  if (h.recordBytes !== recordBytes)
    fail(path, `recordBytes must be ${recordBytes}, got ${JSON.stringify(h.recordBytes)}`);
  const checksum = h.checksum as { algorithm?: unknown; value?: unknown } | undefined;
  if (
    checksum?.algorithm !== 'crc32' ||
    typeof checksum.value !== 'string' ||
    !/^[0-9a-f]{8}$/.test(checksum.value)
  )
    fail(path, `checksum must be {algorithm: "crc32", value: 8 hex digits}`);
  const params = h.params as Record<string, unknown> | undefined;
  if (
    typeof params !== 'object' ||
    params === null ||
    params.nodes !== nodes ||
    params.frames !== frames
  )
    fail(path, 'params must be an object with the header’s nodes and frames');
  return parsed as DatasetHeader;
}
