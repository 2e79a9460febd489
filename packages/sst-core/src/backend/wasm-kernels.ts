// JS fallbacks for kernels the wasm backend does not implement but model gradients need. Each is
// registered only when wasm has no kernel of that name, so a future native kernel wins.
import * as tf from '@tensorflow/tfjs-core';
import {
  conv2DBackpropFilterKernel,
  depthwiseBackpropFilterKernel,
  depthwiseBackpropInputKernel,
} from './conv-backprop.js';
import type { JsKernelBackend } from './js-kernel-backend.js';
import { unsortedSegmentSumKernel } from './unsorted-segment-sum.js';

type JsKernel = (args: {
  inputs: tf.NamedTensorInfoMap;
  backend: JsKernelBackend;
  attrs?: tf.NamedAttrMap;
}) => tf.TensorInfo;

const FALLBACKS: ReadonlyArray<readonly [kernelName: string, kernel: JsKernel]> = [
  [tf.UnsortedSegmentSum, unsortedSegmentSumKernel], // gradient of gather
  [tf.Conv2DBackpropFilter, conv2DBackpropFilterKernel], // filter gradient of conv1d / conv2d
  [tf.DepthwiseConv2dNativeBackpropInput, depthwiseBackpropInputKernel],
  [tf.DepthwiseConv2dNativeBackpropFilter, depthwiseBackpropFilterKernel],
];

/** Names of the kernels this package supplies for wasm. */
export const WASM_FALLBACK_KERNELS: readonly string[] = FALLBACKS.map(([name]) => name);

/** Registers the JS fallback kernels for the 'wasm' backend. Idempotent. */
export function registerWasmFallbackKernels(): void {
  for (const [kernelName, kernel] of FALLBACKS) {
    if (tf.getKernel(kernelName, 'wasm') != null) continue;
    tf.registerKernel({
      kernelName,
      backendName: 'wasm',
      // tfjs types the backend as `{}`; the wasm backend provides what JsKernelBackend names.
      kernelFunc: kernel as unknown as tf.KernelFunc,
    });
  }
}
