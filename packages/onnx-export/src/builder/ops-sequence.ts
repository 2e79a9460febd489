// Operators for sequence models (opset 17 semantics), checked as ops.ts checks the others:
// 1-D Conv, Relu, Sigmoid, ReduceMax, Equal, Cast, Slice, Squeeze, Unsqueeze, Max. Sequence
// lengths are symbolic; a length that an op shortens or lengthens by a constant gets a derived
// symbol (`n` → `n_minus_1`, `n_plus_2`), the same name wherever the same arithmetic happens, so
// that e.g. a valid k2 conv of `n` positions and a slice dropping one of them broadcast together.
import type { DType } from './dtype.js';
import { dtypeFromCode } from './dtype.js';
import { OnnxExportError } from './errors.js';
import type { OpContext, ValueType } from './op-types.js';
import type { Dim } from './shape.js';
import { broadcastShapes, formatShape, normaliseAxis } from './shape.js';

type Rule = {
  readonly inputs: number;
  readonly attributes: Readonly<Record<string, 'int' | 'float' | 'ints'>>;
  infer(inputs: readonly ValueType[], context: OpContext): ValueType;
};

/** Slice's "to the end" (INT64_MAX in the ONNX spec; anything ≥ the dimension means the end). */
export const SLICE_TO_END = Number.MAX_SAFE_INTEGER;

/** `dim` changed by `delta` positions: a number, or a derived symbol for a symbolic length. */
export function shiftedDim(dim: Dim, delta: number, what: string): Dim {
  if (delta === 0) return dim;
  if (typeof dim === 'number') {
    if (dim + delta < 1)
      throw new OnnxExportError(`${what}: dimension ${dim} would become ${dim + delta}`);
    return dim + delta;
  }
  return delta < 0 ? `${dim}_minus_${-delta}` : `${dim}_plus_${delta}`;
}

function requireFloat(x: ValueType, what: string, i = 0): void {
  if (x.dtype !== 'float32')
    throw new OnnxExportError(`${what}: input ${i} must be float32, got ${x.dtype}`);
}

function ints(context: OpContext, name: string): readonly number[] | undefined {
  return context.attributes[name]?.value as readonly number[] | undefined;
}

function constantInts(context: OpContext, i: number, role: string): readonly number[] {
  const values = context.constant(i);
  if (values === undefined)
    throw new OnnxExportError(`${context.what}: ${role} (input ${i}) must be a constant int64`);
  return values;
}

/** Conv over one spatial axis: X [N, C, L], W [M, C, K], B [M] → [N, M, L + pads − (K − 1)]. */
function convRule([x, w, b]: readonly ValueType[], context: OpContext): ValueType {
  const { what } = context;
  [x, w, b].forEach((v, i) => {
    requireFloat(v, what, i);
  });
  if (x.shape.length !== 3 || w.shape.length !== 3 || b.shape.length !== 1)
    throw new OnnxExportError(
      `${what}: 1-D Conv needs X [N, C, L], W [M, C, K], B [M], got ${formatShape(x.shape)}, ${formatShape(w.shape)}, ${formatShape(b.shape)}`,
    );
  const [m, c, k] = w.shape;
  if (typeof k !== 'number' || typeof m !== 'number')
    throw new OnnxExportError(
      `${what}: W must have constant dimensions, got ${formatShape(w.shape)}`,
    );
  if (x.shape[1] !== c || b.shape[0] !== m)
    throw new OnnxExportError(
      `${what}: channels do not chain: X ${formatShape(x.shape)}, W ${formatShape(w.shape)}, B ${formatShape(b.shape)}`,
    );
  const kernel = ints(context, 'kernel_shape');
  if (kernel === undefined || kernel.length !== 1 || kernel[0] !== k)
    throw new OnnxExportError(`${what}: kernel_shape must be [${k}] (W's last dimension)`);
  const pads = ints(context, 'pads') ?? [0, 0];
  if (pads.length !== 2 || pads.some((p) => !Number.isInteger(p) || p < 0))
    throw new OnnxExportError(`${what}: pads must be [begin, end] ≥ 0, got [${pads.join(', ')}]`);
  const length = shiftedDim(x.shape[2], pads[0] + pads[1] - (k - 1), what);
  return { dtype: 'float32', shape: [x.shape[0], m, length] };
}

function reduceMaxRule([x]: readonly ValueType[], context: OpContext): ValueType {
  requireFloat(x, context.what);
  const axes = (ints(context, 'axes') ?? []).map((a) =>
    normaliseAxis(a, x.shape.length, context.what),
  );
  if (axes.length === 0)
    throw new OnnxExportError(`${context.what}: give the axes to reduce explicitly`);
  const keep = (context.attributes.keepdims?.value ?? 1) !== 0;
  const shape = x.shape.flatMap((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d]));
  return { dtype: 'float32', shape };
}

function equalRule([a, b]: readonly ValueType[], context: OpContext): ValueType {
  if (a.dtype !== b.dtype)
    throw new OnnxExportError(`${context.what}: inputs are ${a.dtype} and ${b.dtype}`);
  return { dtype: 'bool', shape: broadcastShapes(a.shape, b.shape, context.what) };
}

function castRule([x]: readonly ValueType[], context: OpContext): ValueType {
  const to = context.attributes.to;
  if (to === undefined) throw new OnnxExportError(`${context.what}: the to attribute is required`);
  const dtype: DType = dtypeFromCode(to.value as number, `${context.what} attribute to`);
  return { dtype, shape: x.shape };
}

/** Slice with constant starts/ends/axes (steps 1) along the given axes. */
function sliceRule(inputs: readonly ValueType[], context: OpContext): ValueType {
  const [x] = inputs;
  const { what } = context;
  const starts = constantInts(context, 1, 'starts');
  const ends = constantInts(context, 2, 'ends');
  const axes = constantInts(context, 3, 'axes');
  if (starts.length !== axes.length || ends.length !== axes.length)
    throw new OnnxExportError(`${what}: starts, ends and axes must have the same length`);
  const shape = [...x.shape];
  for (const [i, a] of axes.entries()) {
    const axis = normaliseAxis(a, x.shape.length, what);
    const d = x.shape[axis];
    const [s, e] = [starts[i], ends[i]];
    if (typeof d === 'number') {
      const clamp = (v: number) => Math.min(d, Math.max(0, v < 0 ? v + d : v));
      const size = clamp(e) - clamp(s);
      if (size < 1) throw new OnnxExportError(`${what}: slice ${s}:${e} of ${d} is empty`);
      shape[axis] = size;
    } else {
      // A symbolic length: only "drop a constant number from either end" keeps a known form.
      const toEnd = e === SLICE_TO_END;
      if (s < 0 || !(e < 0 || toEnd))
        throw new OnnxExportError(
          `${what}: on symbolic dimension ${d} a slice must be start ≥ 0 to end < 0 or to the end, got ${s}:${e}`,
        );
      shape[axis] = shiftedDim(d, -(s + (toEnd ? 0 : -e)), what);
    }
  }
  return { dtype: x.dtype, shape };
}

function squeezeRule([x]: readonly ValueType[], context: OpContext): ValueType {
  const axes = constantInts(context, 1, 'axes').map((a) =>
    normaliseAxis(a, x.shape.length, context.what),
  );
  for (const a of axes)
    if (x.shape[a] !== 1)
      throw new OnnxExportError(
        `${context.what}: axis ${a} of ${formatShape(x.shape)} is not 1 and cannot be squeezed`,
      );
  return { dtype: x.dtype, shape: x.shape.filter((_, i) => !axes.includes(i)) };
}

function unsqueezeRule([x]: readonly ValueType[], context: OpContext): ValueType {
  const rank = x.shape.length + constantInts(context, 1, 'axes').length;
  const axes = constantInts(context, 1, 'axes').map((a) => normaliseAxis(a, rank, context.what));
  const shape: Dim[] = [];
  let from = 0;
  for (let i = 0; i < rank; i++) shape.push(axes.includes(i) ? 1 : x.shape[from++]);
  return { dtype: x.dtype, shape };
}

export const SEQUENCE_OP_RULES: Readonly<Record<string, Rule>> = {
  Conv: { inputs: 3, attributes: { kernel_shape: 'ints', pads: 'ints' }, infer: convRule },
  Relu: {
    inputs: 1,
    attributes: {},
    infer: ([x], { what }) => {
      requireFloat(x, what);
      return x;
    },
  },
  Sigmoid: {
    inputs: 1,
    attributes: {},
    infer: ([x], { what }) => {
      requireFloat(x, what);
      return x;
    },
  },
  ReduceMax: { inputs: 1, attributes: { axes: 'ints', keepdims: 'int' }, infer: reduceMaxRule },
  Equal: { inputs: 2, attributes: {}, infer: equalRule },
  Cast: { inputs: 1, attributes: { to: 'int' }, infer: castRule },
  Slice: { inputs: 4, attributes: {}, infer: sliceRule },
  Squeeze: { inputs: 2, attributes: {}, infer: squeezeRule },
  Unsqueeze: { inputs: 2, attributes: {}, infer: unsqueezeRule },
  Max: {
    inputs: 2,
    attributes: {},
    infer: ([a, b], { what }) => {
      requireFloat(a, what, 0);
      requireFloat(b, what, 1);
      return { dtype: 'float32', shape: broadcastShapes(a.shape, b.shape, what) };
    },
  },
};
