// The dense O(n³) kernels the matrix-tree solvers run per item — matrix products, LU with
// pivoting, the LU inverse, Cholesky and the inverse from it — on one of two paths: a WebAssembly SIMD (f64x2) module (bytes
// embedded in wasm-bytes.ts, compiled synchronously on first use) or the pure-JS kernels. The
// WebAssembly path is chosen automatically where the engine validates SIMD; `setDenseKernels`
// forces either. Buffers come from a `DenseArena`: on the WebAssembly path they are views of the
// arena's own WebAssembly.Memory (sized once, never grown, so views never detach), which the
// kernels read and write without copying.

import {
  choleskyInPlace,
  choleskyInverseInto,
  multiplyInto,
  multiplySymmetricResultInto,
} from './kernels.js';
import { luFactorInPlace, luInverseInto } from './lu-kernels.js';
import { KERNELS_WASM_BASE64 } from './wasm-bytes.js';

export type DenseKernelChoice = 'auto' | 'wasm-simd' | 'js';
export type DenseKernelKind = 'wasm-simd' | 'js';

interface WasmExports {
  multiply(a: number, b: number, out: number, d: number, stride: number, upper: number): void;
  luFactor(lu: number, piv: number, d: number, stride: number): number;
  luInverse(lu: number, piv: number, x: number, d: number, stride: number): void;
  cholesky(a: number, d: number, stride: number): number;
  lowerInverse(l: number, x: number, d: number, stride: number): void;
  lowerGram(x: number, out: number, d: number, stride: number): void;
  expInPlace(v: number, len: number): void;
  peak(iterations: number): number;
  heapBase(): number;
  // Fused per-item pipelines (wasm/arborescence.ts, wasm/spanning-tree.ts); addresses in bytes.
  arbLoad(
    raw: number,
    rawG: number,
    a: number,
    da: number,
    n: number,
    L: number,
    t: number,
  ): number;
  arbScatter(
    mu: number,
    dmu: number,
    outMu: number,
    outVjp: number,
    n: number,
    L: number,
    t: number,
  ): void;
  arbSolve(
    a: number,
    da: number,
    w: number,
    shift: number,
    col: number,
    m1: number,
    m2: number,
    m3: number,
    m4: number,
    m5: number,
    mu: number,
    dmu: number,
    piv: number,
    L: number,
    single: number,
    withJvp: number,
  ): number;
  arbItem(
    table: number,
    n: number,
    L: number,
    t: number,
    single: number,
    withJvp: number,
    wantMu: number,
  ): number;
  treeItem(
    table: number,
    n: number,
    m: number,
    t: number,
    maxRange: number,
    spread: number,
    withVjp: number,
  ): number;
  treeLoad(raw: number, s: number, clipped: number, m: number, t: number, maxRange: number): number;
  treeScatter(vjp: number, clipped: number, arg: number, t: number, out: number, m: number): void;
  treeQuick(
    s: number,
    ei: number,
    ej: number,
    parent: number,
    n: number,
    m: number,
    spread: number,
  ): number;
  treeSolve(
    s: number,
    g: number,
    w: number,
    mu: number,
    vjp: number,
    lap: number,
    scratch: number,
    inv: number,
    ei: number,
    pos: number,
    diag: number,
    info: number,
    n: number,
    m: number,
    withVjp: number,
    strict: number,
  ): number;
}

/** The module's exports and buffer addresses, for the fused per-item pipelines. */
export interface FusedKernels {
  readonly exports: WasmExports;
  /** Byte address of a view of the arena's memory (only such views may be passed). */
  address(a: ArrayBufferView): number;
}

// The slice of the WebAssembly JS API used here (the project's `lib` is plain ES2022, which
// declares none of it; every engine that has WebAssembly has these).
type WasmModule = object;
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}
const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let choice: DenseKernelChoice = 'auto';
let compiled: WasmModule | null | undefined;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The compiled kernel module, or null where WebAssembly or its SIMD proposal is missing. */
function wasmModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (wasmApi !== undefined && typeof wasmApi.Module === 'function') {
    const bytes = decodeBase64(KERNELS_WASM_BASE64);
    // validate() is false on an engine without SIMD: the module uses v128 throughout.
    // Some engines refuse synchronous compilation (e.g. a browser's main-thread size limit):
    // then the JS path is used.
    try {
      if (wasmApi.validate(bytes)) compiled = new wasmApi.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether this engine can run the WebAssembly SIMD kernels. */
export function wasmSimdAvailable(): boolean {
  return wasmModule() !== null;
}

/**
 * Selects the kernel path for arenas created from now on: 'auto' (default: WebAssembly SIMD
 * where available and the matrices have order ≥ AUTO_WASM_MIN_ORDER, else JS), 'wasm-simd' (a RangeError if unavailable) or 'js'. Both paths give
 * the same results up to the order of additions (≈ 1e-15 relative).
 */
export function setDenseKernels(kind: DenseKernelChoice): void {
  if (kind !== 'auto' && kind !== 'wasm-simd' && kind !== 'js') {
    throw new RangeError(`kind must be 'auto', 'wasm-simd' or 'js', got ${String(kind)}`);
  }
  if (kind === 'wasm-simd' && !wasmSimdAvailable()) {
    throw new RangeError("kind 'wasm-simd' is unavailable: this engine lacks WebAssembly SIMD");
  }
  choice = kind;
}

/** The current setting of setDenseKernels (worker threads are given the caller's). */
export function denseKernelChoice(): DenseKernelChoice {
  return choice;
}

/** The path new arenas of order ≥ AUTO_WASM_MIN_ORDER use ('auto' keeps smaller ones on JS). */
export function denseKernelKind(): DenseKernelKind {
  if (choice === 'js') return 'js';
  return wasmSimdAvailable() ? 'wasm-simd' : 'js';
}

/**
 * `count` zeroed order×order matrices, one pivot vector of length `order`, and the kernels that
 * operate on them. Every kernel argument must be one of this arena's buffers (or a subarray of
 * one); sizes d ≤ order with any row stride that stays inside the buffer.
 */
export interface DenseArena {
  readonly kind: DenseKernelKind;
  readonly matrices: readonly Float64Array[];
  /** A vector of the length asked for (e.g. edge or arc weights for `exp`). */
  readonly vector: Float64Array;
  readonly pivots: Int32Array;
  /** Extra float64 / int32 / byte vectors of the lengths asked for (views of the arena's memory). */
  readonly f64: readonly Float64Array[];
  readonly i32: readonly Int32Array[];
  readonly u8: readonly Uint8Array[];
  /** The WebAssembly exports for fused per-item pipelines, or null on the JS path. */
  readonly fused: FusedKernels | null;
  /** v[i] = e^(v[i]) for i < len (−∞ gives 0); within ≈ 1 ulp of Math.exp on either path. */
  exp(v: Float64Array, len: number): void;
  /** out = A·B on the leading d×d blocks; `out` aliases neither input. */
  multiply(a: Float64Array, b: Float64Array, out: Float64Array, d: number, stride: number): void;
  /** out = A·B for a product known to be symmetric: upper triangle computed, then mirrored. */
  multiplySymmetric(
    a: Float64Array,
    b: Float64Array,
    out: Float64Array,
    d: number,
    stride: number,
  ): void;
  /** In-place PA = LU into this arena's `pivots`; see luFactorInPlace for the return code. */
  luFactor(lu: Float64Array, d: number, stride: number): number;
  /** x = A⁻¹ from `luFactor`'s output and this arena's `pivots`. */
  luInverse(lu: Float64Array, x: Float64Array, d: number, stride: number): void;
  /** In-place Cholesky of an SPD block (lower triangle); see choleskyInPlace for the return. */
  cholesky(a: Float64Array, d: number, stride: number): number;
  /** out = A⁻¹ (full, symmetric) from the Cholesky factor in `l`; `x` is scratch. */
  choleskyInverse(
    l: Float64Array,
    x: Float64Array,
    out: Float64Array,
    d: number,
    stride: number,
  ): void;
}

function mirrorUpperToLower(a: Float64Array, d: number, stride: number): void {
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    for (let j = 0; j < i; j++) a[ri + j] = a[j * stride + i];
  }
}

function jsExp(v: Float64Array, len: number): void {
  for (let i = 0; i < len; i++) v[i] = Math.exp(v[i]);
}

/** Lengths of the extra vectors an arena holds beside its matrices. */
export interface ArenaVectors {
  f64?: readonly number[];
  i32?: readonly number[];
  u8?: readonly number[];
}

function jsArena(
  count: number,
  order: number,
  vectorLength: number,
  extra: ArenaVectors,
): DenseArena {
  const matrices = Array.from({ length: count }, () => new Float64Array(order * order));
  const pivots = new Int32Array(order);
  return {
    kind: 'js',
    matrices,
    vector: new Float64Array(vectorLength),
    pivots,
    f64: (extra.f64 ?? []).map((n) => new Float64Array(n)),
    i32: (extra.i32 ?? []).map((n) => new Int32Array(n)),
    u8: (extra.u8 ?? []).map((n) => new Uint8Array(n)),
    fused: null,
    exp: jsExp,
    multiply: multiplyInto,
    multiplySymmetric: multiplySymmetricResultInto,
    luFactor: (lu, d, stride) => luFactorInPlace(lu, pivots, d, stride),
    luInverse: (lu, x, d, stride) => luInverseInto(lu, pivots, x, d, stride),
    cholesky: choleskyInPlace,
    choleskyInverse: choleskyInverseInto,
  };
}

let heapBaseCache: number | undefined;

function heapBase(api: WasmApi, module: WasmModule): number {
  if (heapBaseCache === undefined) {
    const memory = new api.Memory({ initial: 1 });
    const instance = new api.Instance(module, { env: { memory } });
    heapBaseCache = (instance.exports as unknown as WasmExports).heapBase();
  }
  return heapBaseCache;
}

function wasmArena(
  api: WasmApi,
  module: WasmModule,
  count: number,
  order: number,
  vectorLength: number,
  extra: ArenaVectors,
): DenseArena {
  const matrixBytes = order * order * 8;
  const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
  // Above the module's static data (read from a throwaway instance, once per process): matrices
  // 16-byte aligned, then the vector, the pivots and the extra vectors.
  const base = align(heapBase(api, module));
  const stride = align(matrixBytes);
  const vectorAddress = base + stride * count;
  const pivotAddress = vectorAddress + align(vectorLength * 8);
  let total = pivotAddress + align(order * 4);
  const place = (lengths: readonly number[] | undefined, bytes: number) =>
    (lengths ?? []).map((n) => {
      const at = total;
      total += align(n * bytes);
      return { at, n };
    });
  const f64Slots = place(extra.f64, 8);
  const i32Slots = place(extra.i32, 4);
  const u8Slots = place(extra.u8, 1);
  const memory = new api.Memory({ initial: Math.max(1, Math.ceil(total / 65536)) });
  const instance = new api.Instance(module, { env: { memory } });
  const k = instance.exports as unknown as WasmExports;
  const { buffer } = memory;
  const matrices = Array.from(
    { length: count },
    (_, i) => new Float64Array(buffer, base + i * stride, order * order),
  );
  const vector = new Float64Array(buffer, vectorAddress, vectorLength);
  const pivots = new Int32Array(buffer, pivotAddress, order);
  const check = (a: ArrayBufferView) => {
    if (a.buffer !== buffer) throw new Error('dense kernel argument is not in its arena');
    return a.byteOffset;
  };
  return {
    kind: 'wasm-simd',
    matrices,
    vector,
    pivots,
    f64: f64Slots.map(({ at, n }) => new Float64Array(buffer, at, n)),
    i32: i32Slots.map(({ at, n }) => new Int32Array(buffer, at, n)),
    u8: u8Slots.map(({ at, n }) => new Uint8Array(buffer, at, n)),
    // The fused pipelines pass only this arena's own views: their byte offsets are the addresses
    // (reading `.buffer` of a view of WebAssembly memory on every call cost ≈ 12 % at n = 10).
    fused: { exports: k, address: (a) => a.byteOffset },
    exp: (v, len) => k.expInPlace(check(v), len),
    multiply: (a, b, out, d, s) => k.multiply(check(a), check(b), check(out), d, s, 0),
    multiplySymmetric: (a, b, out, d, s) => {
      k.multiply(check(a), check(b), check(out), d, s, 1);
      mirrorUpperToLower(out, d, s);
    },
    luFactor: (lu, d, s) => k.luFactor(check(lu), pivotAddress, d, s),
    luInverse: (lu, x, d, s) => k.luInverse(check(lu), pivotAddress, check(x), d, s),
    cholesky: (a, d, s) => k.cholesky(check(a), d, s),
    choleskyInverse: (l, x, out, d, s) => {
      k.lowerInverse(check(l), check(x), d, s);
      k.lowerGram(x.byteOffset, check(out), d, s);
    },
  };
}

/**
 * Smallest matrix order for which 'auto' picks WebAssembly. It was 16 while every call created
 * its workspaces (a memory and an instance each, tens of µs); now that workspaces are kept
 * between calls (WorkspaceCache) and the per-item pipeline runs in the module, WebAssembly is
 * faster from n = 4 on — measured, batch 128, marginals + VJP: trees n = 4 1.3×, n = 10 2.0×,
 * ±1e4 trees n = 10 1.4×, arborescences n = 10 1.7× faster than JS.
 */
export const AUTO_WASM_MIN_ORDER = 3;

/**
 * A cache of solver workspaces keyed by size, holding at most `capacity` of them (the oldest is
 * dropped first) and only sizes up to `maxKey`. Solver calls are synchronous, so no two of them
 * use one workspace at once; callers that keep a workspace beyond their call make their own.
 * Why: creating a workspace costs a WebAssembly memory and instance (tens of µs — as much as a
 * whole batch of 128 items at n = 10 — and the multi-scale spanning-tree path solves
 * sub-problems of many sizes), while keeping one costs O(n²) floats.
 */
export class WorkspaceCache<W extends { readonly dense: DenseArena }> {
  private readonly entries = new Map<number, W>();

  constructor(
    private readonly capacity: number,
    private readonly maxKey: number,
  ) {}

  get(key: number, order: number, create: () => W): W {
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.dense.kind === arenaKind(order)) return hit;
    const ws = create();
    if (key > this.maxKey) return ws;
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
    this.entries.set(key, ws);
    return ws;
  }
}

/** The path an arena of this matrix order gets under the current setting. */
export function arenaKind(order: number): DenseKernelKind {
  const small = choice === 'auto' && order < AUTO_WASM_MIN_ORDER;
  return small ? 'js' : denseKernelKind();
}

/**
 * A fresh arena of `count` order×order matrices and one vector of `vectorLength` entries on the
 * currently selected path.
 */
export function createDenseArena(
  count: number,
  order: number,
  vectorLength = 0,
  extra: ArenaVectors = {},
): DenseArena {
  const small = choice === 'auto' && order < AUTO_WASM_MIN_ORDER;
  const module = denseKernelKind() === 'wasm-simd' && !small ? wasmModule() : null;
  return module === null || wasmApi === undefined
    ? jsArena(count, order, vectorLength, extra)
    : wasmArena(wasmApi, module, count, order, vectorLength, extra);
}

/** Runs the SIMD peak probe (`iterations` × 48 flops) on a fresh instance; null without SIMD. */
export function wasmPeakProbe(iterations: number): number | null {
  const module = wasmModule();
  if (module === null || wasmApi === undefined) return null;
  const memory = new wasmApi.Memory({ initial: 1 });
  const instance = new wasmApi.Instance(module, { env: { memory } });
  return (instance.exports as unknown as WasmExports).peak(iterations);
}
