// Sample batches ⇄ payload records (layout in file-format.ts). On little-endian hosts (all
// current Node platforms) the float32 bytes are copied as they are; elsewhere a DataView writes
// and reads them little-endian.
import { recordLayout } from './file-format.js';
import { allocateBatch, type SampleBatch } from './sample-batch.js';

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The batch's samples as consecutive records. */
export function encodeRecords(batch: SampleBatch): Uint8Array {
  const { frames, nodes, features, count } = batch;
  const { trajectoryBytes, edgeBytes, recordBytes } = recordLayout(frames, nodes, features);
  const out = new Uint8Array(count * recordBytes);
  const floats = trajectoryBytes / 4;
  const view = new DataView(out.buffer);
  const source = new Uint8Array(
    batch.trajectories.buffer,
    batch.trajectories.byteOffset,
    batch.trajectories.byteLength,
  );
  for (let s = 0; s < count; s++) {
    const at = s * recordBytes;
    if (LITTLE_ENDIAN) out.set(source.subarray(s * trajectoryBytes, (s + 1) * trajectoryBytes), at);
    else
      for (let f = 0; f < floats; f++)
        view.setFloat32(at + 4 * f, batch.trajectories[s * floats + f], true);
    out.set(batch.edges.subarray(s * edgeBytes, (s + 1) * edgeBytes), at + trajectoryBytes);
  }
  return out;
}

/** Decodes `count` records from `bytes` into a batch whose first sample is number `start`. */
export function decodeRecords(
  bytes: Uint8Array,
  start: number,
  count: number,
  frames: number,
  nodes: number,
  features: number,
): SampleBatch {
  const { trajectoryBytes, edgeBytes, recordBytes } = recordLayout(frames, nodes, features);
  const batch = allocateBatch(start, count, frames, nodes, features);
  const target = new Uint8Array(batch.trajectories.buffer);
  const floats = trajectoryBytes / 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let s = 0; s < count; s++) {
    const at = s * recordBytes;
    if (LITTLE_ENDIAN) target.set(bytes.subarray(at, at + trajectoryBytes), s * trajectoryBytes);
    else
      for (let f = 0; f < floats; f++)
        batch.trajectories[s * floats + f] = view.getFloat32(at + 4 * f, true);
    batch.edges.set(
      bytes.subarray(at + trajectoryBytes, at + trajectoryBytes + edgeBytes),
      s * edgeBytes,
    );
  }
  return batch;
}
