// The parity runner: the same seeded random inputs through a reference (the tfjs model) and
// through onnxruntime (node and/or web's wasm backend), at several batch sizes; reports the
// largest absolute difference of each run. The tests hold it to 1e-4.
import { RandomGenerator } from '@sst-tricks/sst-core';
import type { Runtime } from './runtime.js';
import { openSession } from './runtime.js';

export interface ParityOptions {
  /** The exported model. */
  bytes: Uint8Array;
  inputName: string;
  outputName: string;
  /** The input's dims for a batch size. */
  inputShape(batch: number): number[];
  /** The reference output for `input` (in the ONNX output's layout, row-major). */
  reference(input: Float32Array, batch: number): Float32Array | Promise<Float32Array>;
  batchSizes: readonly number[];
  /** Seeds the inputs (uniform in [−1, 1)). */
  seed: number;
  /** Default ['node']. */
  runtimes?: readonly Runtime[];
}

export interface ParityResult {
  runtime: Runtime;
  batch: number;
  outputDims: readonly number[];
  maxAbsDiff: number;
  /** The largest |reference| value, for scale. */
  maxAbsReference: number;
}

/** Uniform [−1, 1) float32 values from `generator`. */
export function randomInput(generator: RandomGenerator, count: number): Float32Array {
  const u = generator.uniforms(count);
  return Float32Array.from(u, (v) => 2 * v - 1);
}

export async function runParity(options: ParityOptions): Promise<ParityResult[]> {
  const generator = new RandomGenerator(options.seed);
  const results: ParityResult[] = [];
  const runtimes = options.runtimes ?? ['node'];
  const sessions = await Promise.all(runtimes.map((r) => openSession(r, options.bytes)));
  try {
    for (const batch of options.batchSizes) {
      const dims = options.inputShape(batch);
      const input = randomInput(
        generator,
        dims.reduce((a, b) => a * b, 1),
      );
      const expected = await options.reference(input, batch);
      for (const [k, session] of sessions.entries()) {
        const out = await session.run({ [options.inputName]: { data: input, dims } });
        const actual = out[options.outputName];
        if (actual === undefined || actual.data.length !== expected.length)
          throw new RangeError(
            `runParity: output '${options.outputName}' has ${actual?.data.length ?? 'no'} values, the reference ${expected.length}`,
          );
        const { maxAbsDiff, maxAbsReference } = compareOutputs(actual.data, expected);
        results.push({
          runtime: runtimes[k],
          batch,
          outputDims: actual.dims,
          maxAbsDiff,
          maxAbsReference,
        });
      }
    }
  } finally {
    await Promise.all(sessions.map((s) => s.release()));
  }
  return results;
}

/**
 * The largest |actual − expected| (∞ if any difference is NaN: NaN must fail parity, never hide
 * behind Math.max) and the largest |expected| — over the entries `counted` keeps for the latter
 * (e.g. not a padding constant that would dominate the scale).
 */
export function compareOutputs(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  counted: (value: number) => boolean = () => true,
): { maxAbsDiff: number; maxAbsReference: number } {
  let maxAbsDiff = 0;
  let maxAbsReference = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    maxAbsDiff = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(maxAbsDiff, d);
    if (counted(expected[i])) maxAbsReference = Math.max(maxAbsReference, Math.abs(expected[i]));
  }
  return { maxAbsDiff, maxAbsReference };
}
