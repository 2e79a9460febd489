// The whole per-item fast path of the arborescence relaxation in one module call: load and temper
// the item, column shifts, log-weights and their exp, the reduced directed Laplacian, its LU and
// inverse, the trust checks, the marginals, their JVP, and the scatter into the caller's n×n
// layout. It mirrors src/arborescence/{solve,matrix-tree,shifts,directed-laplacian}.ts operation
// for operation (the same order of additions outside the dense kernels), so the two paths agree
// to rounding; the JS code stays the reference and the fallback. Every array is float64 at a byte
// address; L×L items have stride L, N×N matrices stride N (N = L − 1).
import { expInPlace, luFactor, luInverse, multiply } from './kernels';

const SUM_TOLERANCE: f64 = 1e-10;
const MAX_CONDITION: f64 = 1e3;

function ld(p: usize, i: i32): f64 {
  return load<f64>(p + ((<usize>i) << 3));
}

function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + ((<usize>i) << 3), v);
}

// a = raw/t (and da = rawG unless rawG is 0) for the arcs of the first L nodes of an n×n item,
// with a = −∞ and da = 0 on the diagonal and in column 0 (no arcs there), so the later passes run
// over whole rows without skipping them. Returns −1, or the flat index h·n + m of the first arc
// whose tempered score is not finite.
export function arbLoad(raw: usize, rawG: usize, a: usize, da: usize, n: i32, L: i32, t: f64): i32 {
  const vt = f64x2.splat(t);
  for (let h = 0; h < L; h++) {
    const src = raw + ((<usize>(h * n)) << 3);
    const dst = a + ((<usize>(h * L)) << 3);
    // Whole row at once; a non-finite entry (the ignored diagonal's included) sends the row
    // through the exact scalar check below.
    let bad = f64x2.splat(0);
    let m = 0;
    for (; m + 1 < L; m += 2) {
      const o = (<usize>m) << 3;
      const v = f64x2.div(v128.load(src + o), vt);
      bad = f64x2.add(bad, f64x2.sub(v, v));
      v128.store(dst + o, v);
    }
    for (; m < L; m++) {
      const v = ld(src, m) / t;
      bad = f64x2.add(bad, f64x2.splat(v - v));
      st(dst, m, v);
    }
    if (f64x2.extract_lane(bad, 0) !== 0 || f64x2.extract_lane(bad, 1) !== 0) {
      for (let j = 1; j < L; j++) {
        const v = ld(dst, j);
        if (j !== h && v - v !== 0) return h * n + j;
      }
    }
    st(dst, 0, -Infinity);
    st(dst, h, -Infinity);
    if (rawG !== 0) {
      const gd = da + ((<usize>(h * L)) << 3);
      memory.copy(gd, rawG + ((<usize>(h * n)) << 3), (<usize>L) << 3);
      st(gd, 0, 0);
      st(gd, h, 0);
    }
  }
  return -1;
}

// Clamped marginals into outMu and dmu/t into outVjp (either 0 to skip) in the n×n layout, zeros
// on the diagonal, in column 0 and on padding nodes (≥ L). Whole rows two lanes at a time, then
// the diagonal and column 0 are zeroed.
export function arbScatter(
  mu: usize,
  dmu: usize,
  outMu: usize,
  outVjp: usize,
  n: i32,
  L: i32,
  t: f64,
): void {
  const bytes = (<usize>(n * n)) << 3;
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const vt = f64x2.splat(t);
  if (outMu !== 0) {
    if (L < n) memory.fill(outMu, 0, bytes);
    for (let h = 0; h < L; h++) {
      const src = mu + ((<usize>(h * L)) << 3);
      const dst = outMu + ((<usize>(h * n)) << 3);
      let m = 0;
      for (; m + 1 < L; m += 2) {
        const o = (<usize>m) << 3;
        v128.store(dst + o, f64x2.min(f64x2.max(v128.load(src + o), zero), one));
      }
      for (; m < L; m++) st(dst, m, Math.min(Math.max(ld(src, m), 0), 1));
      st(dst, 0, 0);
      st(dst, h, 0);
    }
  }
  if (outVjp !== 0) {
    if (L < n) memory.fill(outVjp, 0, bytes);
    for (let h = 0; h < L; h++) {
      const src = dmu + ((<usize>(h * L)) << 3);
      const dst = outVjp + ((<usize>(h * n)) << 3);
      let m = 0;
      for (; m + 1 < L; m += 2) {
        const o = (<usize>m) << 3;
        v128.store(dst + o, f64x2.div(v128.load(src + o), vt));
      }
      for (; m < L; m++) st(dst, m, ld(src, m) / t);
      st(dst, 0, 0);
      st(dst, h, 0);
    }
  }
}

// src/arborescence/directed-laplacian.ts buildReducedLaplacian, whole rows two lanes at a time:
// row h−1 of out is −w[h][1..L), each child's diagonal the running column sum (w is 0 on the
// diagonal and in column 0, so summing whole rows adds only zeros beyond the JS loop's terms, in
// the same order); then the diagonal (and, single-root, row 0) is written over.
function reducedLaplacian(w: usize, L: i32, single: bool, out: usize, diagonal: usize): void {
  const N = L - 1;
  const dg = diagonal + 8; // dg[j] = diagonal[j + 1]
  if (single) memory.fill(dg, 0, (<usize>N) << 3);
  else memory.copy(dg, w + 8, (<usize>N) << 3);
  const neg = f64x2.splat(-1);
  for (let h = 1; h < L; h++) {
    const src = w + ((<usize>(h * L + 1)) << 3);
    const dst = out + ((<usize>((h - 1) * N)) << 3);
    let j = 0;
    for (; j + 1 < N; j += 2) {
      const o = (<usize>j) << 3;
      const v = v128.load(src + o);
      v128.store(dg + o, f64x2.add(v128.load(dg + o), v));
      v128.store(dst + o, f64x2.mul(v, neg));
    }
    for (; j < N; j++) {
      const v = ld(src, j);
      st(dg, j, ld(dg, j) + v);
      st(dst, j, -v);
    }
  }
  for (let j = 0; j < N; j++) st(out, j * N + j, ld(dg, j));
  if (single) memory.copy(out, w + 8, (<usize>N) << 3);
}

// xt = xᵀ (N×N), so that combine reads rows.
function transpose(x: usize, xt: usize, N: i32): void {
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) st(xt, j * N + i, ld(x, i * N + j));
  }
}

// src/arborescence/matrix-tree.ts combine, reading xt = Xᵀ by rows (X[m−1][h−1] = xt[h−1][m−1])
// two lanes at a time (base = 0 for none). The diagonal of out is left 0 as in the JS loop.
function combine(
  xt: usize,
  sign: f64,
  w: usize,
  out: usize,
  base: usize,
  scale: usize,
  L: i32,
  single: bool,
  diag: usize,
): void {
  const N = L - 1;
  const dg = diag + 8; // dg[j] = D[j + 1]
  for (let j = 0; j < N; j++) st(dg, j, single && j === 0 ? 0 : sign * ld(xt, j * N + j));
  for (let m = 1; m < L; m++) {
    const root = single ? sign * ld(xt, m - 1) : ld(dg, m - 1);
    st(out, m, (base === 0 ? 0 : ld(base, m) * ld(scale, m)) + ld(w, m) * root);
  }
  const vs = f64x2.splat(sign);
  for (let h = 1; h < L; h++) {
    const e0 = h * L + 1; // entry (h, 1)
    const pw = w + ((<usize>e0) << 3);
    const po = out + ((<usize>e0) << 3);
    const pb = base + ((<usize>e0) << 3);
    const ps = scale + ((<usize>e0) << 3);
    const px = xt + ((<usize>((h - 1) * N)) << 3);
    const zeroRow = single && h === 1; // X[·][0] reads as 0 for h = 1 in single-root mode
    let j = 0;
    for (; j + 1 < N; j += 2) {
      const o = (<usize>j) << 3;
      const xmh = zeroRow ? f64x2.splat(0) : f64x2.mul(vs, v128.load(px + o));
      const b = base === 0 ? f64x2.splat(0) : f64x2.mul(v128.load(pb + o), v128.load(ps + o));
      const v = f64x2.mul(v128.load(pw + o), f64x2.sub(v128.load(dg + o), xmh));
      v128.store(po + o, f64x2.add(b, v));
    }
    for (; j < N; j++) {
      const xmh = zeroRow ? 0 : sign * ld(px, j);
      const b = base === 0 ? 0 : ld(pb, j) * ld(ps, j);
      st(po, j, b + ld(pw, j) * (ld(dg, j) - xmh));
    }
    st(out, h * L + h, 0);
  }
}

// src/arborescence/matrix-tree.ts trustworthy, two lanes at a time: the range test on the
// running min and max (NaN makes both fail), the column sums accumulated row by row in the same
// order as the JS loop. Column 0 of mu is 0 (never written), so rows are summed from index 0.
function trustworthy(mu: usize, L: i32, single: bool, sums: usize): bool {
  memory.fill(sums, 0, (<usize>L) << 3);
  let lo = f64x2.splat(0);
  let hi = f64x2.splat(0);
  for (let h = 0; h < L; h++) {
    const row = mu + ((<usize>(h * L)) << 3);
    let m = 0;
    for (; m + 1 < L; m += 2) {
      const o = (<usize>m) << 3;
      const v = v128.load(row + o);
      lo = f64x2.min(lo, v);
      hi = f64x2.max(hi, v);
      v128.store(sums + o, f64x2.add(v128.load(sums + o), v));
    }
    if (m < L) {
      const v = ld(row, m);
      lo = f64x2.min(lo, f64x2.splat(v));
      hi = f64x2.max(hi, f64x2.splat(v));
      st(sums, m, ld(sums, m) + v);
    }
  }
  const low = Math.min(f64x2.extract_lane(lo, 0), f64x2.extract_lane(lo, 1));
  const high = Math.max(f64x2.extract_lane(hi, 0), f64x2.extract_lane(hi, 1));
  if (!(low >= -SUM_TOLERANCE && high <= 1 + SUM_TOLERANCE)) return false;
  for (let m = 1; m < L; m++) if (!(Math.abs(ld(sums, m) - 1) <= SUM_TOLERANCE)) return false;
  if (single) {
    let sum = 0.0;
    for (let m = 1; m < L; m++) sum += ld(mu, m);
    if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) return false;
  }
  return true;
}

// sums[j] = Σ_i |a[i][j]| over the N×N matrix a (stride N), row by row, two lanes at a time.
function absColumnSums(a: usize, N: i32, sums: usize): void {
  memory.fill(sums, 0, (<usize>N) << 3);
  for (let i = 0; i < N; i++) {
    const row = a + ((<usize>(i * N)) << 3);
    let j = 0;
    for (; j + 1 < N; j += 2) {
      const o = (<usize>j) << 3;
      v128.store(sums + o, f64x2.add(v128.load(sums + o), f64x2.abs(v128.load(row + o))));
    }
    if (j < N) st(sums, j, ld(sums, j) + Math.abs(ld(row, j)));
  }
}

// max_i |a[i]| over count entries (NaN if any is NaN), two lanes at a time.
function maxAbs(a: usize, count: i32): f64 {
  let acc = f64x2.splat(0);
  let i = 0;
  for (; i + 1 < count; i += 2) acc = f64x2.max(acc, f64x2.abs(v128.load(a + ((<usize>i) << 3))));
  let best = Math.max(f64x2.extract_lane(acc, 0), f64x2.extract_lane(acc, 1));
  if (i < count) best = Math.max(best, Math.abs(ld(a, i)));
  return best;
}

// src/arborescence/matrix-tree.ts matrixTreeArborescence (with shifts.ts columnShifts and the
// JVP): log Z, marginals in mu and (withJvp) dmu = ∂μ/∂a · da; NaN when it cannot be trusted.
// Buffers: a, da, w (L×L), shift, col (length ≥ L), m1 (Laplacian, then its tangent), m2, m3, m4
// (N×N: product, −dM, M), mu, dmu (L×L), piv (i32, N).
export function arbSolve(
  a: usize,
  da: usize,
  w: usize,
  shift: usize,
  col: usize,
  m1: usize,
  m2: usize,
  m3: usize,
  m4: usize,
  m5: usize,
  mu: usize,
  dmu: usize,
  piv: usize,
  L: i32,
  single: bool,
  withJvp: bool,
): f64 {
  const N = L - 1;
  // Column shifts: the running maximum of whole rows (a is −∞ on the diagonal and in column 0).
  for (let m = 0; m < L; m++) st(shift, m, -Infinity);
  for (let h = single ? 1 : 0; h < L; h++) {
    const row = a + ((<usize>(h * L)) << 3);
    let m = 0;
    for (; m + 1 < L; m += 2) {
      const o = (<usize>m) << 3;
      v128.store(shift + o, f64x2.max(v128.load(shift + o), v128.load(row + o)));
    }
    for (; m < L; m++) st(shift, m, Math.max(ld(shift, m), ld(row, m)));
  }
  let total = 0.0;
  for (let m = 1; m < L; m++) {
    if (ld(shift, m) === -Infinity) st(shift, m, ld(a, m));
    total += ld(shift, m);
  }
  st(shift, 0, 0);
  let rootShift = 0.0;
  if (single) {
    rootShift = -Infinity;
    for (let m = 1; m < L; m++) rootShift = Math.max(rootShift, ld(a, m) - ld(shift, m));
    total += rootShift;
  }
  // Log-weights a − c_m (− ρ on the root row), whole rows (−∞ stays −∞), then one exp pass.
  for (let h = 0; h < L; h++) {
    const row = a + ((<usize>(h * L)) << 3);
    const dst = w + ((<usize>(h * L)) << 3);
    const offset = h === 0 ? rootShift : 0;
    const vo = f64x2.splat(offset);
    let m = 0;
    for (; m + 1 < L; m += 2) {
      const o = (<usize>m) << 3;
      v128.store(dst + o, f64x2.sub(f64x2.sub(v128.load(row + o), v128.load(shift + o)), vo));
    }
    for (; m < L; m++) st(dst, m, ld(row, m) - ld(shift, m) - offset);
    st(dst, 0, -Infinity);
    st(dst, h, -Infinity);
  }
  expInPlace(w, L * L);
  reducedLaplacian(w, L, single, m1, col);
  absColumnSums(m1, N, col);
  let norm = 0.0;
  for (let j = 0; j < N; j++) norm = Math.max(norm, ld(col, j));
  const code = luFactor(m1, piv, N, N);
  if (code >= 0) return NaN;
  let logDet = 0.0;
  let s = code === -1 ? 1 : -1;
  for (let i = 0; i < N; i++) {
    const u = ld(m1, i * N + i);
    if (u < 0) s = -s;
    logDet += Math.log(Math.abs(u));
  }
  if (s <= 0) return NaN;
  luInverse(m1, piv, m4, N, N);
  const largest = maxAbs(m4, N * N);
  if (!(norm * largest <= MAX_CONDITION)) return NaN;
  transpose(m4, m5, N);
  combine(m5, 1, w, mu, 0, 0, L, single, col);
  for (let h = 0; h < L; h++) st(mu, h * L, 0);
  if (!trustworthy(mu, L, single, col)) return NaN;
  if (withJvp) {
    // dw = w ⊙ da over whole rows (w and da are 0 on the diagonal and in column 0).
    const count = L * L;
    let i = 0;
    for (; i + 1 < count; i += 2) {
      const o = (<usize>i) << 3;
      v128.store(dmu + o, f64x2.mul(v128.load(w + o), v128.load(da + o)));
    }
    for (; i < count; i++) st(dmu, i, ld(w, i) * ld(da, i));
    reducedLaplacian(dmu, L, single, m1, col);
    multiply(m1, m4, m2, N, N, 0);
    multiply(m4, m2, m3, N, N, 0);
    transpose(m3, m5, N);
    combine(m5, -1, w, dmu, da, mu, L, single, col);
    for (let h = 0; h < L; h++) st(dmu, h * L, 0);
  }
  return logDet + total;
}

// Slots of the address table a workspace writes once (src/arborescence/workspace.ts ARB_SLOTS).
const RAW = 0,
  RAW_G = 1,
  A = 2,
  DA = 3,
  W = 4,
  SHIFT = 5,
  COL = 6,
  M1 = 7,
  M2 = 8,
  M3 = 9;
const M4 = 10,
  MU = 11,
  DMU = 12,
  PIV = 13,
  OUT_MU = 14,
  OUT_VJP = 15,
  INFO = 16,
  M5 = 17;

function slot(tab: usize, k: i32): usize {
  return <usize>load<i32>(tab + ((<usize>k) << 2));
}

// One item, start to end: load (raw scores and, withJvp, raw g), the fast path, and the scatter
// into OUT_MU (if wantMu) and OUT_VJP (if withJvp). Returns log Z with info[0] = 0; or NaN with
// info[0] = 1 (a tempered score is not finite, its index in the item in info[1]) or info[0] = 2
// (the fast path cannot be trusted: the item is loaded, the caller solves it another way and
// calls arbScatter).
export function arbItem(
  tab: usize,
  n: i32,
  L: i32,
  t: f64,
  single: bool,
  withJvp: bool,
  wantMu: bool,
): f64 {
  const info = slot(tab, INFO);
  const bad = arbLoad(
    slot(tab, RAW),
    withJvp ? slot(tab, RAW_G) : 0,
    slot(tab, A),
    slot(tab, DA),
    n,
    L,
    t,
  );
  if (bad >= 0) {
    store<i32>(info, 1);
    store<i32>(info, bad, 4);
    return NaN;
  }
  const logZ = arbSolve(
    slot(tab, A),
    slot(tab, DA),
    slot(tab, W),
    slot(tab, SHIFT),
    slot(tab, COL),
    slot(tab, M1),
    slot(tab, M2),
    slot(tab, M3),
    slot(tab, M4),
    slot(tab, M5),
    slot(tab, MU),
    slot(tab, DMU),
    slot(tab, PIV),
    L,
    single,
    withJvp,
  );
  // biome-ignore lint/suspicious/noSelfCompare: the NaN test (no Number.isNaN in AssemblyScript)
  if (logZ !== logZ) {
    store<i32>(info, 2);
    return NaN;
  }
  arbScatter(
    slot(tab, MU),
    slot(tab, DMU),
    wantMu ? slot(tab, OUT_MU) : 0,
    withJvp ? slot(tab, OUT_VJP) : 0,
    n,
    L,
    t,
  );
  store<i32>(info, 0);
  return logZ;
}
