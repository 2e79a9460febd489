// The element types the builder knows, and their ONNX TensorProto.DataType codes.
import { OnnxExportError } from './errors.js';

export type DType = 'float32' | 'int64' | 'int32' | 'bool';

const CODES: Record<DType, number> = { float32: 1, int32: 6, int64: 7, bool: 9 };
const BYTES: Record<DType, number> = { float32: 4, int32: 4, int64: 8, bool: 1 };

export function dtypeCode(dtype: DType): number {
  return CODES[dtype];
}

export function dtypeBytes(dtype: DType): number {
  return BYTES[dtype];
}

/** The DType of an ONNX elem_type code; OnnxExportError for one the builder does not write. */
export function dtypeFromCode(code: number, what: string): DType {
  for (const [dtype, value] of Object.entries(CODES)) if (value === code) return dtype as DType;
  throw new OnnxExportError(`${what}: unsupported element type code ${code}`);
}
