// The operators of recurrent sequence models (the ListOps arc scorer): the LSTM and the masks of
// padded positions (CumSum, Less, And, Where); the convolution, axis and elementwise operators
// they share with the L2X explainer are in ops-sequence.ts. Same contract as ops.ts: each rule
// checks its operands by opset 17's definition and infers its output type, for the builder as
// nodes are added and for checkModel on a whole ModelProto.
import type { DType } from './dtype.js';
import { OnnxExportError } from './errors.js';
import type { OpContext, OpRule, ValueType } from './op-types.js';
import type { Shape } from './shape.js';
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

export const RECURRENT_OP_RULES: Readonly<Record<string, OpRule>> = {
  LSTM: {
    inputs: 5,
    attributes: { hidden_size: 'int', direction: 'string' },
    infer: lstmRule,
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
