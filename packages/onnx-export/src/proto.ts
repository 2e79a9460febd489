// The ONNX protobuf schema (onnx.proto of ONNX 1.10, IR version 8) as the static protobufjs
// module that `onnx-proto` ships (encode/decode + TypeScript declarations). It is CommonJS, so the
// namespace comes off the default import.
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;

/** The IR version written (ONNX 1.10's; opset 17 models load in every runtime reading IR 8). */
export const IR_VERSION = 8;
/** The default-domain opset the graphs use (≥ 17, as the issue asks). */
export const OPSET_VERSION = 17;

/** A protobufjs int64 (a Long when decoded, a number when built here) as a JS number. */
export function int64ToNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}
