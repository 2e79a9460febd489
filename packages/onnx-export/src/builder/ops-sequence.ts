// The operators of sequence models (the ListOps arc scorer first): the LSTM, the masks of padded
// positions (CumSum, Less, And, Where) and the axis ops between them (Squeeze, Unsqueeze). Same
// contract as ops.ts: each rule checks its operands by opset 17's definition and infers its
// output type, for the builder as nodes are added and for checkModel on a whole ModelProto.
// Only type imports from ops.ts: it spreads these rules into its table, so no import cycle.
import type { DType } from './dtype.js';
import { OnnxExportError } from './errors.js';
import type { OpContext, OpRule, ValueType } from './ops.js';
import type { Dim, Shape } from './shape.js';
import { broadcastShapes, formatShape, normaliseAxis } from './shape.js';

function requireDtype(value: ValueType, allowed: readonly DType[], what: string): void {
  if (!allowed.includes(value.dtype))
    throw new OnnxExportError(`${what} must be ${allowed.join(' or ')}, got ${value.dtype}`);
}

function agree(a: ValueType, b: ValueType, what: string): DType {
  if (a.dtype !== b.dtype)
    throw new OnnxExportError(`${what}: inputs are ${a.dtype} and ${b.dtype} (they must agree)`);
  return a.dtype;
}

/** The constant axes of input 1 (Squeeze, Unsqueeze), normalised against `rank`. */
function constantAxes(context: OpContext, rank: number): number[] {
  const axes = context.constant(1);
  if (axes === undefined || axes.length === 0)
    throw new OnnxExportError(
      `${context.what}: the axes must be a non-empty constant int64 tensor`,
    );
  const out = axes.map((a) => normaliseAxis(a, rank, context.what));
  if (new Set(out).size !== out.length)
    throw new OnnxExportError(`${context.what}: axes [${axes.join(', ')}] repeat an axis`);
  return out;
}

const comparison: OpRule = {
  inputs: 2,
  attributes: {},
  infer: ([a, b], { what }) => {
    agree(a, b, what);
    requireDtype(a, ['float32', 'int32', 'int64'], `${what}: input 0`);
    return { dtype: 'bool', shape: broadcastShapes(a.shape, b.shape, what) };
  },
};

/**
 * LSTM (opset 14 form, layout 0) with exactly the inputs X [seq, batch, in], W [dirs, 4H, in],
 * R [dirs, 4H, H], B [dirs, 8H] and sequence_lens int32 [batch]; default activations; the one
 * output Y [seq, dirs, batch, H] (Y_h and Y_c are not written).
 */
function lstmRule(inputs: readonly ValueType[], context: OpContext): ValueType {
  const { what, attributes } = context;
  const [x, w, r, b, lengths] = inputs;
  for (const [i, v] of [x, w, r, b].entries()) requireDtype(v, ['float32'], `${what}: input ${i}`);
  requireDtype(lengths, ['int32'], `${what}: sequence_lens`);
  const hidden = attributes.hidden_size?.value;
  if (typeof hidden !== 'number' || !Number.isInteger(hidden) || hidden < 1)
    throw new OnnxExportError(`${what}: attribute hidden_size must be an integer ≥ 1`);
  const direction = attributes.direction?.value ?? 'forward';
  if (direction !== 'forward' && direction !== 'reverse' && direction !== 'bidirectional')
    throw new OnnxExportError(
      `${what}: direction must be forward, reverse or bidirectional, got ${JSON.stringify(direction)}`,
    );
  const dirs = direction === 'bidirectional' ? 2 : 1;
  if (x.shape.length !== 3)
    throw new OnnxExportError(
      `${what}: X must be [seq, batch, inputs], got ${formatShape(x.shape)}`,
    );
  const [seq, batch, features] = x.shape;
  const expect = (v: ValueType, shape: Shape, name: string) => {
    if (v.shape.length !== shape.length || v.shape.some((d, i) => d !== shape[i]))
      throw new OnnxExportError(
        `${what}: ${name} must be ${formatShape(shape)}, got ${formatShape(v.shape)}`,
      );
  };
  expect(w, [dirs, 4 * hidden, features], 'W');
  expect(r, [dirs, 4 * hidden, hidden], 'R');
  expect(b, [dirs, 8 * hidden], 'B');
  expect(lengths, [batch], 'sequence_lens');
  return { dtype: 'float32', shape: [seq, dirs, batch, hidden] };
}

/** ONNX TensorProto.DataType codes of the dtypes Cast writes here. */
const CAST_TARGETS: Readonly<Record<number, DType>> = {
  1: 'float32',
  6: 'int32',
  7: 'int64',
  9: 'bool',
};

export const SEQUENCE_OP_RULES: Readonly<Record<string, OpRule>> = {
  Relu: {
    inputs: 1,
    attributes: {},
    infer: ([x], { what }) => {
      requireDtype(x, ['float32'], `${what}: input 0`);
      return x;
    },
  },
  Equal: comparison,
  Cast: {
    inputs: 1,
    attributes: { to: 'int' },
    infer: ([x], { what, attributes }) => {
      const to = CAST_TARGETS[attributes.to?.value as number];
      if (to === undefined)
        throw new OnnxExportError(
          `${what}: attribute to must be a dtype code of ${Object.values(CAST_TARGETS).join(', ')}`,
        );
      return { dtype: to, shape: x.shape };
    },
  },
  LSTM: {
    inputs: 5,
    attributes: { hidden_size: 'int', direction: 'string' },
    infer: lstmRule,
  },
  Squeeze: {
    inputs: 2,
    attributes: {},
    infer: ([x], context) => {
      const axes = constantAxes(context, x.shape.length);
      for (const a of axes)
        if (x.shape[a] !== 1)
          throw new OnnxExportError(
            `${context.what}: axis ${a} of ${formatShape(x.shape)} is not 1, cannot squeeze it`,
          );
      return { dtype: x.dtype, shape: x.shape.filter((_, i) => !axes.includes(i)) };
    },
  },
  Unsqueeze: {
    inputs: 2,
    attributes: {},
    infer: ([x], context) => {
      const rank = x.shape.length + (context.constant(1)?.length ?? 0);
      const axes = constantAxes(context, rank);
      const rest = [...x.shape];
      const shape: Dim[] = Array.from({ length: rank }, (_, i) =>
        axes.includes(i) ? 1 : (rest.shift() as Dim),
      );
      return { dtype: x.dtype, shape };
    },
  },
  CumSum: {
    inputs: 2,
    attributes: { exclusive: 'int', reverse: 'int' },
    infer: ([x, axis], context) => {
      requireDtype(x, ['float32', 'int32', 'int64'], `${context.what}: input 0`);
      const value = context.constant(1);
      if (value === undefined || value.length !== 1 || axis.shape.length !== 0)
        throw new OnnxExportError(`${context.what}: the axis must be a constant 0-D int tensor`);
      normaliseAxis(value[0], x.shape.length, context.what);
      return x;
    },
  },
  Less: comparison,
  And: {
    inputs: 2,
    attributes: {},
    infer: ([a, b], { what }) => {
      requireDtype(a, ['bool'], `${what}: input 0`);
      requireDtype(b, ['bool'], `${what}: input 1`);
      return { dtype: 'bool', shape: broadcastShapes(a.shape, b.shape, what) };
    },
  },
  Where: {
    inputs: 3,
    attributes: {},
    infer: ([condition, x, y], { what }) => {
      requireDtype(condition, ['bool'], `${what}: condition`);
      const dtype = agree(x, y, what);
      const shape = broadcastShapes(broadcastShapes(condition.shape, x.shape, what), y.shape, what);
      return { dtype, shape };
    },
  },
};
