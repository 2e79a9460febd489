// Selects the dense-kernel path of this test project (see vitest.config.ts).
import { setDenseKernels } from '../src/linalg/dense.js';

const kind = process.env.SST_SOLVERS_KERNELS;
if (kind !== 'wasm-simd' && kind !== 'js') {
  throw new Error(`SST_SOLVERS_KERNELS must be 'wasm-simd' or 'js', got ${String(kind)}`);
}
setDenseKernels(kind);
