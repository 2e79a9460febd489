export { ensureGradients, gradientsRegistered } from './gradients.js';
export type { BackendName } from './select-backend.js';
export { BACKEND_NAMES, selectBackend } from './select-backend.js';
export { unsortedSegmentSumValues } from './unsorted-segment-sum.js';
export { registerWasmFallbackKernels, WASM_FALLBACK_KERNELS } from './wasm-kernels.js';
