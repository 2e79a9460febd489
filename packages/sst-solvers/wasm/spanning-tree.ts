// The per-item plain matrix-tree pipeline of the spanning-tree relaxation in module calls: load
// and clip, the quick scale check, and the plain solve with its VJP. Mirrors
// src/spanning-tree/{marginals,matrix-tree,multi-scale}.ts operation for operation outside the
// dense kernels, so the two paths agree to rounding; the JS code stays the reference and the
// fallback. Edge vectors have m = n(n−1)/2 entries; matrices are n×n (stride n) and the solve
// works on their leading d×d block, d = n − 1, the dropped node r permuted to the last row.
import { cholesky, expInPlace, lowerGram, lowerInverse, multiply } from './kernels';

const SUM_TOLERANCE: f64 = 1e-7;

function ld(p: usize, i: i32): f64 {
  return load<f64>(p + ((<usize>i) << 3));
}

function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + ((<usize>i) << 3), v);
}

function li(p: usize, i: i32): i32 {
  return load<i32>(p + ((<usize>i) << 2));
}

// s = max(a, max(a) − maxRange) with a = raw/t, clip flags (bytes) in `clipped`. Returns the index
// of max(a) (lowest on ties), or −1 − e for the first edge e whose tempered score is not finite.
export function treeLoad(raw: usize, s: usize, clipped: usize, m: i32, t: f64, maxRange: f64): i32 {
  // a = raw/t two lanes at a time with a running maximum and a NaN trap (v − v is 0 only for
  // finite v); the first non-finite entry and the first maximum are then found by a scan.
  const vt = f64x2.splat(t);
  let bad = f64x2.splat(0);
  let top = f64x2.splat(-Infinity);
  let e = 0;
  for (; e + 1 < m; e += 2) {
    const o = (<usize>e) << 3;
    const v = f64x2.div(v128.load(raw + o), vt);
    bad = f64x2.add(bad, f64x2.sub(v, v));
    top = f64x2.max(top, v);
    v128.store(s + o, v);
  }
  let best = Math.max(f64x2.extract_lane(top, 0), f64x2.extract_lane(top, 1));
  for (; e < m; e++) {
    const v = ld(raw, e) / t;
    bad = f64x2.add(bad, f64x2.splat(v - v));
    best = Math.max(best, v);
    st(s, e, v);
  }
  if (f64x2.extract_lane(bad, 0) !== 0 || f64x2.extract_lane(bad, 1) !== 0) {
    for (let k = 0; k < m; k++) if (ld(s, k) - ld(s, k) !== 0) return -1 - k;
  }
  let arg = 0;
  while (ld(s, arg) !== best) arg++;
  const floor = best - maxRange;
  let low = Infinity;
  for (let k = 0; k < m; k++) low = Math.min(low, ld(s, k));
  memory.fill(clipped, 0, <usize>m);
  if (low < floor) {
    for (let k = 0; k < m; k++) {
      if (ld(s, k) < floor) {
        store<u8>(clipped + <usize>k, 1);
        st(s, k, floor);
      }
    }
  }
  return arg;
}

// The chain rule back to the scores (marginals.ts scatterVjp): out[e] = vjp[e]/t, or 0 where
// clipped, the clipped entries' sum added to out[arg]. Writes every entry of out.
export function treeScatter(
  vjp: usize,
  clipped: usize,
  arg: i32,
  t: f64,
  out: usize,
  m: i32,
): void {
  let flowsToMax = 0.0;
  for (let e = 0; e < m; e++) {
    if (load<u8>(clipped + <usize>e)) {
      flowsToMax += ld(vjp, e);
      st(out, e, 0);
    } else st(out, e, ld(vjp, e) / t);
  }
  st(out, arg, ld(out, arg) + flowsToMax / t);
}

function find(parent: usize, x: i32): i32 {
  while (li(parent, x) !== x) {
    const up = li(parent, li(parent, x));
    store<i32>(parent + ((<usize>x) << 2), up);
    x = up;
  }
  return x;
}

// Whether the edges with s ≥ max(s) − spread connect all n nodes (multi-scale.ts solveTree's
// quick test); `parent` is scratch (n i32).
export function treeQuick(
  s: usize,
  ei: usize,
  ej: usize,
  parent: usize,
  n: i32,
  m: i32,
  spread: f64,
): bool {
  let c = ld(s, 0);
  for (let e = 1; e < m; e++) if (ld(s, e) > c) c = ld(s, e);
  for (let v = 0; v < n; v++) store<i32>(parent + ((<usize>v) << 2), v);
  let count = n;
  const floor = c - spread;
  for (let e = 0; e < m && count > 1; e++) {
    if (ld(s, e) < floor) continue;
    const ra = find(parent, li(ei, e));
    const rb = find(parent, li(ej, e));
    if (ra === rb) continue;
    store<i32>(parent + ((<usize>rb) << 2), ra);
    count--;
  }
  return count === 1;
}

// Laplacian of edge weights c (permuted by pos) into out, n×n. Walks the edges in their (i<j)
// row-major order, so row pos(i) is written left to right and no per-edge index is loaded; each
// node's diagonal sums its edges to later nodes in a register (the same sum as matrix-tree.ts
// buildLaplacian, associated differently).
function laplacian(c: usize, pos: usize, out: usize, n: i32): void {
  memory.fill(out, 0, (<usize>(n * n)) << 3);
  let e = 0;
  for (let i = 0; i < n; i++) {
    const pi = li(pos, i);
    const row = pi * n;
    let diag = 0.0;
    for (let j = i + 1; j < n; j++) {
      const v = ld(c, e++);
      const pj = li(pos, j);
      diag += v;
      st(out, pj * n + pj, ld(out, pj * n + pj) + v);
      st(out, row + pj, -v);
      st(out, pj * n + pi, -v);
    }
    st(out, row + pi, ld(out, row + pi) + diag);
  }
}

function padAtRoot(a: usize, n: i32): void {
  const d = n - 1;
  for (let k = 0; k < n; k++) {
    st(a, d * n + k, 0);
    st(a, k * n + d, 0);
  }
}

// out[e] = scale[e] · (A_ii + A_jj − 2 A_ij) in the permuted layout, edges in (i<j) order; the
// diagonal is first gathered into diag (n) so the inner loop reads contiguously.
function quadraticForms(a: usize, scale: usize, pos: usize, diag: usize, out: usize, n: i32): void {
  for (let v = 0; v < n; v++) {
    const p = li(pos, v);
    st(diag, v, ld(a, p * n + p));
  }
  let e = 0;
  for (let i = 0; i < n; i++) {
    const row = li(pos, i) * n;
    const aii = ld(diag, i);
    for (let j = i + 1; j < n; j++) {
      st(out, e, ld(scale, e) * (aii + ld(diag, j) - 2 * ld(a, row + li(pos, j))));
      e++;
    }
  }
}

// matrix-tree.ts plainMatrixTree (+ layOut, + plainVjp when withVjp): fills mu (and vjp), the
// dropped node in info[0], and returns log Z (diag: n floats of scratch), or NaN when the result is unusable.
export function treeSolve(
  s: usize,
  g: usize,
  w: usize,
  mu: usize,
  vjp: usize,
  lap: usize,
  scratch: usize,
  inv: usize,
  ei: usize,
  pos: usize,
  diag: usize,
  info: usize,
  n: i32,
  m: i32,
  withVjp: bool,
  strict: bool,
): f64 {
  const d = n - 1;
  let best = 0;
  for (let e = 1; e < m; e++) if (ld(s, e) > ld(s, best)) best = e;
  const c = ld(s, best);
  const root = li(ei, best);
  store<i32>(info, root);
  for (let v = 0, p = 0; v < n; v++) {
    store<i32>(pos + ((<usize>v) << 2), v === root ? d : p);
    if (v !== root) p++;
  }
  const vc = f64x2.splat(c);
  let e = 0;
  for (; e + 1 < m; e += 2) {
    const o = (<usize>e) << 3;
    v128.store(w + o, f64x2.sub(v128.load(s + o), vc));
  }
  if (e < m) st(w, e, ld(s, e) - c);
  expInPlace(w, m);
  laplacian(w, pos, lap, n);
  if (cholesky(lap, d, n) >= 0) return NaN;
  let logDet = 0.0;
  for (let i = 0; i < d; i++) logDet += Math.log(ld(lap, i * n + i));
  logDet *= 2;
  lowerInverse(lap, scratch, d, n);
  lowerGram(scratch, inv, d, n);
  padAtRoot(inv, n);
  quadraticForms(inv, w, pos, diag, mu, n);
  // Σμ (two partial sums: it only feeds the tolerance test) and the clamp to [0, 1].
  let sums = f64x2.splat(0);
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  e = 0;
  for (; e + 1 < m; e += 2) {
    const o = (<usize>e) << 3;
    const v = v128.load(mu + o);
    sums = f64x2.add(sums, v);
    v128.store(mu + o, f64x2.min(one, f64x2.max(zero, v)));
  }
  let total = f64x2.extract_lane(sums, 0) + f64x2.extract_lane(sums, 1);
  if (e < m) {
    const v = ld(mu, e);
    total += v;
    st(mu, e, Math.min(1, Math.max(0, v)));
  }
  if (strict && !(Math.abs(total - d) <= SUM_TOLERANCE * d)) return NaN;
  if (withVjp) {
    for (e = 0; e + 1 < m; e += 2) {
      const o = (<usize>e) << 3;
      v128.store(vjp + o, f64x2.mul(v128.load(g + o), v128.load(w + o)));
    }
    if (e < m) st(vjp, e, ld(g, e) * ld(w, e));
    laplacian(vjp, pos, lap, n);
    multiply(inv, lap, scratch, d, n, 0);
    // K = (M G) M is symmetric: only its upper triangle is computed and, unlike the JS path, not
    // mirrored — quadraticForms reads K[pos i][pos j] with pos i < pos j for every edge not at
    // the root r, and the root's row and column are zeroed by padAtRoot.
    multiply(scratch, inv, lap, d, n, 1);
    padAtRoot(lap, n);
    quadraticForms(lap, w, pos, diag, vjp, n);
    for (e = 0; e + 1 < m; e += 2) {
      const o = (<usize>e) << 3;
      const v = f64x2.sub(f64x2.mul(v128.load(g + o), v128.load(mu + o)), v128.load(vjp + o));
      v128.store(vjp + o, v);
    }
    if (e < m) st(vjp, e, ld(g, e) * ld(mu, e) - ld(vjp, e));
  }
  return logDet + d * c;
}

// Slots of the address table a workspace writes once (src/spanning-tree/workspace.ts TREE_SLOTS):
// the byte address of each of its buffers, so one call per item passes a single pointer.
const RAW = 0,
  S = 1,
  G = 2,
  CLIPPED = 3,
  W = 4,
  MU = 5,
  VJP = 6,
  LAP = 7,
  SCRATCH = 8,
  INV = 9;
const EI = 10,
  EJ = 11,
  POS = 12,
  DIAG = 13,
  PARENT = 14,
  INFO = 15,
  OUT_VJP = 16;

function slot(tab: usize, k: i32): usize {
  return <usize>load<i32>(tab + ((<usize>k) << 2));
}

// One item, start to end, when the plain formula applies: load and clip the raw scores, the quick
// scale check (edges within `spread` of the maximum connect every node), the plain solve (strict), and the VJP's chain rule into OUT_VJP. Returns log Z and
// sets info[1] = 0; or NaN with info[1] = 1 (tempered score not finite, its index in info[2]) or
// info[1] = 2 (the item needs the multi-scale path: s and g are loaded, the arg-max in info[3]).
export function treeItem(
  tab: usize,
  n: i32,
  m: i32,
  t: f64,
  maxRange: f64,
  spread: f64,
  withVjp: bool,
): f64 {
  const info = slot(tab, INFO);
  const arg = treeLoad(slot(tab, RAW), slot(tab, S), slot(tab, CLIPPED), m, t, maxRange);
  if (arg < 0) {
    store<i32>(info, 1, 4);
    store<i32>(info, -1 - arg, 8);
    return NaN;
  }
  store<i32>(info, arg, 12);
  store<i32>(info, 2, 4);
  if (n === 2) return NaN;
  if (!treeQuick(slot(tab, S), slot(tab, EI), slot(tab, EJ), slot(tab, PARENT), n, m, spread))
    return NaN;
  const logZ = treeSolve(
    slot(tab, S),
    slot(tab, G),
    slot(tab, W),
    slot(tab, MU),
    slot(tab, VJP),
    slot(tab, LAP),
    slot(tab, SCRATCH),
    slot(tab, INV),
    slot(tab, EI),
    slot(tab, POS),
    slot(tab, DIAG),
    info,
    n,
    m,
    withVjp,
    true,
  );
  // biome-ignore lint/suspicious/noSelfCompare: the NaN test (no Number.isNaN in AssemblyScript)
  if (logZ !== logZ) return NaN;
  if (withVjp) treeScatter(slot(tab, VJP), slot(tab, CLIPPED), arg, t, slot(tab, OUT_VJP), m);
  store<i32>(info, 0, 4);
  return logZ;
}
