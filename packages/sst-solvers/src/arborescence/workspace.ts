// Work buffers for one arborescence problem size, allocated once per call and reused across the
// items of a batch. An item with L real nodes is loaded compactly (row stride L); the Laplacian
// and elimination matrices have N = L − 1 rows (stride N), one per non-root node.
import { createDenseArena, type DenseArena, WorkspaceCache } from '../linalg/dense.js';

/** The buffers whose addresses the fused pipeline reads, in the order of wasm/arborescence.ts. */
const ARB_SLOTS = [
  'rawScores',
  'rawG',
  'a',
  'da',
  'weight',
  'shift',
  'column',
  'm1',
  'm2',
  'm3',
  'm4',
  'mu',
  'dmu',
  'pivots',
  'rawMu',
  'rawVjp',
  'info',
  'm5',
] as const;

export class ArborescenceWorkspace {
  /** Tempered log-scores a = scores/t of the current item, L×L (stride L). */
  readonly a: Float64Array;
  /** Tangent direction (the cotangent g) of the current item, L×L. */
  readonly da: Float64Array;
  /** Outputs: marginals and their JVP along `da`, L×L (diagonal and column 0 stay 0). */
  readonly mu: Float64Array;
  readonly dmu: Float64Array;
  /** Per-column log shifts c_m (index m = child node) and the single-root root shift. */
  readonly shift: Float64Array;
  /** Per-column scratch (column sums, diagonals), length n. */
  readonly column: Float64Array;
  /** Shifted arc weights exp(a − c), L×L (the dense arena's vector: `dense.exp` works in place). */
  readonly weight: Float64Array;
  /** Five N×N matrices: Laplacian/tangent Laplacian, product, dM (fast path); or the log
   * weights (high and low parts), their tangents, the reduced-arc marginals and their tangents
   * (log-space elimination). */
  readonly m1: Float64Array;
  readonly m2: Float64Array;
  readonly m3: Float64Array;
  readonly m4: Float64Array;
  readonly m5: Float64Array;
  /** The dense kernels (WebAssembly SIMD or JS) that own m1…m5, the LU pivots and the per-item
   * vectors above (so the fused WebAssembly pipeline reads and writes them in place). */
  readonly dense: DenseArena;
  /** n×n staging buffers in the arena: one item's raw scores and g, its scattered outputs
   * (used by the fused WebAssembly pipeline only). */
  readonly rawScores: Float64Array;
  readonly rawG: Float64Array;
  readonly rawMu: Float64Array;
  readonly rawVjp: Float64Array;
  /** The fused call's status words (see wasm/arborescence.ts arbItem). */
  readonly info: Int32Array;
  /** Byte addresses of the buffers in ARB_SLOTS order (fused path only). */
  readonly table: Int32Array;
  /** The arena's LU pivots (an alias, for the address table). */
  readonly pivots: Int32Array;
  /** Root-weight vectors of the elimination (log weights high/low, tangents, marginals,
   * tangents) and the log pivots (high/low) with their tangents, length N. */
  readonly r: Float64Array;
  readonly rLo: Float64Array;
  readonly dr: Float64Array;
  readonly sr: Float64Array;
  readonly dsr: Float64Array;
  readonly pivot: Float64Array;
  readonly pivotLo: Float64Array;
  readonly dpivot: Float64Array;

  readonly n: number;

  constructor(n: number) {
    this.n = n;
    const nn = n * n;
    this.dense = createDenseArena(5, Math.max(1, n - 1), nn, {
      f64: [nn, nn, nn, nn, n, n, nn, nn, nn, nn],
      i32: [2, ARB_SLOTS.length],
    });
    [this.info, this.table] = this.dense.i32 as [Int32Array, Int32Array];
    this.pivots = this.dense.pivots;
    [
      this.a,
      this.da,
      this.mu,
      this.dmu,
      this.shift,
      this.column,
      this.rawScores,
      this.rawG,
      this.rawMu,
      this.rawVjp,
    ] = this.dense.f64 as Float64Array[] as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    this.weight = this.dense.vector;
    [this.m1, this.m2, this.m3, this.m4, this.m5] = this.dense.matrices as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    this.r = new Float64Array(n);
    this.rLo = new Float64Array(n);
    this.dr = new Float64Array(n);
    this.sr = new Float64Array(n);
    this.dsr = new Float64Array(n);
    this.pivot = new Float64Array(n);
    this.pivotLo = new Float64Array(n);
    this.dpivot = new Float64Array(n);
    const fused = this.dense.fused;
    if (fused !== null) {
      ARB_SLOTS.forEach((key, k) => {
        this.table[k] = fused.address(this[key]);
      });
    }
  }
}

/** Workspaces kept between calls: 8 sizes up to n = 128 (≈ 14n² floats each, 1.8 MB at 128). */
const cache = new WorkspaceCache<ArborescenceWorkspace>(8, 128);

/** A workspace for n nodes on the current dense-kernel path, reused across calls. */
export function arborescenceWorkspace(n: number): ArborescenceWorkspace {
  return cache.get(n, Math.max(1, n - 1), () => new ArborescenceWorkspace(n));
}
