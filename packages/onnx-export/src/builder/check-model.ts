// The graph checker run before any file is written (and usable on any ModelProto read back):
// IR and opset versions, names (valid, unique, defined before use), initializer data (size
// matches the shape, floats finite), nothing unused, every node's operands and attributes by its
// operator's rule, and every declared output's dtype and shape equal to the inferred one.
import type { onnx as Proto } from 'onnx-proto';
import { IR_VERSION, int64ToNumber, OPSET_VERSION } from '../proto.js';
import { OnnxExportError } from './errors.js';
import { inferOutput, type ValueType } from './ops.js';
import { readAttribute, readTensor, readValueType } from './proto-values.js';
import { formatShape, sameShape } from './shape.js';

/** Names of graph values: letters, digits and _ . : / - (no spaces), not starting with a digit. */
export const VALUE_NAME = /^[A-Za-z_][A-Za-z0-9_.:/-]*$/;

export function checkValueName(name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string' || !VALUE_NAME.test(name))
    throw new OnnxExportError(
      `${what}: name must match ${VALUE_NAME}, got ${JSON.stringify(name)}`,
    );
}

/** Throws OnnxExportError naming the first problem found in `model`. */
export function checkModel(model: Proto.IModelProto): void {
  const ir = int64ToNumber(model.irVersion as number);
  if (ir < 7 || ir > IR_VERSION)
    throw new OnnxExportError(`model: IR version must be 7..${IR_VERSION}, got ${ir}`);
  const opset = (model.opsetImport ?? []).find((o) => (o.domain ?? '') === '');
  const version = int64ToNumber(opset?.version as number);
  if (version < OPSET_VERSION)
    throw new OnnxExportError(
      `model: default-domain opset must be ≥ ${OPSET_VERSION}, got ${version}`,
    );
  const graph = model.graph;
  if (!graph) throw new OnnxExportError('model: has no graph');

  const types = new Map<string, ValueType>();
  const constants = new Map<string, number[]>();
  const unused = new Set<string>();
  const define = (name: string | null | undefined, type: ValueType, what: string) => {
    checkValueName(name, what);
    if (types.has(name)) throw new OnnxExportError(`${what}: name ${name} is already defined`);
    types.set(name, type);
    unused.add(name);
  };

  for (const input of graph.input ?? []) {
    const what = `input '${input.name}'`;
    define(input.name, readValueType(input, what), what);
  }
  for (const init of graph.initializer ?? []) {
    const what = `initializer '${init.name}'`;
    const tensor = readTensor(init, what);
    if (tensor.dtype === 'float32' && !tensor.values.every(Number.isFinite))
      throw new OnnxExportError(`${what}: holds a NaN or infinite value`);
    define(init.name, { dtype: tensor.dtype, shape: tensor.dims }, what);
    if (tensor.dtype === 'int64' || tensor.dtype === 'int32')
      constants.set(init.name as string, tensor.values);
  }
  for (const [index, node] of (graph.node ?? []).entries()) {
    const what = `${node.opType} node '${node.name || index}'`;
    const inputs = (node.input ?? []).map((name, i) => {
      const type = types.get(name);
      if (type === undefined)
        throw new OnnxExportError(`${what}: input ${i} '${name}' is not defined before the node`);
      unused.delete(name);
      return type;
    });
    const attributes = Object.fromEntries(
      (node.attribute ?? []).map((a) => [a.name, readAttribute(a, what)]),
    );
    const output = inferOutput(node.opType ?? '', inputs, {
      what,
      attributes,
      constant: (i) => constants.get((node.input ?? [])[i]),
    });
    const outputs = node.output ?? [];
    if (outputs.length !== 1)
      throw new OnnxExportError(`${what}: must have exactly one output, got ${outputs.length}`);
    define(outputs[0], output, `${what}: output`);
  }
  const declared = graph.output ?? [];
  if (declared.length === 0) throw new OnnxExportError('model: the graph has no outputs');
  for (const out of declared) {
    const what = `output '${out.name}'`;
    const inferred = types.get(out.name ?? '');
    if (inferred === undefined) throw new OnnxExportError(`${what}: no node computes it`);
    if (!out.docString) throw new OnnxExportError(`${what}: has no doc string`);
    const type = readValueType(out, what);
    if (type.dtype !== inferred.dtype || !sameShape(type.shape, inferred.shape))
      throw new OnnxExportError(
        `${what}: declared ${type.dtype} ${formatShape(type.shape)}, computed ${inferred.dtype} ${formatShape(inferred.shape)}`,
      );
    unused.delete(out.name as string);
  }
  for (const input of graph.input ?? [])
    if (!input.docString) throw new OnnxExportError(`input '${input.name}': has no doc string`);
  if (unused.size > 0)
    throw new OnnxExportError(`model: defined but never used: ${[...unused].join(', ')}`);
}
