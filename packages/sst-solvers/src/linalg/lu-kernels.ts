// In-place LU kernels on row-major buffers with an explicit row stride (the pure-JS twins of
// luFactor / luInverse in wasm/kernels.ts). No allocation: callers own every buffer.

/**
 * PA = LU of the leading d×d block of `lu` (row stride `stride`), in place: unit-lower L below
 * the diagonal, U on and above; row i of PA is row pivots[i] of A. Returns the first column with
 * no nonzero pivot (singular; `lu` then partially overwritten), else −1 when det P = +1 and −2
 * when det P = −1. Right-looking; each row k is subtracted from four later rows per pass.
 */
export function luFactorInPlace(
  lu: Float64Array,
  pivots: Int32Array,
  d: number,
  stride: number,
): number {
  let sign = 1;
  for (let i = 0; i < d; i++) pivots[i] = i;
  for (let k = 0; k < d; k++) {
    const rk = k * stride;
    let p = k;
    let best = Math.abs(lu[rk + k]);
    for (let i = k + 1; i < d; i++) {
      const v = Math.abs(lu[i * stride + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0) return k;
    if (p !== k) {
      const rp = p * stride;
      for (let j = 0; j < d; j++) {
        const t = lu[rk + j];
        lu[rk + j] = lu[rp + j];
        lu[rp + j] = t;
      }
      const t = pivots[k];
      pivots[k] = pivots[p];
      pivots[p] = t;
      sign = -sign;
    }
    const inv = 1 / lu[rk + k];
    let i = k + 1;
    for (; i + 3 < d; i += 4) {
      const r0 = i * stride;
      const r1 = r0 + stride;
      const r2 = r1 + stride;
      const r3 = r2 + stride;
      const l0 = lu[r0 + k] * inv;
      const l1 = lu[r1 + k] * inv;
      const l2 = lu[r2 + k] * inv;
      const l3 = lu[r3 + k] * inv;
      lu[r0 + k] = l0;
      lu[r1 + k] = l1;
      lu[r2 + k] = l2;
      lu[r3 + k] = l3;
      for (let j = k + 1; j < d; j++) {
        const v = lu[rk + j];
        lu[r0 + j] -= l0 * v;
        lu[r1 + j] -= l1 * v;
        lu[r2 + j] -= l2 * v;
        lu[r3 + j] -= l3 * v;
      }
    }
    for (; i < d; i++) {
      const ri = i * stride;
      const l = lu[ri + k] * inv;
      lu[ri + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < d; j++) lu[ri + j] -= l * lu[rk + j];
    }
  }
  return sign > 0 ? -1 : -2;
}

/**
 * x = A⁻¹ (leading d×d block, row stride `stride`) from `luFactorInPlace`'s output: X = P·I,
 * then forward substitution with the unit-lower L and back substitution with U, every step an
 * axpy of whole contiguous rows (i-k-j order). `x` must not alias `lu`.
 */
export function luInverseInto(
  lu: Float64Array,
  pivots: Int32Array,
  x: Float64Array,
  d: number,
  stride: number,
): void {
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    for (let j = 0; j < d; j++) x[ri + j] = 0;
    x[ri + pivots[i]] = 1;
  }
  for (let i = 0; i < d; i++) {
    const ri = i * stride;
    for (let k = 0; k < i; k++) {
      const l = lu[ri + k];
      if (l === 0) continue;
      const rk = k * stride;
      for (let j = 0; j < d; j++) x[ri + j] -= l * x[rk + j];
    }
  }
  for (let i = d - 1; i >= 0; i--) {
    const ri = i * stride;
    for (let k = i + 1; k < d; k++) {
      const u = lu[ri + k];
      if (u === 0) continue;
      const rk = k * stride;
      for (let j = 0; j < d; j++) x[ri + j] -= u * x[rk + j];
    }
    const inv = 1 / lu[ri + i];
    for (let j = 0; j < d; j++) x[ri + j] *= inv;
  }
}
