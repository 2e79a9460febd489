// UnsortedSegmentSum in plain JS, for backends that lack the kernel (wasm): tfjs's gradient of
// `gather` scatters `dy` back with it, so without it no embedding or index-based model trains.
// One pass over the data, O(size(x)); the cpu backend's version loops over segments instead.
import type { DataType, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { JsKernelBackend } from './js-kernel-backend.js';

type NumericArray = Float32Array | Int32Array | Uint8Array;

/**
 * out[s, …] = Σ_{i : segmentIds[i] = s} x[i, …]. `segmentIds` indexes the leading dimensions of
 * `x` (its shape is a prefix of `xShape`); ids outside [0, numSegments) are dropped, as in
 * TensorFlow. Sums are accumulated in float64 and rounded once.
 */
export function unsortedSegmentSumValues(
  x: ArrayLike<number>,
  xShape: readonly number[],
  segmentIds: ArrayLike<number>,
  numSegments: number,
): { values: Float64Array; shape: number[] } {
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new RangeError(
      `unsortedSegmentSum: numSegments must be a non-negative integer, got ${numSegments}`,
    );
  }
  const idCount = segmentIds.length;
  const inner = idCount === 0 ? 0 : x.length / idCount;
  if (!Number.isInteger(inner)) {
    throw new RangeError(
      `unsortedSegmentSum: ${idCount} segment ids do not divide x of shape [${xShape.join(', ')}]`,
    );
  }
  const rowShape = innerShape(xShape, idCount);
  const values = new Float64Array(numSegments * inner);
  for (let i = 0; i < idCount; i++) {
    const segment = segmentIds[i];
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * inner;
    const to = segment * inner;
    for (let j = 0; j < inner; j++) values[to + j] += x[from + j];
  }
  return { values, shape: [numSegments, ...rowShape] };
}

// The trailing dimensions of x that follow the ones indexed by the segment ids.
function innerShape(xShape: readonly number[], idCount: number): number[] {
  let covered = 1;
  let axis = 0;
  while (axis < xShape.length && covered !== idCount) covered *= xShape[axis++];
  if (covered !== idCount) {
    throw new RangeError(
      `unsortedSegmentSum: segment ids (${idCount}) are not a prefix of x's shape [${xShape.join(', ')}]`,
    );
  }
  return xShape.slice(axis);
}

function typedArrayFor(dtype: DataType, values: Float64Array): NumericArray {
  if (dtype === 'float32') return Float32Array.from(values);
  if (dtype === 'int32') return Int32Array.from(values);
  throw new TypeError(`unsortedSegmentSum: unsupported dtype '${dtype}'`);
}

/** The kernel function (inputs x, segmentIds; attr numSegments) for a `JsKernelBackend`. */
export function unsortedSegmentSumKernel(args: {
  inputs: NamedTensorInfoMap;
  backend: JsKernelBackend;
  attrs?: NamedAttrMap;
}): TensorInfo {
  const { x, segmentIds } = args.inputs;
  if (x === undefined || segmentIds === undefined) {
    throw new TypeError('unsortedSegmentSum: inputs x and segmentIds are required');
  }
  const numSegments = Number(args.attrs?.numSegments);
  const xValues = args.backend.readSync(x.dataId) as NumericArray;
  const ids = args.backend.readSync(segmentIds.dataId) as NumericArray;
  const { values, shape } = unsortedSegmentSumValues(xValues, x.shape, ids, numSegments);
  return args.backend.makeOutput(shape, x.dtype, undefined, typedArrayFor(x.dtype, values));
}
