// The part of the wasm backend (`BackendWasm`) that a kernel written in JS needs: read an
// input's values into JS, allocate an output holding given values on the wasm heap, and free
// an intermediate.
import type { backend_util, DataType, TensorInfo } from '@tensorflow/tfjs-core';

export interface JsKernelBackend {
  readSync(dataId: TensorInfo['dataId']): backend_util.BackendValues;
  makeOutput(
    shape: number[],
    dtype: DataType,
    memoryOffset?: number,
    values?: backend_util.BackendValues,
  ): TensorInfo;
  disposeData(dataId: TensorInfo['dataId']): boolean;
}
