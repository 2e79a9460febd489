// The dense kernels on both paths (WebAssembly SIMD and pure JS) against naive oracles, and the
// solvers that use them compared across the two paths to 1e-12 relative.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { arborescenceMarginalsAndVjp } from '../src/arborescence/marginals.js';
import {
  AUTO_WASM_MIN_ORDER,
  createDenseArena,
  type DenseArena,
  type DenseKernelKind,
  denseKernelKind,
  setDenseKernels,
  wasmPeakProbe,
  wasmSimdAvailable,
} from '../src/linalg/dense.js';
import { spanningTreeMarginalsAndVjp } from '../src/spanning-tree/marginals.js';
import { maxRelativeError } from '../src/testing/finite-difference.js';
import { randomScores } from '../src/testing/random.js';
import { edgeCount } from '../src/validate.js';

const projectKind = denseKernelKind();
afterEach(() => setDenseKernels(projectKind));

const KINDS: DenseKernelKind[] = ['wasm-simd', 'js'];

function arenaOf(kind: DenseKernelKind, count: number, order: number, vector = 0): DenseArena {
  setDenseKernels(kind);
  const arena = createDenseArena(count, order, vector);
  setDenseKernels(projectKind);
  return arena;
}

/** Runs `fn` with new arenas (inside the solvers) on path `kind`. */
function onPath<T>(kind: DenseKernelKind, fn: () => T): T {
  setDenseKernels(kind);
  try {
    return fn();
  } finally {
    setDenseKernels(projectKind);
  }
}

/** Leading d×d block of a stride-`stride` buffer as a compact array. */
function block(a: Float64Array, d: number, stride: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i * d + j] = a[i * stride + j];
  return out;
}

function naiveProduct(a: Float64Array, b: Float64Array, d: number, stride: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += a[i * stride + k] * b[k * stride + j];
      out[i * d + j] = s;
    }
  }
  return out;
}

// Sizes around the 4×4 tiles and 8-wide row tiles, and strides wider than d (padding).
const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 13, 17];
const ORDER = 19;

describe.each(KINDS)('dense kernels on the %s path', (kind) => {
  it('reports its path', () => {
    expect(arenaOf(kind, 1, 2).kind).toBe(kind);
  });

  it.each(SIZES)('multiply d = %i (stride 19) equals the naive product', (d) => {
    const arena = arenaOf(kind, 3, ORDER);
    const [a, b, out] = arena.matrices as [Float64Array, Float64Array, Float64Array];
    a.set(randomScores(ORDER * ORDER, 10 + d));
    b.set(randomScores(ORDER * ORDER, 20 + d));
    out.fill(7); // entries outside the d×d block must survive
    arena.multiply(a, b, out, d, ORDER);
    expect(maxRelativeError(block(out, d, ORDER), naiveProduct(a, b, d, ORDER))).toBeLessThan(
      1e-14,
    );
    if (d < ORDER) expect(out[d]).toBe(7);
    expect(out[d * ORDER]).toBe(7);
  });

  it.each(SIZES)('multiplySymmetric d = %i gives the full symmetric product A·Aᵀ', (d) => {
    const arena = arenaOf(kind, 3, ORDER);
    const [a, b, out] = arena.matrices as [Float64Array, Float64Array, Float64Array];
    a.set(randomScores(ORDER * ORDER, 30 + d));
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) b[i * ORDER + j] = a[j * ORDER + i];
    arena.multiplySymmetric(a, b, out, d, ORDER);
    const want = naiveProduct(a, b, d, ORDER);
    expect(maxRelativeError(block(out, d, ORDER), want)).toBeLessThan(1e-14);
  });

  it.each(SIZES)('luFactor + luInverse d = %i: A·A⁻¹ = I and the pivot sign', (d) => {
    const arena = arenaOf(kind, 3, ORDER);
    const [lu, x, a] = arena.matrices as [Float64Array, Float64Array, Float64Array];
    a.set(randomScores(ORDER * ORDER, 40 + d));
    lu.set(a);
    const code = arena.luFactor(lu, d, ORDER);
    expect(code === -1 || code === -2).toBe(true);
    // The permutation's sign from the pivots themselves (count its cycles).
    const p = Array.from(arena.pivots.subarray(0, d));
    expect([...p].sort((u, v) => u - v)).toEqual(p.map((_, i) => i));
    let sign = 1;
    const seen = new Uint8Array(d);
    for (let i = 0; i < d; i++) {
      if (seen[i]) continue;
      let len = 0;
      for (let j = i; !seen[j]; j = p[j] as number, len++) seen[j] = 1;
      if (len % 2 === 0) sign = -sign;
    }
    expect(code === -1 ? 1 : -1).toBe(sign);
    arena.luInverse(lu, x, d, ORDER);
    const eye = naiveProduct(a, x, d, ORDER);
    const want = new Float64Array(d * d);
    for (let i = 0; i < d; i++) want[i * d + i] = 1;
    expect(maxRelativeError(eye, want)).toBeLessThan(1e-12);
  });

  it.each(SIZES)('cholesky + choleskyInverse d = %i: L·Lᵀ = A and A·A⁻¹ = I', (d) => {
    const arena = arenaOf(kind, 4, ORDER);
    const [a, l, x, inv] = arena.matrices as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const r = randomScores(ORDER * ORDER, 90 + d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = i === j ? d : 0;
        for (let q = 0; q < d; q++) s += r[i * ORDER + q] * r[j * ORDER + q];
        a[i * ORDER + j] = s;
      }
    }
    l.set(a);
    expect(arena.cholesky(l, d, ORDER)).toBe(-1);
    const lower = new Float64Array(ORDER * ORDER);
    const upper = new Float64Array(ORDER * ORDER);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        lower[i * ORDER + j] = l[i * ORDER + j];
        upper[j * ORDER + i] = l[i * ORDER + j];
      }
    }
    expect(maxRelativeError(naiveProduct(lower, upper, d, ORDER), block(a, d, ORDER))).toBeLessThan(
      1e-14,
    );
    x.fill(3); // scratch: whatever it holds must not matter
    arena.choleskyInverse(l, x, inv, d, ORDER);
    const eye = new Float64Array(d * d);
    for (let i = 0; i < d; i++) eye[i * d + i] = 1;
    expect(maxRelativeError(naiveProduct(a, inv, d, ORDER), eye)).toBeLessThan(1e-12);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) expect(inv[i * ORDER + j]).toBe(inv[j * ORDER + i]);
    }
  });

  it('cholesky reports the first non-positive pivot', () => {
    const arena = arenaOf(kind, 1, 3);
    const [a] = arena.matrices as [Float64Array];
    a.set([4, 2, 0, 2, 1, 0, 0, 0, 1]); // rank-deficient leading 2×2 block: pivot 1 is 0
    expect(arena.cholesky(a, 3, 3)).toBe(1);
  });

  it('exp is within 1 ulp of Math.exp on normal results and handles the ends of the range', () => {
    const xs = [-Infinity, -1e7, -746, -745.1, -720, -708.5, -40, -1, -1e-300, 0, 1e-9, 0.5, 1];
    xs.push(Math.LN2 / 2, -Math.LN2 / 2, 88.7, 709.7, 709.9, 1e7);
    for (let i = 0; i < 301; i++) xs.push(-60 + 0.2 * i + 1e-3 * Math.sin(i));
    for (const length of [xs.length, xs.length - 1]) {
      const arena = arenaOf(kind, 0, 1, length);
      arena.vector.set(xs.slice(0, length));
      arena.exp(arena.vector, length);
      for (let i = 0; i < length; i++) {
        const want = Math.exp(xs[i] as number);
        const got = arena.vector[i] as number;
        if (want === 0 || want === Infinity) expect(got).toBe(want);
        else if (want < 2.2250738585072014e-308) expect(Math.abs(got - want)).toBeLessThan(1e-323);
        else expect(Math.abs(got - want) / want).toBeLessThan(2.3e-16);
      }
    }
  });

  it('luFactor reports the first column without a nonzero pivot', () => {
    const arena = arenaOf(kind, 1, 3);
    const [lu] = arena.matrices as [Float64Array];
    // The first two columns are proportional: after eliminating column 0, column 1 is all zero.
    lu.set([1, 2, 3, 2, 4, 7, 3, 6, 1]);
    expect(arena.luFactor(lu, 3, 3)).toBe(1);
  });
});

describe('both paths agree on the solvers (1e-12 relative)', () => {
  it.each([2, 3, 4, 9, 50])('spanning tree n = %i, marginals, log Z and VJP', (n) => {
    const batch = n === 50 ? 3 : 16;
    const scores = randomScores(batch * edgeCount(n), 50 + n, 3);
    const g = randomScores(batch * edgeCount(n), 60 + n);
    const [w, j] = KINDS.map((k) => onPath(k, () => spanningTreeMarginalsAndVjp(scores, n, g)));
    expect(maxRelativeError(w?.marginals ?? [], j?.marginals ?? [])).toBeLessThan(1e-12);
    expect(maxRelativeError(w?.logZ ?? [], j?.logZ ?? [])).toBeLessThan(1e-12);
    expect(maxRelativeError(w?.vjp ?? [], j?.vjp ?? [])).toBeLessThan(1e-12);
  });

  it.each([
    { n: 2, rootMode: 'multi' as const },
    { n: 3, rootMode: 'single' as const },
    { n: 7, rootMode: 'multi' as const },
    { n: 50, rootMode: 'multi' as const },
    { n: 50, rootMode: 'single' as const },
  ])('arborescence n = $n ($rootMode), with padded lengths', ({ n, rootMode }) => {
    const batch = 4;
    const lengths = [n, Math.max(2, n - 1), 2, Math.max(2, Math.ceil(n / 2))];
    const scores = randomScores(batch * n * n, 70 + n, 2);
    const g = randomScores(batch * n * n, 80 + n);
    const opts = { rootMode, lengths };
    const [w, j] = KINDS.map((k) =>
      onPath(k, () => arborescenceMarginalsAndVjp(scores, n, g, opts)),
    );
    expect(maxRelativeError(w?.marginals ?? [], j?.marginals ?? [])).toBeLessThan(1e-12);
    expect(maxRelativeError(w?.logZ ?? [], j?.logZ ?? [])).toBeLessThan(1e-12);
    expect(maxRelativeError(w?.vjp ?? [], j?.vjp ?? [])).toBeLessThan(1e-12);
  });
});

describe('kernel selection', () => {
  it('WebAssembly SIMD is available in this Node', () => {
    expect(wasmSimdAvailable()).toBe(true);
    // 10 rounds of 12 independent a·m + c chains from a = 1.0 … 2.1: finite and positive.
    expect(wasmPeakProbe(10)).toBeGreaterThan(0);
  });

  it("'auto' keeps arenas below AUTO_WASM_MIN_ORDER on JS and larger ones on WebAssembly", () => {
    setDenseKernels('auto');
    expect(createDenseArena(1, AUTO_WASM_MIN_ORDER - 1).kind).toBe('js');
    expect(createDenseArena(1, AUTO_WASM_MIN_ORDER).kind).toBe('wasm-simd');
  });

  it('rejects an unknown path with a RangeError naming the value', () => {
    expect(() => setDenseKernels('gpu' as never)).toThrow(/kind must be .*got gpu/);
  });

  it.runIf(projectKind === 'wasm-simd')(
    'the committed wasm bytes equal a fresh build of wasm/kernels.ts',
    () => {
      const out = execFileSync('node', ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
      expect(out).toContain('matches a fresh build');
    },
  );
});
