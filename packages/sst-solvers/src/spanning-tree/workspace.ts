// Work buffers for one spanning-tree problem size, allocated once per call and reused across the
// items of a batch (and across the marginal and VJP halves of a combined call).
import { createDenseArena, type DenseArena, WorkspaceCache } from '../linalg/dense.js';
import { edgeCount } from '../validate.js';
import { edgeEndpoints } from './edges.js';
import { EdgeSorter } from './sort.js';
import { UnionFind } from './union-find.js';

/** The buffers whose addresses the fused pipeline reads, in the order of wasm/spanning-tree.ts. */
const TREE_SLOTS = [
  'rawScores',
  's',
  'g',
  'clipped',
  'w',
  'mu',
  'vjp',
  'lap',
  'scratch',
  'inv',
  'ei',
  'ej',
  'pos',
  'diag',
  'parent',
  'info',
  'rawVjp',
] as const;

export class TreeWorkspace {
  readonly n: number;
  readonly m: number;
  /** Edge endpoints, edge e = {ei[e] < ej[e]}. */
  readonly ei: Int32Array;
  readonly ej: Int32Array;
  /** Per-item inputs (log-weights s, cotangent g) and outputs (μ, VJP), length m. */
  readonly s: Float64Array;
  readonly g: Float64Array;
  readonly mu: Float64Array;
  readonly vjp: Float64Array;
  /** Staging buffers of the fused WebAssembly path (length m): one item's raw scores and its
   * VJP with respect to the scores. */
  readonly rawScores: Float64Array;
  readonly rawVjp: Float64Array;
  /** Scratch of the fused path: union-find parents (n); info = [dropped node, status, index of
   * a non-finite score, arg-max] (see wasm/spanning-tree.ts treeItem). */
  readonly parent: Int32Array;
  readonly info: Int32Array;
  /** The byte addresses of the buffers in TREE_SLOTS order (fused path only). */
  readonly table: Int32Array;
  /** Scratch of the fused path: a matrix diagonal in node order (n). */
  readonly diag: Float64Array;
  /** The node whose row/column the plain solve removed (an endpoint of the heaviest edge). */
  root = 0;
  /** Whether the last solveTree of this workspace ended in the plain formula (ws.inv is valid). */
  solvedPlain = false;
  /** Clip flags of the current item. */
  readonly clipped: Uint8Array;
  /** Edge weights exp(s − max s) (the dense arena's vector, so `dense.exp` works in place). */
  readonly w: Float64Array;
  /** Node → row of the permuted Laplacian; the dropped node r goes last (row n−1). */
  readonly pos: Int32Array;
  /** Per edge {i, j}: flat offsets of the entries (i,i), (j,j), (i,j), (j,i) in that layout. */
  readonly diagI: Int32Array;
  readonly diagJ: Int32Array;
  readonly offIJ: Int32Array;
  readonly offJI: Int32Array;
  /** Three n×n matrices (row stride n): Laplacian/Cholesky factor/G/K, scratch/P, M = L_r⁻¹. */
  readonly lap: Float64Array;
  readonly scratch: Float64Array;
  readonly inv: Float64Array;
  /** The dense kernels (WebAssembly SIMD or JS) that own lap, scratch and inv. */
  readonly dense: DenseArena;
  readonly uf: UnionFind;
  private sorterCache: EdgeSorter | null = null;
  private splitCache: SplitBuffers | null = null;
  /**
   * Workspaces of smaller sizes for the multi-scale recursion, shared by the whole recursion.
   * One per size is enough: sub-problems are strictly smaller than their parent, so two
   * problems of the same size are never in progress at once.
   */
  private readonly pool: Map<number, TreeWorkspace>;

  constructor(n: number, pool: Map<number, TreeWorkspace> = new Map()) {
    this.pool = pool;
    this.n = n;
    this.m = edgeCount(n);
    const m = this.m;
    // Everything the fused WebAssembly pipeline touches lives in the arena's memory.
    this.dense = createDenseArena(3, n, m, {
      f64: [m, m, m, m, m, m, n],
      i32: [m, m, n, n, 4, TREE_SLOTS.length],
      u8: [m],
    });
    const f64 = this.dense.f64 as Float64Array[];
    const i32 = this.dense.i32 as Int32Array[];
    [this.s, this.g, this.mu, this.vjp, this.rawScores, this.rawVjp, this.diag] = f64 as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    [this.ei, this.ej, this.pos, this.parent, this.info, this.table] = i32 as [
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
    ];
    this.clipped = this.dense.u8[0] as Uint8Array;
    const { i, j } = edgeEndpoints(n);
    this.ei.set(i);
    this.ej.set(j);
    this.diagI = new Int32Array(m);
    this.diagJ = new Int32Array(m);
    this.offIJ = new Int32Array(m);
    this.offJI = new Int32Array(m);
    this.w = this.dense.vector;
    [this.lap, this.scratch, this.inv] = this.dense.matrices as [
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    this.uf = new UnionFind(n);
    const fused = this.dense.fused;
    if (fused !== null) {
      TREE_SLOTS.forEach((key, k) => {
        this.table[k] = fused.address(this[key]);
      });
    }
  }

  /** Edge sorter, created on first use (only the multi-scale path needs it). */
  get sorter(): EdgeSorter {
    this.sorterCache ??= new EdgeSorter(this.m);
    return this.sorterCache;
  }

  /** Buffers of the multi-scale split, created on first use. */
  get split(): SplitBuffers {
    this.splitCache ??= {
      label: new Int32Array(this.n),
      rootLabel: new Int32Array(this.n),
      members: new Int32Array(this.n),
      start: new Int32Array(this.n + 1),
      bundle: new Int32Array(this.m),
      share: new Float64Array(this.m),
    };
    return this.splitCache;
  }

  /** The workspace for a sub-problem on k < n nodes (reused across calls). */
  child(k: number): TreeWorkspace {
    let ws = this.pool.get(k);
    if (ws === undefined) {
      ws = new TreeWorkspace(k, this.pool);
      this.pool.set(k, ws);
    }
    return ws;
  }
}

/** Scratch of one multi-scale split (see multi-scale.ts). */
export interface SplitBuffers {
  /** Component of each node, numbered in order of the components' smallest nodes. */
  readonly label: Int32Array;
  readonly rootLabel: Int32Array;
  /** Nodes grouped by component (ascending within each): members[start[c] .. start[c+1]). */
  readonly members: Int32Array;
  readonly start: Int32Array;
  /** Per edge, its bundle in the contracted graph (−1 inside a component), and its share p_e. */
  readonly bundle: Int32Array;
  readonly share: Float64Array;
}

/** Workspaces kept between calls: 8 sizes up to n = 128 (≈ 3n² floats each, 0.4 MB at 128). */
const cache = new WorkspaceCache<TreeWorkspace>(8, 128);

/** A workspace for n nodes on the current dense-kernel path, reused across calls. */
export function treeWorkspace(n: number): TreeWorkspace {
  return cache.get(n, n, () => new TreeWorkspace(n));
}
