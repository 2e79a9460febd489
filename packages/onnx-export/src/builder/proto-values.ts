// Between the builder's values (dtype, symbolic shape, typed arrays, typed attributes) and their
// protobuf messages, both ways. Tensor data is written as little-endian raw_data, as ONNX requires.
import type { onnx as Proto } from 'onnx-proto';
import { int64ToNumber, onnx } from '../proto.js';
import type { DType } from './dtype.js';
import { dtypeBytes, dtypeCode, dtypeFromCode } from './dtype.js';
import { OnnxExportError } from './errors.js';
import type { Attribute, ValueType } from './ops.js';
import type { Dim } from './shape.js';

export type TensorData = Float32Array | Int32Array | BigInt64Array | Uint8Array;

const ATTRIBUTE_CODES = { float: 1, int: 2, string: 3, ints: 7 } as const;

export function dataDtype(data: TensorData): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof BigInt64Array) return 'int64';
  return 'bool';
}

function rawBytes(data: TensorData): Uint8Array {
  const dtype = dataDtype(data);
  const out = new Uint8Array(data.length * dtypeBytes(dtype));
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    if (dtype === 'float32') view.setFloat32(4 * i, data[i] as number, true);
    else if (dtype === 'int32') view.setInt32(4 * i, data[i] as number, true);
    else if (dtype === 'int64') view.setBigInt64(8 * i, data[i] as bigint, true);
    else out[i] = data[i] as number;
  }
  return out;
}

export function tensorProto(name: string, data: TensorData, dims: readonly number[]) {
  return onnx.TensorProto.create({
    name,
    dataType: dtypeCode(dataDtype(data)),
    dims: [...dims],
    rawData: rawBytes(data),
  });
}

export function valueInfoProto(name: string, type: ValueType, doc: string) {
  return onnx.ValueInfoProto.create({
    name,
    docString: doc,
    type: {
      tensorType: {
        elemType: dtypeCode(type.dtype),
        shape: {
          dim: type.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
        },
      },
    },
  });
}

export function attributeProto(name: string, attribute: Attribute) {
  const type = ATTRIBUTE_CODES[attribute.type];
  if (attribute.type === 'float')
    return onnx.AttributeProto.create({ name, type, f: attribute.value });
  if (attribute.type === 'int')
    return onnx.AttributeProto.create({ name, type, i: attribute.value });
  if (attribute.type === 'string')
    return onnx.AttributeProto.create({ name, type, s: new TextEncoder().encode(attribute.value) });
  return onnx.AttributeProto.create({ name, type, ints: [...attribute.value] });
}

/** A ValueInfoProto's dtype and shape; OnnxExportError when it is not a fully shaped tensor. */
export function readValueType(info: Proto.IValueInfoProto, what: string): ValueType {
  const tensor = info.type?.tensorType;
  if (!tensor || tensor.elemType === null || tensor.elemType === undefined)
    throw new OnnxExportError(`${what}: not a tensor type`);
  const dims = tensor.shape?.dim;
  if (!dims) throw new OnnxExportError(`${what}: has no shape`);
  const shape: Dim[] = dims.map((d, i) => {
    if (d.dimParam) return d.dimParam;
    const value = int64ToNumber(d.dimValue as number | null | undefined);
    if (!(value >= 1))
      throw new OnnxExportError(`${what}: dimension ${i} is neither ≥ 1 nor named`);
    return value;
  });
  return { dtype: dtypeFromCode(tensor.elemType, what), shape };
}

export function readAttribute(proto: Proto.IAttributeProto, what: string): Attribute {
  const value = (v: unknown) => int64ToNumber(v as number);
  switch (proto.type) {
    case ATTRIBUTE_CODES.float:
      return { type: 'float', value: proto.f ?? 0 };
    case ATTRIBUTE_CODES.int:
      return { type: 'int', value: value(proto.i) };
    case ATTRIBUTE_CODES.ints:
      return { type: 'ints', value: (proto.ints ?? []).map(value) };
    case ATTRIBUTE_CODES.string:
      return { type: 'string', value: new TextDecoder().decode(proto.s ?? new Uint8Array()) };
    default:
      throw new OnnxExportError(
        `${what}: attribute ${proto.name} has unsupported type ${proto.type}`,
      );
  }
}

export interface DecodedTensor {
  dtype: DType;
  dims: number[];
  /** The values as numbers (int64 through Number: the builder's constants are small). */
  values: number[];
}

/** An initializer's type, dims and values (raw_data or the typed fields). */
export function readTensor(proto: Proto.ITensorProto, what: string): DecodedTensor {
  const dtype = dtypeFromCode(proto.dataType ?? 0, what);
  const dims = (proto.dims ?? []).map((d) => int64ToNumber(d as number));
  for (const d of dims)
    if (!Number.isInteger(d) || d < 0) throw new OnnxExportError(`${what}: invalid dimension ${d}`);
  const count = dims.reduce((a, b) => a * b, 1);
  const raw = proto.rawData;
  let values: number[];
  if (raw && raw.length > 0) {
    const bytes = dtypeBytes(dtype);
    if (raw.length !== count * bytes)
      throw new OnnxExportError(
        `${what}: raw data has ${raw.length} bytes, shape [${dims.join(', ')}] needs ${count * bytes}`,
      );
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    values = Array.from({ length: count }, (_, i) =>
      dtype === 'float32'
        ? view.getFloat32(4 * i, true)
        : dtype === 'int32'
          ? view.getInt32(4 * i, true)
          : dtype === 'int64'
            ? Number(view.getBigInt64(8 * i, true))
            : view.getUint8(i),
    );
  } else {
    const typed =
      dtype === 'float32' ? proto.floatData : dtype === 'int64' ? proto.int64Data : proto.int32Data;
    values = (typed ?? []).map((v) => int64ToNumber(v as number));
    if (values.length !== count)
      throw new OnnxExportError(
        `${what}: has ${values.length} values, shape [${dims.join(', ')}] needs ${count}`,
      );
  }
  return { dtype, dims, values };
}
