// The checkpoint format (documented in the README): a JSON manifest that describes everything,
// plus one binary payload holding every tensor back to back as little-endian 4-byte values
// (float32, or int32 for integer state such as Adam's iteration count). The manifest names the
// payload file and its length and SHA-256, so a payload from another checkpoint, a truncated one
// or a flipped bit is caught before anything is restored.
import { createHash } from 'node:crypto';
import type { RandomGeneratorState } from '@sst-tricks/sst-core';
import type { JsonValue } from '../json.js';
import type { Metrics } from '../model.js';
import type { OptimizerRecord } from '../optimizer.js';
import { CheckpointError } from './errors.js';

export const CHECKPOINT_FORMAT = 'sst-tricks-checkpoint';
export const CHECKPOINT_VERSION = 1;

export type StoredDtype = 'float32' | 'int32';

/** One tensor's values, by name. */
export interface StoredTensor {
  readonly name: string;
  readonly dtype: StoredDtype;
  readonly shape: readonly number[];
  readonly values: Float32Array | Int32Array;
}

export interface StoredVariable extends StoredTensor {
  readonly trainable: boolean;
}

/** Where a tensor lives in the payload. */
export interface TensorEntry {
  readonly name: string;
  readonly dtype: StoredDtype;
  readonly shape: readonly number[];
  /** Byte offset into the payload (a multiple of 4). */
  readonly offset: number;
  /** Number of elements (the product of `shape`). */
  readonly length: number;
}

export interface VariableEntry extends TensorEntry {
  readonly trainable: boolean;
}

export interface EvaluationRecord {
  readonly step: number;
  readonly metrics: Metrics;
}

/** The options a resume needs to continue the same run. */
export interface RecordedOptions {
  readonly steps: number;
  readonly seed: number;
  readonly optimizer: OptimizerRecord;
  readonly clipGradientNorm: number | null;
  readonly evaluationEvery: number | null;
  readonly evaluationSeed: number | null;
  readonly checkpointEvery: number | null;
  readonly logEvery: number | null;
  /** Data-parallel worker threads; absent for in-process runs (1). */
  readonly workers?: number;
  /** Slices per step of sliced gradients; absent for one-tape runs (1). */
  readonly microBatches?: number;
}

export interface CheckpointManifest {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: typeof CHECKPOINT_VERSION;
  /** Updates completed. */
  readonly step: number;
  readonly createdAt: string;
  readonly payload: { readonly file: string; readonly bytes: number; readonly sha256: string };
  /** The model's variables, in the order the optimizer state follows. */
  readonly variables: readonly VariableEntry[];
  readonly optimizer: {
    /** `optimizer.getWeights()`, renamed from tfjs's variable names to checkpoint names. */
    readonly weights: readonly TensorEntry[];
    /** Optimizer variables `getWeights` leaves out (Adam's β1^t, β2^t), by property name. */
    readonly extras: readonly TensorEntry[];
  };
  readonly generators: {
    readonly model: RandomGeneratorState;
    readonly data: RandomGeneratorState;
  };
  /** The data stream's `getState()`, or null for a batch function. */
  readonly data: JsonValue;
  readonly options: RecordedOptions;
  readonly progress: {
    /** Training wall time up to this checkpoint, summed over resumed runs. */
    readonly elapsedSeconds: number;
    /** The loss of the last step, or null at step 0. */
    readonly loss: number | null;
    /** Every evaluation so far. */
    readonly evaluations: readonly EvaluationRecord[];
  };
  /** The app's own data (`checkpoint.metadata`), e.g. the model configuration. */
  readonly metadata: JsonValue;
}

/** Everything a checkpoint holds, before encoding. */
export interface CheckpointContents {
  readonly step: number;
  readonly variables: readonly StoredVariable[];
  readonly optimizer: {
    readonly weights: readonly StoredTensor[];
    readonly extras: readonly StoredTensor[];
  };
  readonly generators: CheckpointManifest['generators'];
  readonly data: JsonValue;
  readonly options: RecordedOptions;
  readonly progress: CheckpointManifest['progress'];
  readonly metadata: JsonValue;
}

/** The decoded tensors of a checkpoint. */
export interface CheckpointTensors {
  readonly variables: readonly StoredVariable[];
  readonly optimizer: {
    readonly weights: readonly StoredTensor[];
    readonly extras: readonly StoredTensor[];
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Manifest and payload bytes for `contents`; `payloadFile` is the payload's file name. */
export function encodeCheckpoint(
  contents: CheckpointContents,
  payloadFile: string,
): { manifest: CheckpointManifest; payload: Uint8Array } {
  const all = [...contents.variables, ...contents.optimizer.weights, ...contents.optimizer.extras];
  const payload = new Uint8Array(all.reduce((sum, tensor) => sum + tensor.values.length * 4, 0));
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const tensor of all) {
    const bytes = new Uint8Array(
      tensor.values.buffer,
      tensor.values.byteOffset,
      tensor.values.length * 4,
    );
    payload.set(bytes, offset);
    if (!LITTLE_ENDIAN) swapBytes(payload.subarray(offset, offset + bytes.length));
    entries.push({
      name: tensor.name,
      dtype: tensor.dtype,
      shape: [...tensor.shape],
      offset,
      length: tensor.values.length,
    });
    offset += bytes.length;
  }
  const nVariables = contents.variables.length;
  const nWeights = contents.optimizer.weights.length;
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    step: contents.step,
    createdAt: new Date().toISOString(),
    payload: { file: payloadFile, bytes: payload.length, sha256: sha256(payload) },
    variables: contents.variables.map((variable, i) => ({
      ...entries[i],
      trainable: variable.trainable,
    })),
    optimizer: {
      weights: entries.slice(nVariables, nVariables + nWeights),
      extras: entries.slice(nVariables + nWeights),
    },
    generators: contents.generators,
    data: contents.data,
    options: contents.options,
    progress: contents.progress,
    metadata: contents.metadata,
  };
  return { manifest, payload };
}

/** The tensors of `payload`, after checking its length and checksum against the manifest. */
export function decodeCheckpoint(
  manifest: CheckpointManifest,
  payload: Uint8Array,
  where: string,
): CheckpointTensors {
  if (payload.length !== manifest.payload.bytes) {
    throw new CheckpointError(
      `${where}: payload ${manifest.payload.file} has ${payload.length} bytes, the manifest says ${manifest.payload.bytes} (truncated or from another checkpoint)`,
    );
  }
  if (sha256(payload) !== manifest.payload.sha256) {
    throw new CheckpointError(
      `${where}: payload ${manifest.payload.file} does not match the manifest's SHA-256 (corrupt, or from another checkpoint)`,
    );
  }
  const read = (entry: TensorEntry): StoredTensor => {
    const bytes = payload.slice(entry.offset, entry.offset + entry.length * 4);
    if (!LITTLE_ENDIAN) swapBytes(bytes);
    const values =
      entry.dtype === 'int32' ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
    return { name: entry.name, dtype: entry.dtype, shape: entry.shape, values };
  };
  return {
    variables: manifest.variables.map((entry) => ({ ...read(entry), trainable: entry.trainable })),
    optimizer: {
      weights: manifest.optimizer.weights.map(read),
      extras: manifest.optimizer.extras.map(read),
    },
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function swapBytes(bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i += 4) {
    const a = bytes[i];
    const b = bytes[i + 1];
    bytes[i] = bytes[i + 3];
    bytes[i + 1] = bytes[i + 2];
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}
