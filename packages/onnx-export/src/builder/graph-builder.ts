// A small typed ONNX graph builder. Every value is a handle carrying its name, dtype and
// (symbolic) shape; each op checks its operands by the operator's rule as it is added, so a
// wrong shape fails at the line that built it, and `toBytes` re-checks the finished ModelProto
// (check-model.ts) before anything is serialised.
import type { onnx as Proto } from 'onnx-proto';
import { IR_VERSION, OPSET_VERSION, onnx } from '../proto.js';
import { checkModel, checkValueName } from './check-model.js';
import type { DType } from './dtype.js';
import { dtypeCode } from './dtype.js';
import { OnnxExportError } from './errors.js';
import type { Attribute, ValueType } from './ops.js';
import { inferOutput } from './ops.js';
import type { TensorData } from './proto-values.js';
import { attributeProto, dataDtype, tensorProto, valueInfoProto } from './proto-values.js';
import type { Dim, Shape } from './shape.js';
import { checkDim, formatShape, shapeFactors } from './shape.js';

/** A value of the graph under construction (an input, an initializer or a node's output). */
export interface OnnxValue extends ValueType {
  readonly name: string;
  /** The builder that made it: values of another builder are rejected. */
  readonly owner: GraphBuilder;
}

export interface ModelOptions {
  /** The producer (written as producer_name), e.g. "@sst-tricks/onnx-export". */
  producerName: string;
  producerVersion: string;
  docString: string;
  /** metadata_props (string → string); keys must be non-empty. */
  metadata: Readonly<Record<string, string>>;
}

export class GraphBuilder {
  private readonly inputs: Proto.IValueInfoProto[] = [];
  private readonly outputs: Proto.IValueInfoProto[] = [];
  private readonly initializers: Proto.ITensorProto[] = [];
  private readonly nodes: Proto.INodeProto[] = [];
  private readonly names = new Set<string>();
  private readonly constants = new Map<string, readonly number[]>();
  private counter = 0;

  constructor(readonly graphName: string) {
    checkValueName(graphName, 'graph');
  }

  /** A graph input; string dimensions are symbolic ("batch"). */
  input(name: string, dtype: DType, shape: Shape, doc: string): OnnxValue {
    for (const [i, d] of shape.entries()) checkDim(d, `input '${name}' dimension ${i}`);
    this.requireDoc(doc, `input '${name}'`);
    const value = this.declare(name, { dtype, shape: [...shape] }, `input '${name}'`);
    this.inputs.push(valueInfoProto(name, value, doc));
    return value;
  }

  /** A constant tensor (weights, index lists, shapes); data must fill `shape` exactly. */
  initializer(name: string, data: TensorData, shape: readonly number[]): OnnxValue {
    const what = `initializer '${name}'`;
    for (const [i, d] of shape.entries()) checkDim(d, `${what} dimension ${i}`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (data.length !== size)
      throw new OnnxExportError(
        `${what}: ${data.length} values do not fill shape ${formatShape(shape)} (${size})`,
      );
    const dtype = dataDtype(data);
    if (dtype === 'float32')
      for (let i = 0; i < data.length; i++)
        if (!Number.isFinite(data[i]))
          throw new OnnxExportError(`${what}: value ${i} is ${data[i]}, not finite`);
    const value = this.declare(name, { dtype, shape: [...shape] }, what);
    this.initializers.push(tensorProto(name, data, shape));
    if (dtype === 'int64') this.constants.set(name, Array.from(data as BigInt64Array, Number));
    return value;
  }

  /** An int64 vector constant (shapes, indices). */
  int64s(name: string, values: readonly number[]): OnnxValue {
    return this.initializer(name, BigInt64Array.from(values, BigInt), [values.length]);
  }

  add(a: OnnxValue, b: OnnxValue, name?: string): OnnxValue {
    return this.node('Add', [a, b], {}, name);
  }
  sub(a: OnnxValue, b: OnnxValue, name?: string): OnnxValue {
    return this.node('Sub', [a, b], {}, name);
  }
  mul(a: OnnxValue, b: OnnxValue, name?: string): OnnxValue {
    return this.node('Mul', [a, b], {}, name);
  }
  matMul(a: OnnxValue, b: OnnxValue, name?: string): OnnxValue {
    return this.node('MatMul', [a, b], {}, name);
  }
  elu(x: OnnxValue, alpha = 1, name?: string): OnnxValue {
    return this.node('Elu', [x], { alpha: { type: 'float', value: alpha } }, name);
  }
  transpose(x: OnnxValue, perm: readonly number[], name?: string): OnnxValue {
    return this.node('Transpose', [x], { perm: { type: 'ints', value: perm } }, name);
  }
  concat(values: readonly OnnxValue[], axis: number, name?: string): OnnxValue {
    return this.node('Concat', values, { axis: { type: 'int', value: axis } }, name);
  }
  /** Gather along `axis` by constant `indices` (a new int64 initializer). */
  gather(x: OnnxValue, indices: readonly number[], axis: number, name?: string): OnnxValue {
    const id = this.freshName(name ?? 'gather');
    const idx = this.int64s(`${id}/indices`, indices);
    return this.node('Gather', [x, idx], { axis: { type: 'int', value: axis } }, id);
  }
  /** ONNX LSTM (gates i, o, f, c; layout 0) → Y [seq, directions, batch, hidden] only. */
  lstm(
    operands: { x: OnnxValue; w: OnnxValue; r: OnnxValue; b: OnnxValue; lengths: OnnxValue },
    hidden: number,
    direction: 'forward' | 'reverse' | 'bidirectional',
    name?: string,
  ): OnnxValue {
    const { x, w, r, b, lengths } = operands;
    const attributes: Record<string, Attribute> = {
      hidden_size: { type: 'int', value: hidden },
      direction: { type: 'string', value: direction },
    };
    return this.node('LSTM', [x, w, r, b, lengths], attributes, name);
  }
  /** Running sum along `axis` (exclusive: each entry leaves itself out). */
  cumSum(x: OnnxValue, axis: number, exclusive: boolean, name?: string): OnnxValue {
    const id = this.freshName(name ?? 'cumsum');
    const a = this.initializer(`${id}/axis`, BigInt64Array.of(BigInt(axis)), []);
    return this.node(
      'CumSum',
      [x, a],
      { exclusive: { type: 'int', value: exclusive ? 1 : 0 } },
      id,
    );
  }
  less(a: OnnxValue, b: OnnxValue, name?: string): OnnxValue {
    return this.node('Less', [a, b], {}, name);
  }
  and(a: OnnxValue, b: OnnxValue, name?: string): OnnxValue {
    return this.node('And', [a, b], {}, name);
  }
  where(condition: OnnxValue, x: OnnxValue, y: OnnxValue, name?: string): OnnxValue {
    return this.node('Where', [condition, x, y], {}, name);
  }

  /**
   * Reshape to `shape`, which may name at most one symbolic dimension (written as -1 and checked
   * to carry exactly the input's symbolic factor).
   */
  reshape(x: OnnxValue, shape: Shape, name?: string): OnnxValue {
    const id = this.freshName(name ?? 'reshape');
    const symbols = shapeFactors(shape).symbols;
    if (symbols.length > 1)
      throw new OnnxExportError(
        `Reshape node '${id}': at most one symbolic dimension, got ${formatShape(shape)}`,
      );
    for (const [i, d] of shape.entries()) checkDim(d, `Reshape node '${id}' dimension ${i}`);
    const target = this.int64s(
      `${id}/shape`,
      shape.map((d) => (typeof d === 'number' ? d : -1)),
    );
    const out = this.node('Reshape', [x, target], {}, id);
    if (!out.shape.every((d, i) => d === shape[i]))
      throw new OnnxExportError(
        `Reshape node '${id}': ${formatShape(x.shape)} reshapes to ${formatShape(out.shape)}, not ${formatShape(shape)}`,
      );
    return out;
  }

  // Sequence-model operators (rules in ops-sequence.ts and ops-recurrent.ts).
  relu(x: OnnxValue, name?: string): OnnxValue {
    return this.node('Relu', [x], {}, name);
  }
  sigmoid(x: OnnxValue, name?: string): OnnxValue {
    return this.node('Sigmoid', [x], {}, name);
  }
  max(a: OnnxValue, b: OnnxValue, name?: string): OnnxValue {
    return this.node('Max', [a, b], {}, name);
  }
  equal(a: OnnxValue, b: OnnxValue, name?: string): OnnxValue {
    return this.node('Equal', [a, b], {}, name);
  }
  cast(x: OnnxValue, to: DType, name?: string): OnnxValue {
    return this.node('Cast', [x], { to: { type: 'int', value: dtypeCode(to) } }, name);
  }
  /** Gather along `axis` by a computed index tensor (e.g. token ids into an embedding table). */
  gatherBy(x: OnnxValue, indices: OnnxValue, axis: number, name?: string): OnnxValue {
    return this.node('Gather', [x, indices], { axis: { type: 'int', value: axis } }, name);
  }
  /** 1-D Conv of X [N, C, L] with W [M, C, K] and bias [M], `pads` [begin, end] zeros. */
  conv1d(
    x: OnnxValue,
    weights: OnnxValue,
    bias: OnnxValue,
    pads: readonly [number, number],
    name?: string,
  ): OnnxValue {
    const kernel = weights.shape[2];
    if (typeof kernel !== 'number')
      throw new OnnxExportError(`Conv node '${name ?? 'conv'}': W must be [M, C, K] constants`);
    return this.node(
      'Conv',
      [x, weights, bias],
      {
        kernel_shape: { type: 'ints', value: [kernel] },
        pads: { type: 'ints', value: [...pads] },
      },
      name,
    );
  }
  reduceMax(x: OnnxValue, axes: readonly number[], keepdims: boolean, name?: string): OnnxValue {
    return this.node(
      'ReduceMax',
      [x],
      { axes: { type: 'ints', value: axes }, keepdims: { type: 'int', value: keepdims ? 1 : 0 } },
      name,
    );
  }
  /** x[starts:ends] along `axes` (constants; SLICE_TO_END for "to the end"). */
  slice(
    x: OnnxValue,
    starts: readonly number[],
    ends: readonly number[],
    axes: readonly number[],
    name?: string,
  ): OnnxValue {
    const id = this.freshName(name ?? 'slice');
    const inputs = [
      this.int64s(`${id}/starts`, starts),
      this.int64s(`${id}/ends`, ends),
      this.int64s(`${id}/axes`, axes),
    ];
    return this.node('Slice', [x, ...inputs], {}, id);
  }
  squeeze(x: OnnxValue, axes: readonly number[], name?: string): OnnxValue {
    const id = this.freshName(name ?? 'squeeze');
    return this.node('Squeeze', [x, this.int64s(`${id}/axes`, axes)], {}, id);
  }
  unsqueeze(x: OnnxValue, axes: readonly number[], name?: string): OnnxValue {
    const id = this.freshName(name ?? 'unsqueeze');
    return this.node('Unsqueeze', [x, this.int64s(`${id}/axes`, axes)], {}, id);
  }

  /** Declares `value` a graph output named `name` (an output name is a node's output name). */
  output(value: OnnxValue, doc: string): void {
    this.own(value, 'output');
    this.requireDoc(doc, `output '${value.name}'`);
    if (this.outputs.some((o) => o.name === value.name))
      throw new OnnxExportError(`output '${value.name}': declared twice`);
    this.outputs.push(valueInfoProto(value.name, value, doc));
  }

  /** The ModelProto (checked). */
  toModel(options: ModelOptions): Proto.ModelProto {
    for (const key of Object.keys(options.metadata))
      if (key === '') throw new OnnxExportError('metadata: keys must be non-empty');
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [{ domain: '', version: OPSET_VERSION }],
      producerName: options.producerName,
      producerVersion: options.producerVersion,
      docString: options.docString,
      metadataProps: Object.entries(options.metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.graphName,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    });
    checkModel(model);
    return model;
  }

  /** The serialised model (checked first: nothing is returned for an invalid graph). */
  toBytes(options: ModelOptions): Uint8Array {
    return onnx.ModelProto.encode(this.toModel(options)).finish();
  }

  private node(
    opType: string,
    inputs: readonly OnnxValue[],
    attributes: Record<string, Attribute>,
    name?: string,
  ): OnnxValue {
    const id =
      name !== undefined && !this.names.has(name)
        ? name
        : this.freshName(name ?? opType.toLowerCase());
    const what = `${opType} node '${id}'`;
    for (const [i, v] of inputs.entries()) this.own(v, `${what} input ${i}`);
    const type = inferOutput(opType, inputs, {
      what,
      attributes,
      constant: (i) => this.constants.get(inputs[i].name),
    });
    const value = this.declare(id, type, what);
    this.nodes.push(
      onnx.NodeProto.create({
        name: id,
        opType,
        input: inputs.map((v) => v.name),
        output: [id],
        attribute: Object.entries(attributes).map(([key, a]) => attributeProto(key, a)),
      }),
    );
    return value;
  }

  private declare(name: string, type: ValueType, what: string): OnnxValue {
    checkValueName(name, what);
    if (this.names.has(name)) throw new OnnxExportError(`${what}: name ${name} is already used`);
    this.names.add(name);
    return { name, dtype: type.dtype, shape: type.shape as Dim[], owner: this };
  }

  /** `base` if free, else `base_1`, `base_2`, … */
  private freshName(base: string): string {
    if (!this.names.has(base)) return base;
    for (;;) {
      const candidate = `${base}_${++this.counter}`;
      if (!this.names.has(candidate)) return candidate;
    }
  }

  private own(value: OnnxValue, what: string): void {
    if (value?.owner !== this)
      throw new OnnxExportError(`${what}: the value is not one of this builder's`);
  }

  private requireDoc(doc: string, what: string): void {
    if (typeof doc !== 'string' || doc.trim() === '')
      throw new OnnxExportError(`${what}: needs a doc string (what it holds, its layout)`);
  }
}
