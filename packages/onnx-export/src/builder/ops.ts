// The operators the builder writes (opset 17 semantics) and, for each, the rule that checks its
// operands and infers its output's dtype and shape. The builder applies a rule as each node is
// added (so a mistake fails at the line that made it); `checkModel` re-applies them to a whole
// ModelProto, written or read back, independently of how it was built.
import type { DType } from './dtype.js';
import { OnnxExportError } from './errors.js';
import type { OpContext, OpRule, ValueType } from './op-types.js';
import { RECURRENT_OP_RULES } from './ops-recurrent.js';
import { SEQUENCE_OP_RULES } from './ops-sequence.js';
import type { Dim, Shape } from './shape.js';
import {
  broadcastShapes,
  formatShape,
  matMulShape,
  normaliseAxis,
  sameShape,
  shapeFactors,
} from './shape.js';

export type { Attribute, OpContext, OpRule, ValueType } from './op-types.js';

function floatOperands(inputs: readonly ValueType[], what: string): void {
  for (const [i, input] of inputs.entries())
    if (input.dtype !== 'float32')
      throw new OnnxExportError(`${what}: input ${i} must be float32, got ${input.dtype}`);
}

function sameDtype(inputs: readonly ValueType[], what: string): DType {
  const dtype = inputs[0].dtype;
  for (const [i, input] of inputs.entries())
    if (input.dtype !== dtype)
      throw new OnnxExportError(
        `${what}: input ${i} is ${input.dtype}, input 0 is ${dtype} (they must agree)`,
      );
  return dtype;
}

const elementwise: OpRule = {
  inputs: 2,
  attributes: {},
  infer: ([a, b], { what }) => ({
    dtype: sameDtype([a, b], what),
    shape: broadcastShapes(a.shape, b.shape, what),
  }),
};

function reshapeRule(inputs: readonly ValueType[], context: OpContext): ValueType {
  const [data] = inputs;
  const target = context.constant(1);
  if (target === undefined)
    throw new OnnxExportError(`${context.what}: the target shape must be a constant int64 tensor`);
  const out: (Dim | null)[] = [];
  let free = -1;
  for (const [i, t] of target.entries()) {
    if (t === -1) {
      if (free !== -1) throw new OnnxExportError(`${context.what}: more than one -1 in the shape`);
      free = i;
      out.push(null);
    } else if (t === 0) {
      if (i >= data.shape.length)
        throw new OnnxExportError(`${context.what}: 0 at axis ${i} beyond the input's rank`);
      out.push(data.shape[i]);
    } else if (Number.isInteger(t) && t > 0) out.push(t);
    else throw new OnnxExportError(`${context.what}: invalid target dimension ${t}`);
  }
  const input = shapeFactors(data.shape);
  const known = shapeFactors(out.filter((d): d is Dim => d !== null));
  const remaining = [...input.symbols];
  for (const s of known.symbols) {
    const at = remaining.indexOf(s);
    if (at === -1)
      throw new OnnxExportError(`${context.what}: dimension ${s} is not in the input's shape`);
    remaining.splice(at, 1);
  }
  const ratio = input.known / known.known;
  const fail = () =>
    new OnnxExportError(
      `${context.what}: cannot reshape ${formatShape(data.shape)} to [${target.join(', ')}]`,
    );
  if (free === -1) {
    if (remaining.length > 0 || ratio !== 1) throw fail();
  } else if (remaining.length === 1 && ratio === 1) {
    out[free] = remaining[0];
  } else if (remaining.length === 0 && Number.isInteger(ratio) && ratio >= 1) {
    out[free] = ratio;
  } else {
    throw fail();
  }
  return { dtype: data.dtype, shape: out as Dim[] };
}

function gatherRule(inputs: readonly ValueType[], context: OpContext): ValueType {
  const [data, indices] = inputs;
  const { what } = context;
  if (indices.dtype !== 'int64' && indices.dtype !== 'int32')
    throw new OnnxExportError(`${what}: indices must be int64 or int32, got ${indices.dtype}`);
  const attribute = context.attributes.axis;
  const axis = normaliseAxis(attribute ? (attribute.value as number) : 0, data.shape.length, what);
  const size = data.shape[axis];
  const values = context.constant(1);
  if (values !== undefined && typeof size === 'number')
    for (const v of values)
      if (!Number.isInteger(v) || v < -size || v >= size)
        throw new OnnxExportError(`${what}: index ${v} is out of range for dimension ${size}`);
  return {
    dtype: data.dtype,
    shape: [...data.shape.slice(0, axis), ...indices.shape, ...data.shape.slice(axis + 1)],
  };
}

function transposeRule([x]: readonly ValueType[], context: OpContext): ValueType {
  const rank = x.shape.length;
  const perm = context.attributes.perm?.value as readonly number[] | undefined;
  const order = perm ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const sorted = [...order].sort((a, b) => a - b);
  if (order.length !== rank || sorted.some((p, i) => p !== i))
    throw new OnnxExportError(
      `${context.what}: perm [${order.join(', ')}] is not a permutation of rank ${rank}`,
    );
  return { dtype: x.dtype, shape: order.map((p) => x.shape[p]) };
}

function concatRule(inputs: readonly ValueType[], context: OpContext): ValueType {
  const { what } = context;
  const dtype = sameDtype(inputs, what);
  const rank = inputs[0].shape.length;
  const attribute = context.attributes.axis;
  if (attribute === undefined) throw new OnnxExportError(`${what}: the axis attribute is required`);
  const axis = normaliseAxis(attribute.value as number, rank, what);
  let total = 0;
  for (const [i, input] of inputs.entries()) {
    const d = input.shape[axis];
    const others = (s: Shape) => s.filter((_, k) => k !== axis);
    if (input.shape.length !== rank || !sameShape(others(input.shape), others(inputs[0].shape)))
      throw new OnnxExportError(
        `${what}: input ${i} ${formatShape(input.shape)} does not match input 0 ${formatShape(inputs[0].shape)} off axis ${axis}`,
      );
    if (typeof d !== 'number')
      throw new OnnxExportError(`${what}: cannot concatenate along symbolic dimension ${d}`);
    total += d;
  }
  const shape = [...inputs[0].shape];
  shape[axis] = total;
  return { dtype, shape };
}

export const OP_RULES: Readonly<Record<string, OpRule>> = {
  Add: elementwise,
  Sub: elementwise,
  Mul: elementwise,
  MatMul: {
    inputs: 2,
    attributes: {},
    infer: ([a, b], { what }) => {
      floatOperands([a, b], what);
      return { dtype: 'float32', shape: matMulShape(a.shape, b.shape, what) };
    },
  },
  Elu: {
    inputs: 1,
    attributes: { alpha: 'float' },
    infer: ([x], { what }) => {
      floatOperands([x], what);
      return x;
    },
  },
  Reshape: { inputs: 2, attributes: {}, infer: reshapeRule },
  Gather: { inputs: 2, attributes: { axis: 'int' }, infer: gatherRule },
  Transpose: { inputs: 1, attributes: { perm: 'ints' }, infer: transposeRule },
  Concat: { inputs: -1, attributes: { axis: 'int' }, infer: concatRule },
  ...SEQUENCE_OP_RULES,
  ...RECURRENT_OP_RULES,
};

/** Applies the rule of `opType` after checking its arity and attribute kinds. */
export function inferOutput(
  opType: string,
  inputs: readonly ValueType[],
  context: OpContext,
): ValueType {
  const rule = OP_RULES[opType];
  if (rule === undefined)
    throw new OnnxExportError(
      `${context.what}: operator ${opType} is not one the builder supports (${Object.keys(OP_RULES).join(', ')})`,
    );
  if (rule.inputs === -1 ? inputs.length < 1 : inputs.length !== rule.inputs)
    throw new OnnxExportError(
      `${context.what}: ${opType} takes ${rule.inputs === -1 ? '≥ 1' : rule.inputs} inputs, got ${inputs.length}`,
    );
  for (const [name, attribute] of Object.entries(context.attributes)) {
    const expected = rule.attributes[name];
    if (expected === undefined)
      throw new OnnxExportError(`${context.what}: ${opType} has no attribute ${name}`);
    if (attribute.type !== expected)
      throw new OnnxExportError(
        `${context.what}: attribute ${name} must be ${expected}, got ${attribute.type}`,
      );
  }
  return rule.infer(inputs, context);
}
