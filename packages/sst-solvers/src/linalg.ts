// Dense float64 linear algebra on row-major n×n Float64Arrays (public API; the in-place kernels
// in ./linalg/kernels.ts stay internal).
export { MAX_MATRIX_ORDER } from './linalg/check.js';
export { cholesky, choleskyInverse, choleskyLogDet } from './linalg/cholesky.js';
export type { DenseKernelChoice, DenseKernelKind } from './linalg/dense.js';
export { denseKernelKind, setDenseKernels, wasmSimdAvailable } from './linalg/dense.js';
export type { LuFactorization } from './linalg/lu.js';
export { inverse, logAbsDet, luFactor, luInverse, luSolve } from './linalg/lu.js';
