// Robust path of the arborescence relaxation: log Z, marginals and their JVP by Gaussian
// elimination of the reduced directed Laplacian carried out in log space, exact to float64 at any
// spread of scales (scores ±1e4 at temperature 1e−3, heavy cycles the root reaches only through
// arcs e^−10⁷ lighter, …) where exp() of the weights would underflow and the inverse would cancel.
//
// Why elimination is subtraction-free (the GTH / Kron-reduction idea). Eliminating non-root node
// k from a rooted directed Laplacian leaves a rooted directed Laplacian on the other nodes, with
//   w'(i→j) = w(i→j) + w(i→k) w(k→j) / d_k,     r'(j) = r(j) + r(k) w(k→j) / d_k,
// (paths through k, normalised by k's pivot), and the pivot d_k — the diagonal entry — equals
// r(k) + Σ_{i not yet eliminated} w(i→k): the column-sum identity of a Laplacian lets us compute
// it as a sum instead of as the cancelling difference Gaussian elimination would form.
// det L̂ = Π_k d_k. Every quantity is a sum of products of positive terms, so in log space each
// step is one logaddexp, never a subtraction, and no weight underflows. Log-weights are carried
// as compensated pairs hi + lo (./compensated.ts) so that the O(1) corrections riding on huge
// offsets survive: shares e^{x − y} come out exact to float64 even when x, y ≈ −10⁷.
//
// Single root (Koo et al. §3.3): with root weights λ·r, det(L̂_λ) = Σ_k λ^k Z_k where Z_k sums the
// trees with k root children, so Z_single = d/dλ det at λ = 0. To first order in λ the pivots are
// those of the root-less Laplacian (d_k = Σ_i w(i→k), k < N−1), the root weights are propagated
// by the same update, and the last pivot is the propagated root weight r'(N−1).
//
// Marginals are reverse-mode derivatives of log Z through the elimination. Write s_X for the
// derivative of log Z with respect to log X for an intermediate weight X (the marginal of the
// "reduced arc" X in the reduced graph). Reversing step k: the fill F_ij = s(w'_ij) · (its share
// from k) = s(w'_ij) e^{log w_ik + log w_kj − log d_k − log w'_ij}, and
//   t_k = 1 − Σ F − Σ F_root  (= ∂ log Z / ∂ log d_k through log d_k itself and the fills),
//   s(w_ik) = (w_ik/d_k) t_k + Σ_j F_ij,   s(w_kj) = Σ_i F_ij + F_root_j,
//   s(r_k) = (r_k/d_k) t_k [multi-root only] + Σ_j F_root_j.
// (t_k may be negative — the pivot is a column sum here, not the Schur diagonal — but every term
// is O(1): shares s ≤ 1 times ratios ≤ 1, at most N² of them.) So errors are absolute,
// ≈ poly(N)·2⁻⁵², never amplified by 1/ε as the inverse formula's M_mm − M_mh is. An original
// arc's marginal is its reduced arc's s times its share e^{a − log w_final}. The JVP runs the
// same passes on dual numbers (value, tangent along da): exact, O(N³), no finite differences.
//
// Cost: about N³/3 (exp + log1p) forward and N³/3 exp in reverse, several times the fast path;
// it only runs when the fast path's result cannot be trusted.
import { add, difference, sumHi, sumLo } from './compensated.js';
import { columnShifts } from './shifts.js';
import type { ArborescenceWorkspace } from './workspace.js';

/**
 * A term below e^−40 ≈ 4e−18 of the value it is added to changes it by less than half an ulp
 * relative (2⁻⁵³ ≈ 1.1e−16), so it is skipped (exp and log1p are the cost of this path).
 */
const NEGLIGIBLE = -40;

/**
 * log Z of the item in ws.a (L nodes) and its marginals in ws.mu; with `withJvp` also
 * ws.dmu = ∂μ/∂a · ws.da. Finite for every finite input.
 */
export function logEliminationArborescence(
  ws: ArborescenceWorkspace,
  L: number,
  single: boolean,
  withJvp: boolean,
): number {
  const N = L - 1;
  const { a, da, shift, m1: x, m5: xLo, m2: dx, r, rLo, dr, pivot, pivotLo, dpivot } = ws;
  const { rootShift } = columnShifts(a, L, single, shift);
  // Log weights relative to each column's shift: x[i][j] for arc i+1 → j+1, r[j] for 0 → j+1.
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      if (i === j) continue;
      const e = (i + 1) * L + j + 1;
      add(a[e], 0, -shift[j + 1], 0);
      x[i * N + j] = sumHi;
      xLo[i * N + j] = sumLo;
      if (withJvp) dx[i * N + j] = da[e];
    }
  }
  for (let j = 0; j < N; j++) {
    add(a[j + 1], 0, -shift[j + 1], 0);
    add(sumHi, sumLo, -rootShift, 0);
    r[j] = sumHi;
    rLo[j] = sumLo;
    dr[j] = withJvp ? da[j + 1] : 0;
  }

  for (let k = 0; k < N - 1; k++) {
    logPivot(ws, N, k, single, withJvp);
    const lHi = pivot[k];
    const lLo = pivotLo[k];
    const dl = withJvp ? dpivot[k] : 0;
    const rk = k * N;
    // Root weights: r(j) += r(k) w(k→j) / d_k.
    add(r[k], rLo[k], -lHi, -lLo);
    const rootHi = sumHi;
    const rootLo = sumLo;
    for (let j = k + 1; j < N; j++) {
      add(rootHi, rootLo, x[rk + j], xLo[rk + j]);
      logAddInPlace(r, rLo, dr, j, sumHi, sumLo, withJvp ? dr[k] + dx[rk + j] - dl : 0, withJvp);
    }
    // Arcs: w(i→j) += w(i→k) w(k→j) / d_k.
    for (let i = k + 1; i < N; i++) {
      const ri = i * N;
      add(x[ri + k], xLo[ri + k], -lHi, -lLo);
      const baseHi = sumHi;
      const baseLo = sumLo;
      const dbase = withJvp ? dx[ri + k] - dl : 0;
      for (let j = k + 1; j < N; j++) {
        if (j === i) continue;
        add(baseHi, baseLo, x[rk + j], xLo[rk + j]);
        logAddInPlace(x, xLo, dx, ri + j, sumHi, sumLo, withJvp ? dbase + dx[rk + j] : 0, withJvp);
      }
    }
  }
  pivot[N - 1] = r[N - 1];
  pivotLo[N - 1] = rLo[N - 1];
  dpivot[N - 1] = dr[N - 1];
  // log Z = Σ shifts + Σ log pivots, summed compensated: at ±10⁷ scales these terms cancel to
  // O(1) and a plain sum would keep only ulp(10⁷) ≈ 2e−9 of the answer.
  let zHi = rootShift;
  let zLo = 0;
  for (let m = 1; m < L; m++) {
    add(zHi, zLo, shift[m], 0);
    zHi = sumHi;
    zLo = sumLo;
  }
  for (let k = 0; k < N; k++) {
    add(zHi, zLo, pivot[k], pivotLo[k]);
    zHi = sumHi;
    zLo = sumLo;
  }
  const logZ = zHi + zLo;
  reverse(ws, N, single, withJvp);
  writeMarginals(ws, L, rootShift, withJvp);
  return logZ;
}

/** Stores log d_k (and its tangent): logsumexp of the not-yet-eliminated column k. */
function logPivot(
  ws: ArborescenceWorkspace,
  N: number,
  k: number,
  single: boolean,
  withJvp: boolean,
): void {
  const { m1: x, m5: xLo, m2: dx, r, rLo, dr, pivot, pivotLo, dpivot } = ws;
  let top = single ? k + 1 : -1; // −1 stands for the root weight r(k)
  for (let i = k + 1; i < N; i++) {
    if (x[i * N + k] > (top < 0 ? r[k] : x[top * N + k])) top = i;
  }
  const topHi = top < 0 ? r[k] : x[top * N + k];
  const topLo = top < 0 ? rLo[k] : xLo[top * N + k];
  let sum = single ? 0 : Math.exp(difference(r[k], rLo[k], topHi, topLo));
  for (let i = k + 1; i < N; i++) {
    sum += Math.exp(difference(x[i * N + k], xLo[i * N + k], topHi, topLo));
  }
  add(topHi, topLo, Math.log(sum), 0);
  const lHi = sumHi;
  const lLo = sumLo;
  pivot[k] = lHi;
  pivotLo[k] = lLo;
  if (withJvp) {
    let d = single ? 0 : Math.exp(difference(r[k], rLo[k], lHi, lLo)) * dr[k];
    for (let i = k + 1; i < N; i++) {
      d += Math.exp(difference(x[i * N + k], xLo[i * N + k], lHi, lLo)) * dx[i * N + k];
    }
    dpivot[k] = d;
  }
}

/** v[p] ← log(e^v[p] + e^z) (compensated), and its tangent ← the weighted mean of dv[p], dz. */
function logAddInPlace(
  v: Float64Array,
  vLo: Float64Array,
  dv: Float64Array,
  p: number,
  zHi: number,
  zLo: number,
  dz: number,
  withJvp: boolean,
): void {
  const diff = difference(zHi, zLo, v[p], vLo[p]);
  if (diff < NEGLIGIBLE) return;
  let zShare: number; // log of z's share in the sum
  if (diff > 0) {
    const c = Math.log1p(Math.exp(-diff));
    add(zHi, zLo, c, 0);
    zShare = -c;
  } else {
    const c = Math.log1p(Math.exp(diff));
    add(v[p], vLo[p], c, 0);
    zShare = diff - c;
  }
  v[p] = sumHi;
  vLo[p] = sumLo;
  if (withJvp) dv[p] += Math.exp(zShare) * (dz - dv[p]);
}

/**
 * Reverse sweep: the shares s (ws.m3 for arcs, ws.sr for root arcs) of every reduced arc at the
 * step it was consumed, and their tangents (ws.m4, ws.dsr). Entry (i, j) of the log-weight matrix
 * holds its value at step min(i, j), which is exactly what the reverse of that step needs.
 */
function reverse(ws: ArborescenceWorkspace, N: number, single: boolean, withJvp: boolean): void {
  const { m1: x, m5: xLo, m2: dx, m3: s, m4: ds, r, rLo, dr, sr, dsr } = ws;
  const { pivot, pivotLo, dpivot } = ws;
  s.fill(0, 0, N * N);
  sr.fill(0, 0, N);
  if (withJvp) {
    ds.fill(0, 0, N * N);
    dsr.fill(0, 0, N);
  }
  sr[N - 1] = 1; // log Z ∋ log r'(N−1)
  for (let k = N - 2; k >= 0; k--) {
    const lHi = pivot[k];
    const lLo = pivotLo[k];
    const dl = withJvp ? dpivot[k] : 0;
    const rk = k * N;
    // Root fills r(k) w(k→j)/d_k inside r'(j).
    add(r[k], rLo[k], -lHi, -lLo);
    const rootHi = sumHi;
    const rootLo = sumLo;
    let rootOut = 0;
    let drootOut = 0;
    for (let j = k + 1; j < N; j++) {
      add(rootHi, rootLo, x[rk + j], xLo[rk + j]);
      const exponent = difference(sumHi, sumLo, r[j], rLo[j]);
      if (exponent < NEGLIGIBLE) continue;
      const e = Math.exp(exponent);
      const f = sr[j] * e;
      s[rk + j] += f;
      rootOut += f;
      if (withJvp) {
        const df = (dsr[j] + sr[j] * (dr[k] + dx[rk + j] - dl - dr[j])) * e;
        ds[rk + j] += df;
        drootOut += df;
      }
    }
    let fills = rootOut;
    let dfills = drootOut;
    // Arc fills w(i→k) w(k→j)/d_k inside w'(i→j).
    for (let i = k + 1; i < N; i++) {
      const ri = i * N;
      add(x[ri + k], xLo[ri + k], -lHi, -lLo);
      const baseHi = sumHi;
      const baseLo = sumLo;
      const dbase = withJvp ? dx[ri + k] - dl : 0;
      let rowOut = 0;
      let drowOut = 0;
      for (let j = k + 1; j < N; j++) {
        if (j === i) continue;
        const p = ri + j;
        add(baseHi, baseLo, x[rk + j], xLo[rk + j]);
        const exponent = difference(sumHi, sumLo, x[p], xLo[p]);
        if (exponent < NEGLIGIBLE) continue;
        const e = Math.exp(exponent);
        const f = s[p] * e;
        rowOut += f;
        s[rk + j] += f;
        if (withJvp) {
          const df = (ds[p] + s[p] * (dbase + dx[rk + j] - dx[p])) * e;
          drowOut += df;
          ds[rk + j] += df;
        }
      }
      s[ri + k] = rowOut;
      if (withJvp) ds[ri + k] = drowOut;
      fills += rowOut;
      dfills += drowOut;
    }
    // t = ∂ log Z / ∂ log d_k; the shares of column k in d_k pass it on.
    const t = 1 - fills;
    const dt = -dfills;
    for (let i = k + 1; i < N; i++) {
      const p = i * N + k;
      const share = Math.exp(difference(x[p], xLo[p], lHi, lLo));
      s[p] += share * t;
      if (withJvp) ds[p] += share * ((dx[p] - dl) * t + dt);
    }
    sr[k] = rootOut;
    if (withJvp) dsr[k] = drootOut;
    if (!single) {
      const share = Math.exp(difference(r[k], rLo[k], lHi, lLo));
      sr[k] += share * t;
      if (withJvp) dsr[k] += share * ((dr[k] - dl) * t + dt);
    }
  }
}

/** μ of each original arc: its reduced arc's share s times e^{a − log w_final} (and tangents). */
function writeMarginals(
  ws: ArborescenceWorkspace,
  L: number,
  rootShift: number,
  withJvp: boolean,
): void {
  const N = L - 1;
  const { a, da, shift, mu, dmu, m1: x, m5: xLo, m2: dx, m3: s, m4: ds } = ws;
  const { r, rLo, dr, sr, dsr } = ws;
  mu.fill(0, 0, L * L);
  if (withJvp) dmu.fill(0, 0, L * L);
  for (let j = 0; j < N; j++) {
    const m = j + 1;
    add(a[m], 0, -shift[m], 0);
    add(sumHi, sumLo, -rootShift, 0);
    const e = Math.exp(difference(sumHi, sumLo, r[j], rLo[j]));
    mu[m] = sr[j] * e;
    if (withJvp) dmu[m] = (dsr[j] + sr[j] * (da[m] - dr[j])) * e;
    for (let i = 0; i < N; i++) {
      if (i === j) continue;
      const arc = (i + 1) * L + m;
      const p = i * N + j;
      add(a[arc], 0, -shift[m], 0);
      const share = Math.exp(difference(sumHi, sumLo, x[p], xLo[p]));
      mu[arc] = s[p] * share;
      if (withJvp) dmu[arc] = (ds[p] + s[p] * (da[arc] - dx[p])) * share;
    }
  }
}
