// Spanning-tree benchmarks: matrix-tree marginals and the exact O(n³) VJP against the O(n⁴)
// edge-by-edge VJP, and Kruskal against sorting alone (the union-find overhead).
import { inverse } from '../src/linalg.js';
import { edgeEndpoints } from '../src/spanning-tree/edges.js';
import {
  kruskalArgmax,
  spanningTreeMarginals,
  spanningTreeMarginalsAndVjp,
  spanningTreeVjp,
} from '../src/spanning-tree/index.js';
import { EdgeSorter } from '../src/spanning-tree/sort.js';
import { edgeCount } from '../src/validate.js';
import { growthExponent, randomScores, row, time } from './harness.js';

/**
 * The O(n⁴) baseline: marginals from an LU inverse of L_r, then the VJP edge by edge,
 * (Jᵀg)_f = g_f μ_f − w_f Σ_e g_e w_e C_ef² with C_ef = b_eᵀ M b_f (DESIGN.md §3.3).
 */
function baselineVjp(scores: Float64Array, n: number, g: Float64Array): Float64Array {
  const m = edgeCount(n);
  const { i: ei, j: ej } = edgeEndpoints(n);
  const out = new Float64Array(scores.length);
  const d = n - 1;
  for (let off = 0; off < scores.length; off += m) {
    let best = off;
    for (let e = off + 1; e < off + m; e++) if (scores[e] > scores[best]) best = e;
    const r = ei[best - off];
    const pos = (v: number) => (v === r ? -1 : v < r ? v : v - 1);
    const w = new Float64Array(m);
    const lap = new Float64Array(d * d);
    for (let e = 0; e < m; e++) {
      w[e] = Math.exp(scores[off + e] - scores[best]);
      const pi = pos(ei[e]);
      const pj = pos(ej[e]);
      if (pi >= 0) lap[pi * d + pi] += w[e];
      if (pj >= 0) lap[pj * d + pj] += w[e];
      if (pi >= 0 && pj >= 0) {
        lap[pi * d + pj] -= w[e];
        lap[pj * d + pi] -= w[e];
      }
    }
    const inv = inverse(lap, d);
    const at = (a: number, b: number) => (a < 0 || b < 0 ? 0 : inv[a * d + b]);
    const pi = new Int32Array(m);
    const pj = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      pi[e] = pos(ei[e]);
      pj[e] = pos(ej[e]);
    }
    for (let f = 0; f < m; f++) {
      const mu = w[f] * (at(pi[f], pi[f]) + at(pj[f], pj[f]) - 2 * at(pi[f], pj[f]));
      let sum = 0;
      for (let e = 0; e < m; e++) {
        const c = at(pi[e], pi[f]) - at(pi[e], pj[f]) - at(pj[e], pi[f]) + at(pj[e], pj[f]);
        sum += g[off + e] * w[e] * c * c;
      }
      out[off + f] = g[off + f] * mu - w[f] * sum;
    }
  }
  return out;
}

const fmt = (ms: number) => (ms < 0.1 ? ms.toFixed(4) : ms < 10 ? ms.toFixed(3) : ms.toFixed(1));

/** Skip the O(n⁴) baseline where one call would take longer than this. */
const BASELINE_BUDGET_MS = 2000;

function benchMatrixTree(): void {
  const cases = [
    { n: 10, batch: 128 },
    { n: 30, batch: 1 },
    { n: 100, batch: 1 },
    { n: 200, batch: 1 },
    { n: 400, batch: 1 },
  ];
  const widths = [6, 6, 13, 11, 15, 22, 14];
  console.log('\nspanning tree — matrix-tree marginals and exact VJP (ms per batch, median)');
  console.log(
    row(
      ['n', 'batch', 'marginals', 'VJP', 'marginals+VJP', 'baseline O(n⁴)', 'baseline/VJP'],
      widths,
    ),
  );
  const big: { n: number; mar: number; vjp: number; both: number }[] = [];
  let lastProbe = { n: 1, ms: 0 };
  for (const { n, batch } of cases) {
    const m = edgeCount(n);
    const scores = randomScores(m * batch, 11 + n, 2);
    const g = randomScores(m * batch, 17 + n, 1);
    const mar = time('marginals', () => spanningTreeMarginals(scores, n)).ms;
    const vjp = time('vjp', () => spanningTreeVjp(scores, n, g)).ms;
    const both = time('both', () => spanningTreeMarginalsAndVjp(scores, n, g)).ms;
    // One probe call decides whether the baseline fits the budget; when the O(n⁴) extrapolation
    // of the previous probe is far over it, the probe itself is skipped.
    const predicted = lastProbe.ms * (n / lastProbe.n) ** 4;
    let probe = predicted;
    let estimated = true;
    if (predicted <= 4 * BASELINE_BUDGET_MS) {
      const start = performance.now();
      baselineVjp(scores, n, g);
      probe = performance.now() - start;
      estimated = false;
      lastProbe = { n, ms: probe };
    }
    let base = Number.NaN;
    if (probe <= BASELINE_BUDGET_MS) {
      base = probe > 200 ? probe : time('baseline', () => baselineVjp(scores, n, g)).ms;
    }
    const skipped = `skipped (${estimated ? '≈' : ''}${(probe / 1000).toFixed(1)} s${estimated ? ' est.' : ''})`;
    const baseCell = Number.isNaN(base) ? skipped : fmt(base);
    const ratio = Number.isNaN(base) ? '—' : `${(base / vjp).toFixed(1)}×`;
    console.log(row([n, batch, fmt(mar), fmt(vjp), fmt(both), baseCell, ratio], widths));
    if (batch === 1) big.push({ n, mar, vjp, both });
  }
  // The multi-scale path (weights on many scales: each item is split and contracted).
  const extreme = randomScores(edgeCount(10) * 128, 5, 1e4);
  const gExtreme = randomScores(edgeCount(10) * 128, 6, 1);
  const ext = time('extreme', () => spanningTreeMarginalsAndVjp(extreme, 10, gExtreme)).ms;
  console.log(`scores ±1e4 (multi-scale path), n = 10, batch 128: marginals+VJP ${fmt(ext)} ms`);
  const sizes = big.map((b) => b.n);
  console.log(
    `growth exponent over n = ${sizes.join(', ')}: marginals ${growthExponent(
      sizes,
      big.map((b) => b.mar),
    ).toFixed(2)}, VJP ${growthExponent(
      sizes,
      big.map((b) => b.vjp),
    ).toFixed(2)}, marginals+VJP ${growthExponent(
      sizes,
      big.map((b) => b.both),
    ).toFixed(2)}`,
  );
}

function benchKruskal(): void {
  const cases = [
    { n: 10, batch: 128 },
    { n: 100, batch: 1 },
    { n: 1000, batch: 1 },
  ];
  const widths = [6, 6, 12, 16, 14];
  console.log('\nspanning tree — Kruskal maximum spanning tree (ms per batch, median)');
  console.log(row(['n', 'batch', 'kruskal', 'baseline: sort', 'kruskal/sort'], widths));
  const perItem: number[] = [];
  for (const { n, batch } of cases) {
    const m = edgeCount(n);
    const scores = randomScores(m * batch, 23 + n, 1);
    const sorter = new EdgeSorter(m);
    const kr = time('kruskal', () => kruskalArgmax(scores, n)).ms;
    const sortOnly = time('sort', () => {
      for (let off = 0; off < scores.length; off += m) sorter.sortDescending(scores, off, m);
    }).ms;
    console.log(row([n, batch, fmt(kr), fmt(sortOnly), `${(kr / sortOnly).toFixed(2)}×`], widths));
    perItem.push(kr / batch);
  }
  const sizes = cases.map((c) => c.n);
  console.log(
    `growth exponent of Kruskal per item over n = ${sizes.join(', ')}: ${growthExponent(sizes, perItem).toFixed(2)} (m = n(n−1)/2 edges, O(m log m) ⇒ ≈ 2)`,
  );
}

/** Prints the spanning-tree benchmark tables. */
export function benchSpanningTree(): void {
  benchMatrixTree();
  benchKruskal();
}
