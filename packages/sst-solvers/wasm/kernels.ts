// AssemblyScript source of the WebAssembly SIMD (f64x2) dense kernels. Built by
// `pnpm --filter @sst-tricks/sst-solvers build:wasm` into src/linalg/wasm-bytes.ts (the module's
// bytes as base64, committed, so the package itself needs no toolchain at run time).
//
// Every matrix is row-major float64 with row stride `stride` (entries) at byte address `p`; only
// the leading d×d block is touched. They mirror the pure-JS kernels in src/linalg/kernels.ts and
// src/linalg/lu.ts operation for operation except for the order of additions inside a sum.

// out[i][j] = Σ_k a[i][k] b[k][j] over the leading d×d blocks (columns from i when `upper`):
// 4×4 register tiles (eight f64x2 accumulators), every a[i][k] broadcast once per tile row.
export function multiply(a: usize, b: usize, out: usize, d: i32, stride: i32, upper: i32): void {
  const rs = (<usize>stride) << 3;
  let i = 0;
  for (; i + 3 < d; i += 4) {
    const a0 = a + <usize>i * rs;
    const o0 = out + <usize>i * rs;
    let j = upper ? i : 0;
    for (; j + 3 < d; j += 4) {
      let c00 = f64x2.splat(0),
        c01 = f64x2.splat(0),
        c10 = f64x2.splat(0),
        c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0),
        c21 = f64x2.splat(0),
        c30 = f64x2.splat(0),
        c31 = f64x2.splat(0);
      let pb = b + ((<usize>j) << 3);
      let pa = a0;
      for (let k = 0; k < d; k++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        const x0 = f64x2.splat(load<f64>(pa));
        const x1 = f64x2.splat(load<f64>(pa + rs));
        const x2 = f64x2.splat(load<f64>(pa + 2 * rs));
        const x3 = f64x2.splat(load<f64>(pa + 3 * rs));
        c00 = f64x2.add(c00, f64x2.mul(x0, b0));
        c01 = f64x2.add(c01, f64x2.mul(x0, b1));
        c10 = f64x2.add(c10, f64x2.mul(x1, b0));
        c11 = f64x2.add(c11, f64x2.mul(x1, b1));
        c20 = f64x2.add(c20, f64x2.mul(x2, b0));
        c21 = f64x2.add(c21, f64x2.mul(x2, b1));
        c30 = f64x2.add(c30, f64x2.mul(x3, b0));
        c31 = f64x2.add(c31, f64x2.mul(x3, b1));
        pb += rs;
        pa += 8;
      }
      const po = o0 + ((<usize>j) << 3);
      v128.store(po, c00);
      v128.store(po, c01, 16);
      v128.store(po + rs, c10);
      v128.store(po + rs, c11, 16);
      v128.store(po + 2 * rs, c20);
      v128.store(po + 2 * rs, c21, 16);
      v128.store(po + 3 * rs, c30);
      v128.store(po + 3 * rs, c31, 16);
    }
    for (; j < d; j++) {
      let s0 = 0.0,
        s1 = 0.0,
        s2 = 0.0,
        s3 = 0.0;
      let pb = b + ((<usize>j) << 3);
      let pa = a0;
      for (let k = 0; k < d; k++) {
        const v = load<f64>(pb);
        s0 += load<f64>(pa) * v;
        s1 += load<f64>(pa + rs) * v;
        s2 += load<f64>(pa + 2 * rs) * v;
        s3 += load<f64>(pa + 3 * rs) * v;
        pb += rs;
        pa += 8;
      }
      const po = o0 + ((<usize>j) << 3);
      store<f64>(po, s0);
      store<f64>(po + rs, s1);
      store<f64>(po + 2 * rs, s2);
      store<f64>(po + 3 * rs, s3);
    }
  }
  for (; i < d; i++) {
    const ai = a + <usize>i * rs;
    const oi = out + <usize>i * rs;
    let j = upper ? i : 0;
    for (; j + 1 < d; j += 2) {
      let c = f64x2.splat(0);
      let pb = b + ((<usize>j) << 3);
      for (let k = 0; k < d; k++) {
        c = f64x2.add(c, f64x2.mul(f64x2.splat(load<f64>(ai + ((<usize>k) << 3))), v128.load(pb)));
        pb += rs;
      }
      v128.store(oi + ((<usize>j) << 3), c);
    }
    for (; j < d; j++) {
      let s = 0.0;
      let pb = b + ((<usize>j) << 3);
      for (let k = 0; k < d; k++) {
        s += load<f64>(ai + ((<usize>k) << 3)) * load<f64>(pb);
        pb += rs;
      }
      store<f64>(oi + ((<usize>j) << 3), s);
    }
  }
}

// dst[0..len) -= alpha · src[0..len).

function axpyNeg(dst: usize, src: usize, alpha: f64, len: i32): void {
  const va = f64x2.splat(alpha);
  let j = 0;
  for (; j + 1 < len; j += 2) {
    const o = (<usize>j) << 3;
    v128.store(dst + o, f64x2.sub(v128.load(dst + o), f64x2.mul(va, v128.load(src + o))));
  }
  if (j < len) {
    const o = (<usize>j) << 3;
    store<f64>(dst + o, load<f64>(dst + o) - alpha * load<f64>(src + o));
  }
}

// dst[0..len) = (dst − a1·src1) − a2·src2, elementwise: two rank-1 updates in one pass over dst
// (the same operations, in the same order, as two axpyNeg calls).
function axpy2Neg(dst: usize, src1: usize, a1: f64, src2: usize, a2: f64, len: i32): void {
  const v1 = f64x2.splat(a1);
  const v2 = f64x2.splat(a2);
  let j = 0;
  for (; j + 1 < len; j += 2) {
    const o = (<usize>j) << 3;
    const x = f64x2.sub(v128.load(dst + o), f64x2.mul(v1, v128.load(src1 + o)));
    v128.store(dst + o, f64x2.sub(x, f64x2.mul(v2, v128.load(src2 + o))));
  }
  if (j < len) {
    const o = (<usize>j) << 3;
    store<f64>(dst + o, load<f64>(dst + o) - a1 * load<f64>(src1 + o) - a2 * load<f64>(src2 + o));
  }
}

// Partial pivoting at column k over rows k..d−1: swaps the row with the largest |entry| into
// row k (and in piv). Returns the pivot's magnitude (0: singular) and flips *sign on a swap.
function pivotRow(lu: usize, piv: usize, k: i32, d: i32, rs: usize): f64 {
  const rk = lu + <usize>k * rs;
  const ck = (<usize>k) << 3;
  let p = k;
  let best = Math.abs(load<f64>(rk + ck));
  for (let i = k + 1; i < d; i++) {
    const v = Math.abs(load<f64>(lu + <usize>i * rs + ck));
    if (v > best) {
      best = v;
      p = i;
    }
  }
  if (best === 0 || p === k) return best;
  const rp = lu + <usize>p * rs;
  for (let j = 0; j < d; j++) {
    const o = (<usize>j) << 3;
    const t = load<f64>(rk + o);
    store<f64>(rk + o, load<f64>(rp + o));
    store<f64>(rp + o, t);
  }
  const t = load<i32>(piv + ((<usize>k) << 2));
  store<i32>(piv + ((<usize>k) << 2), load<i32>(piv + ((<usize>p) << 2)));
  store<i32>(piv + ((<usize>p) << 2), t);
  return -best; // negative: a swap happened
}

// PA = LU in place (unit-lower L below the diagonal, U on and above), partial pivoting, row i of
// PA = row piv[i] of A (piv: i32 array at byte address `piv`). Returns the first column without a
// nonzero pivot (singular), else −1 when det P = +1 and −2 when det P = −1. Columns are taken two
// at a time: step k updates only column k+1 (enough to choose pivot k+1), then both steps'
// updates of the trailing block are applied in one pass (axpy2Neg) — the same arithmetic as one
// column at a time, with half the passes over the trailing block.
export function luFactor(lu: usize, piv: usize, d: i32, stride: i32): i32 {
  const rs = (<usize>stride) << 3;
  let sign = 1;
  for (let i = 0; i < d; i++) store<i32>(piv + ((<usize>i) << 2), i);
  let k = 0;
  for (; k + 1 < d; k += 2) {
    const k1 = k + 1;
    const rk = lu + <usize>k * rs;
    const rk1 = lu + <usize>k1 * rs;
    const ck = (<usize>k) << 3;
    const ck1 = (<usize>k1) << 3;
    let best = pivotRow(lu, piv, k, d, rs);
    if (best === 0) return k;
    if (best < 0) sign = -sign;
    const inv = 1 / load<f64>(rk + ck);
    const ukk1 = load<f64>(rk + ck1);
    // Multipliers of step k, and step k's update of column k+1 only.
    for (let i = k1; i < d; i++) {
      const ri = lu + <usize>i * rs;
      const l = load<f64>(ri + ck) * inv;
      store<f64>(ri + ck, l);
      if (l !== 0) store<f64>(ri + ck1, load<f64>(ri + ck1) - l * ukk1);
    }
    best = pivotRow(lu, piv, k1, d, rs);
    if (best === 0) return k1;
    if (best < 0) sign = -sign;
    // Row k+1 gets step k's update of its trailing part: it is U's next row.
    const tail = (<usize>(k + 2)) << 3;
    const len = d - k - 2;
    const lk1 = load<f64>(rk1 + ck);
    if (lk1 !== 0) axpyNeg(rk1 + tail, rk + tail, lk1, len);
    const inv1 = 1 / load<f64>(rk1 + ck1);
    for (let i = k + 2; i < d; i++) {
      const ri = lu + <usize>i * rs;
      const l = load<f64>(ri + ck);
      const l1 = load<f64>(ri + ck1) * inv1;
      store<f64>(ri + ck1, l1);
      if (l === 0 && l1 === 0) continue;
      if (l === 0) axpyNeg(ri + tail, rk1 + tail, l1, len);
      else if (l1 === 0) axpyNeg(ri + tail, rk + tail, l, len);
      else axpy2Neg(ri + tail, rk + tail, l, rk1 + tail, l1, len);
    }
  }
  if (k < d) {
    // The last column: its pivot is the only entry left.
    if (load<f64>(lu + <usize>k * rs + ((<usize>k) << 3)) === 0) return k;
  }
  return sign > 0 ? -1 : -2;
}

// x = A⁻¹ from luFactor's output: X = P·I, then forward substitution with the unit-lower L and
// back substitution with U, each row computed in 8-column register tiles (left-looking).
export function luInverse(lu: usize, piv: usize, x: usize, d: i32, stride: i32): void {
  const rs = (<usize>stride) << 3;
  for (let i = 0; i < d; i++) {
    const xi = x + <usize>i * rs;
    for (let j = 0; j < d; j++) store<f64>(xi + ((<usize>j) << 3), 0);
    store<f64>(xi + ((<usize>load<i32>(piv + ((<usize>i) << 2))) << 3), 1);
  }
  for (let i = 1; i < d; i++) rowUpdate(lu, x, i, 0, i, d, rs, 1);
  for (let i = d - 1; i >= 0; i--) {
    rowUpdate(lu, x, i, i + 1, d, d, rs, 1 / load<f64>(lu + <usize>i * rs + ((<usize>i) << 3)));
  }
}

// Row i of x becomes scale · (x[i] − Σ_{k∈[k0,k1)} f[i][k] x[k]) (all d columns).

function rowUpdate(
  f: usize,
  x: usize,
  i: i32,
  k0: i32,
  k1: i32,
  d: i32,
  rs: usize,
  scale: f64,
): void {
  const fi = f + <usize>i * rs;
  const xi = x + <usize>i * rs;
  const vs = f64x2.splat(scale);
  let j = 0;
  for (; j + 7 < d; j += 8) {
    const o = (<usize>j) << 3;
    let c0 = v128.load(xi + o),
      c1 = v128.load(xi + o, 16);
    let c2 = v128.load(xi + o, 32),
      c3 = v128.load(xi + o, 48);
    let px = x + <usize>k0 * rs + o;
    for (let k = k0; k < k1; k++) {
      const l = f64x2.splat(load<f64>(fi + ((<usize>k) << 3)));
      c0 = f64x2.sub(c0, f64x2.mul(l, v128.load(px)));
      c1 = f64x2.sub(c1, f64x2.mul(l, v128.load(px, 16)));
      c2 = f64x2.sub(c2, f64x2.mul(l, v128.load(px, 32)));
      c3 = f64x2.sub(c3, f64x2.mul(l, v128.load(px, 48)));
      px += rs;
    }
    v128.store(xi + o, f64x2.mul(c0, vs));
    v128.store(xi + o, f64x2.mul(c1, vs), 16);
    v128.store(xi + o, f64x2.mul(c2, vs), 32);
    v128.store(xi + o, f64x2.mul(c3, vs), 48);
  }
  for (; j + 1 < d; j += 2) {
    const o = (<usize>j) << 3;
    let c = v128.load(xi + o);
    let px = x + <usize>k0 * rs + o;
    for (let k = k0; k < k1; k++) {
      c = f64x2.sub(c, f64x2.mul(f64x2.splat(load<f64>(fi + ((<usize>k) << 3))), v128.load(px)));
      px += rs;
    }
    v128.store(xi + o, f64x2.mul(c, vs));
  }
  if (j < d) {
    const o = (<usize>j) << 3;
    let s = load<f64>(xi + o);
    let px = x + <usize>k0 * rs + o;
    for (let k = k0; k < k1; k++) {
      s -= load<f64>(fi + ((<usize>k) << 3)) * load<f64>(px);
      px += rs;
    }
    store<f64>(xi + o, s * scale);
  }
}

// Σ_{q<len} p[q]·r[q] with two f64x2 accumulators.
function dot(p: usize, r: usize, len: i32): f64 {
  let c0 = f64x2.splat(0);
  let c1 = f64x2.splat(0);
  let q = 0;
  for (; q + 3 < len; q += 4) {
    const o = (<usize>q) << 3;
    c0 = f64x2.add(c0, f64x2.mul(v128.load(p + o), v128.load(r + o)));
    c1 = f64x2.add(c1, f64x2.mul(v128.load(p + o, 16), v128.load(r + o, 16)));
  }
  const c = f64x2.add(c0, c1);
  let s = f64x2.extract_lane(c, 0) + f64x2.extract_lane(c, 1);
  for (; q < len; q++) s += load<f64>(p + ((<usize>q) << 3)) * load<f64>(r + ((<usize>q) << 3));
  return s;
}

// A = L·Lᵀ in place (Cholesky–Banachiewicz, row-oriented): the lower triangle becomes L, the
// strict upper triangle is left untouched. Returns −1, or the row whose pivot was not positive.
export function cholesky(a: usize, d: i32, stride: i32): i32 {
  const rs = (<usize>stride) << 3;
  for (let i = 0; i < d; i++) {
    const ri = a + <usize>i * rs;
    for (let j = 0; j < i; j++) {
      const rj = a + <usize>j * rs;
      const o = (<usize>j) << 3;
      store<f64>(ri + o, (load<f64>(ri + o) - dot(ri, rj, j)) / load<f64>(rj + o));
    }
    const o = (<usize>i) << 3;
    const diag = load<f64>(ri + o) - dot(ri, ri, i);
    if (!(diag > 0)) return i;
    store<f64>(ri + o, Math.sqrt(diag));
  }
  return -1;
}

// dst[j] = scale · (dst[j] + Σ_{k∈[k0,k1)} c_k · src_k[j]) for j < cols, where c_k is read at
// coef + (k − k0)·coefStep and src_k is row k of the matrix at `src`; 8-column register tiles.
function accumulateRow(
  dst: usize,
  coef: usize,
  coefStep: usize,
  sign: f64,
  src: usize,
  k0: i32,
  k1: i32,
  cols: i32,
  rs: usize,
  scale: f64,
): void {
  const vs = f64x2.splat(scale);
  let j = 0;
  for (; j + 7 < cols; j += 8) {
    const o = (<usize>j) << 3;
    let c0 = v128.load(dst + o),
      c1 = v128.load(dst + o, 16);
    let c2 = v128.load(dst + o, 32),
      c3 = v128.load(dst + o, 48);
    let px = src + <usize>k0 * rs + o;
    let pc = coef;
    for (let k = k0; k < k1; k++) {
      const l = f64x2.splat(sign * load<f64>(pc));
      c0 = f64x2.add(c0, f64x2.mul(l, v128.load(px)));
      c1 = f64x2.add(c1, f64x2.mul(l, v128.load(px, 16)));
      c2 = f64x2.add(c2, f64x2.mul(l, v128.load(px, 32)));
      c3 = f64x2.add(c3, f64x2.mul(l, v128.load(px, 48)));
      px += rs;
      pc += coefStep;
    }
    v128.store(dst + o, f64x2.mul(c0, vs));
    v128.store(dst + o, f64x2.mul(c1, vs), 16);
    v128.store(dst + o, f64x2.mul(c2, vs), 32);
    v128.store(dst + o, f64x2.mul(c3, vs), 48);
  }
  for (; j + 1 < cols; j += 2) {
    const o = (<usize>j) << 3;
    let c = v128.load(dst + o);
    let px = src + <usize>k0 * rs + o;
    let pc = coef;
    for (let k = k0; k < k1; k++) {
      c = f64x2.add(c, f64x2.mul(f64x2.splat(sign * load<f64>(pc)), v128.load(px)));
      px += rs;
      pc += coefStep;
    }
    v128.store(dst + o, f64x2.mul(c, vs));
  }
  if (j < cols) {
    const o = (<usize>j) << 3;
    let s = load<f64>(dst + o);
    let px = src + <usize>k0 * rs + o;
    let pc = coef;
    for (let k = k0; k < k1; k++) {
      s += sign * load<f64>(pc) * load<f64>(px);
      px += rs;
      pc += coefStep;
    }
    store<f64>(dst + o, s * scale);
  }
}

// x = L⁻¹ for the lower-triangular L (leading d×d block of l), written with zeros above the
// diagonal: row i of X is (e_i − Σ_{k<i} L[i][k] X[k]) / L[i][i] over columns 0..i.
export function lowerInverse(l: usize, x: usize, d: i32, stride: i32): void {
  const rs = (<usize>stride) << 3;
  for (let i = 0; i < d; i++) {
    const xi = x + <usize>i * rs;
    for (let j = 0; j < d; j++) store<f64>(xi + ((<usize>j) << 3), 0);
  }
  for (let i = 0; i < d; i++) {
    const li = l + <usize>i * rs;
    const xi = x + <usize>i * rs;
    store<f64>(xi + ((<usize>i) << 3), 1);
    accumulateRow(xi, li, 8, -1, x, 0, i, i + 1, rs, 1 / load<f64>(li + ((<usize>i) << 3)));
  }
}

// out = Xᵀ X for lower-triangular X (full symmetric result): row i of the lower triangle is
// Σ_{k≥i} X[k][i] · X[k][0..i], then mirrored onto the upper triangle. `out` must not alias `x`.
export function lowerGram(x: usize, out: usize, d: i32, stride: i32): void {
  const rs = (<usize>stride) << 3;
  for (let i = 0; i < d; i++) {
    const oi = out + <usize>i * rs;
    for (let j = 0; j <= i; j++) store<f64>(oi + ((<usize>j) << 3), 0);
    accumulateRow(oi, x + <usize>i * rs + ((<usize>i) << 3), rs, 1, x, i, d, i + 1, rs, 1);
  }
  for (let i = 0; i < d; i++) {
    const oi = out + <usize>i * rs;
    for (let j = 0; j < i; j++)
      store<f64>(out + <usize>j * rs + ((<usize>i) << 3), load<f64>(oi + ((<usize>j) << 3)));
  }
}

// e^x in both lanes (see expInPlace). pmin/pmax are single instructions (the arguments are
// never NaN here), unlike min/max with their NaN rules.
function expLanes(v: v128): v128 {
  const x = f64x2.pmin(f64x2.pmax(v, f64x2.splat(-746)), f64x2.splat(710));
  const k = f64x2.nearest(f64x2.mul(x, f64x2.splat(1.4426950408889634)));
  const r = f64x2.sub(
    f64x2.sub(x, f64x2.mul(k, f64x2.splat(6.9314718036912381649e-1))),
    f64x2.mul(k, f64x2.splat(1.90821492927058770002e-10)),
  );
  let q = f64x2.splat(1.0 / 6227020800.0); // 1/13!
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 479001600.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 39916800.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 3628800.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 362880.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 40320.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 5040.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 720.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 120.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 24.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0 / 6.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(0.5));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0));
  q = f64x2.add(f64x2.mul(q, r), f64x2.splat(1.0));
  // k ∈ [−1077, 1025]: halves k1 = ⌊k/2⌋ and k2 = k − k1 both give normal powers of two.
  const ki = i64x2.extend_low_i32x4_s(i32x4.trunc_sat_f64x2_s_zero(k));
  const k1 = i64x2.shr_s(ki, 1);
  const k2 = i64x2.sub(ki, k1);
  const bias = i64x2.splat(1023);
  const s1 = i64x2.shl(i64x2.add(k1, bias), 52);
  const s2 = i64x2.shl(i64x2.add(k2, bias), 52);
  return f64x2.mul(f64x2.mul(q, s1), s2);
}

// v[i] = e^(v[i]) for i < len, two lanes at a time: x = k·ln 2 + r with k = round(x / ln 2) and
// |r| ≤ ln(2)/2 (Cody–Waite: ln 2 split in a high part with 11 trailing zero bits, so k·hi is
// exact), e^r by its Taylor series to degree 13 (truncation < 5e−18 relative, i.e. within the
// rounding of the Horner steps: ≈ 1 ulp), then ·2^⌊k/2⌋·2^(k−⌊k/2⌋) so that results in the
// subnormal range round once. Arguments are clamped to [−746, 710] first: e^−746 < 2^−1076 rounds
// to 0 (−∞ included) and e^710 overflows to ∞, as Math.exp does.
export function expInPlace(v: usize, len: i32): void {
  let i = 0;
  // Two independent vectors per pass: the Horner chain is latency-bound, so interleaving two of
  // them nearly doubles throughput (same operations per lane, so the same results).
  for (; i + 3 < len; i += 4) {
    const p = v + ((<usize>i) << 3);
    const x0 = v128.load(p);
    const x1 = v128.load(p, 16);
    v128.store(p, expLanes(x0));
    v128.store(p, expLanes(x1), 16);
  }
  for (; i + 1 < len; i += 2) {
    const p = v + ((<usize>i) << 3);
    v128.store(p, expLanes(v128.load(p)));
  }
  if (i < len) {
    // The odd last entry: the same steps in scalar code.
    const p = v + ((<usize>i) << 3);
    const x = Math.min(Math.max(load<f64>(p), -746), 710);
    const k = Math.round(x * 1.4426950408889634);
    const r = x - k * 6.9314718036912381649e-1 - k * 1.90821492927058770002e-10;
    let q = 1.0 / 6227020800.0;
    q = q * r + 1.0 / 479001600.0;
    q = q * r + 1.0 / 39916800.0;
    q = q * r + 1.0 / 3628800.0;
    q = q * r + 1.0 / 362880.0;
    q = q * r + 1.0 / 40320.0;
    q = q * r + 1.0 / 5040.0;
    q = q * r + 1.0 / 720.0;
    q = q * r + 1.0 / 120.0;
    q = q * r + 1.0 / 24.0;
    q = q * r + 1.0 / 6.0;
    q = q * r + 0.5;
    q = q * r + 1.0;
    q = q * r + 1.0;
    const ki = <i64>k;
    const k1 = ki >> 1;
    const k2 = ki - k1;
    store<f64>(p, q * reinterpret<f64>((k1 + 1023) << 52) * reinterpret<f64>((k2 + 1023) << 52));
  }
}

// Peak probe: `iterations` rounds of 12 independent f64x2 multiply-adds (48 flops each) kept in
// registers — enough chains to cover the multiply and add latencies; returns a value depending on
// every lane so nothing is optimised away.
export function peak(iterations: i32): f64 {
  let a0 = f64x2.splat(1.0),
    a1 = f64x2.splat(1.1),
    a2 = f64x2.splat(1.2),
    a3 = f64x2.splat(1.3);
  let a4 = f64x2.splat(1.4),
    a5 = f64x2.splat(1.5),
    a6 = f64x2.splat(1.6),
    a7 = f64x2.splat(1.7);
  let a8 = f64x2.splat(1.8),
    a9 = f64x2.splat(1.9),
    a10 = f64x2.splat(2.0),
    a11 = f64x2.splat(2.1);
  const m = f64x2.splat(0.999999);
  const c = f64x2.splat(1e-7);
  for (let i = 0; i < iterations; i++) {
    a0 = f64x2.add(f64x2.mul(a0, m), c);
    a1 = f64x2.add(f64x2.mul(a1, m), c);
    a2 = f64x2.add(f64x2.mul(a2, m), c);
    a3 = f64x2.add(f64x2.mul(a3, m), c);
    a4 = f64x2.add(f64x2.mul(a4, m), c);
    a5 = f64x2.add(f64x2.mul(a5, m), c);
    a6 = f64x2.add(f64x2.mul(a6, m), c);
    a7 = f64x2.add(f64x2.mul(a7, m), c);
    a8 = f64x2.add(f64x2.mul(a8, m), c);
    a9 = f64x2.add(f64x2.mul(a9, m), c);
    a10 = f64x2.add(f64x2.mul(a10, m), c);
    a11 = f64x2.add(f64x2.mul(a11, m), c);
  }
  const s = f64x2.add(
    f64x2.add(
      f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)),
      f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7)),
    ),
    f64x2.add(f64x2.add(a8, a9), f64x2.add(a10, a11)),
  );
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}

// The fused per-item pipelines (one module call per item instead of a dozen JS passes).
export { arbItem, arbLoad, arbScatter, arbSolve } from './arborescence';
export { treeItem, treeLoad, treeQuick, treeScatter, treeSolve } from './spanning-tree';

// First free byte after the module's static data (Math.log's tables): arenas place their buffers
// above it, since an imported memory is shared by the data segment and the caller's buffers.
export function heapBase(): usize {
  return __heap_base;
}
