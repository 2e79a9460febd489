// Arborescence benchmarks. Chu–Liu/Edmonds against two baselines measured in the same run: the
// O(n²) best-incoming pass alone (a lower bound: what CLE costs without any cycle handling) and a
// textbook recursive CLE that rebuilds the contracted n×n matrix at every contraction (O(n²) per
// contraction, O(n³) worst case). Then the relaxation: marginals, marginals+VJP, and the
// log-space elimination (the exact fallback) forced on the same inputs.
import { chuLiuEdmondsArgmax } from '../src/arborescence/chu-liu-edmonds.js';
import { logEliminationArborescence } from '../src/arborescence/log-elimination.js';
import {
  arborescenceMarginals,
  arborescenceMarginalsAndVjp,
} from '../src/arborescence/marginals.js';
import { ArborescenceWorkspace } from '../src/arborescence/workspace.js';
import { growthExponent, randomScores, row, time } from './harness.js';

/** Each node's best incoming arc, cycles ignored: the O(n²) floor of any CLE. */
function bestIncoming(scores: Float64Array, n: number): Int32Array {
  const head = new Int32Array(n);
  for (let m = 1; m < n; m++) {
    let best = -Infinity;
    for (let h = 0; h < n; h++) {
      if (h !== m && scores[h * n + m] > best) {
        best = scores[h * n + m];
        head[m] = h;
      }
    }
  }
  return head;
}

/**
 * Textbook recursive CLE (multi-root): pick best incoming arcs; if they form a cycle, build the
 * contracted graph as a fresh matrix, recurse, expand. Returns head[m] for m ≥ 1.
 */
function recursiveCle(scores: Float64Array, n: number): Int32Array {
  const head = bestIncoming(scores, n);
  // Find a cycle.
  const color = new Int32Array(n).fill(-1);
  let cycle: number[] | null = null;
  color[0] = n;
  for (let s = 1; s < n && cycle === null; s++) {
    let v = s;
    while (color[v] === -1) {
      color[v] = s;
      v = head[v];
    }
    if (color[v] === s) {
      cycle = [v];
      for (let u = head[v]; u !== v; u = head[u]) cycle.push(u);
    }
  }
  if (cycle === null) return head;
  const inCycle = new Uint8Array(n);
  for (const v of cycle) inCycle[v] = 1;
  // New ids: non-cycle nodes keep their order, the cycle becomes the last node c.
  const id = new Int32Array(n);
  let k = 0;
  for (let v = 0; v < n; v++) if (!inCycle[v]) id[v] = k++;
  const c = k;
  const size = k + 1;
  const sub = new Float64Array(size * size).fill(-Infinity);
  const enterAt = new Int32Array(size).fill(-1); // for u → c: which cycle node it enters
  const leaveFrom = new Int32Array(size).fill(-1); // for c → x: which cycle node it leaves
  for (let u = 0; u < n; u++) {
    for (let v = 1; v < n; v++) {
      if (u === v || (inCycle[u] && inCycle[v])) continue;
      const s = scores[u * n + v];
      if (inCycle[v]) {
        const r = s - scores[head[v] * n + v];
        if (r > sub[id[u] * size + c]) {
          sub[id[u] * size + c] = r;
          enterAt[id[u]] = v;
        }
      } else if (inCycle[u]) {
        if (s > sub[c * size + id[v]]) {
          sub[c * size + id[v]] = s;
          leaveFrom[id[v]] = u;
        }
      } else sub[id[u] * size + id[v]] = s;
    }
  }
  const subHead = recursiveCle(sub, size);
  const original = new Int32Array(size);
  for (let v = 0; v < n; v++) if (!inCycle[v]) original[id[v]] = v;
  const out = Int32Array.from(head); // cycle arcs by default
  for (let x = 1; x < size; x++) {
    if (x === c) {
      out[enterAt[subHead[c]]] = original[subHead[c]];
    } else if (subHead[x] === c) {
      out[original[x]] = leaveFrom[x];
    } else out[original[x]] = original[subHead[x]];
  }
  return out;
}

/**
 * Worst case for contraction-heavy CLEs: 1 ↔ 2 is a cycle, the contracted {1, 2} and node 3 form
 * the next one, then that and node 4, … — n − 2 nested contractions. (Best incoming arcs:
 * k−1 → k at score 2, 2 → 1 at 2; arcs into node 1 from u ≥ 3 at 1 − u/100 decide the order;
 * everything else in [−3, −2], root arcs −5.)
 */
function nestedScores(n: number, seed: number): Float64Array {
  const scores = randomScores(n * n, seed, 0.5);
  for (let i = 0; i < n * n; i++) scores[i] -= 2.5;
  for (let m = 1; m < n; m++) scores[m] = -5;
  for (let k = 2; k < n; k++) scores[(k - 1) * n + k] = 2;
  scores[2 * n + 1] = 2;
  for (let u = 3; u < n; u++) scores[u * n + 1] = 1 - u / 100;
  return scores;
}

/** Checks both CLEs find trees of the same score. */
function sameScore(scores: Float64Array, n: number): void {
  const mask = chuLiuEdmondsArgmax(scores, n);
  const head = recursiveCle(scores, n);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n * n; i++) a += scores[i] * mask[i];
  for (let m = 1; m < n; m++) b += scores[head[m] * n + m];
  if (Math.abs(a - b) > 1e-9 * Math.abs(a))
    throw new Error(`CLE mismatch at n = ${n}: ${a} vs ${b}`);
}

const CLE_WIDTHS = [10, 6, 11, 13, 10, 12, 9];

function benchCle(): void {
  console.log('\nChu–Liu/Edmonds (multi-root, one n×n item; ms per call)');
  console.log(
    row(['scores', 'n', 'CLE', 'best-in pass', 'CLE/pass', 'recursive', 'rec/CLE'], CLE_WIDTHS),
  );
  const sizes = [10, 50, 200];
  for (const [family, make] of [
    ['uniform', (n: number) => randomScores(n * n, n)],
    ['nested', (n: number) => nestedScores(n, n)],
  ] as const) {
    const ours: number[] = [];
    const passes: number[] = [];
    const naive: number[] = [];
    for (const n of sizes) {
      const scores = make(n);
      sameScore(scores, n);
      const cle = time('cle', () => chuLiuEdmondsArgmax(scores, n)).ms;
      const pass = time('pass', () => bestIncoming(scores, n)).ms;
      const rec = time('recursive', () => recursiveCle(scores, n)).ms;
      ours.push(cle);
      passes.push(pass);
      naive.push(rec);
      console.log(
        row(
          [
            family,
            n,
            cle.toFixed(4),
            pass.toFixed(4),
            `${(cle / pass).toFixed(1)}×`,
            rec.toFixed(4),
            `${(rec / cle).toFixed(1)}×`,
          ],
          CLE_WIDTHS,
        ),
      );
    }
    console.log(
      `  growth exponent (${family}): CLE ${growthExponent(sizes, ours).toFixed(2)}, best-in pass ` +
        `${growthExponent(sizes, passes).toFixed(2)}, recursive ${growthExponent(sizes, naive).toFixed(2)}`,
    );
  }
  const scores = randomScores(200 * 200, 200);
  const single = time('single', () => chuLiuEdmondsArgmax(scores, 200, { rootMode: 'single' })).ms;
  console.log(`single-root, uniform, n = 200: ${single.toFixed(4)} ms`);
}

const REL_WIDTHS = [8, 7, 11, 13, 10, 13, 10];

function benchRelaxation(): void {
  console.log(
    '\nArborescence marginals and exact VJP (multi-root, t = 1, scores U(−1, 1); ms per call)',
  );
  console.log(
    row(
      ['n', 'batch', 'marginals', 'marg+vjp', 'vjp/marg', 'log-space+vjp', 'log/fast'],
      REL_WIDTHS,
    ),
  );
  const cases: [number, number][] = [
    [50, 32],
    [20, 1],
    [50, 1],
    [100, 1],
    [200, 1],
  ];
  const sizes: number[] = [];
  const margMs: number[] = [];
  const bothMs: number[] = [];
  const logMs: number[] = [];
  for (const [n, batch] of cases) {
    const scores = randomScores(batch * n * n, 3 * n + batch);
    const g = randomScores(batch * n * n, 5 * n + batch);
    const opts = { rounds: n >= 200 ? 5 : 7, roundMs: n >= 200 ? 300 : 100 };
    const marg = time('marginals', () => arborescenceMarginals(scores, n), opts).ms;
    const both = time('marginals+vjp', () => arborescenceMarginalsAndVjp(scores, n, g), opts).ms;
    // The exact log-space path on the same items (what inputs at extreme scales cost).
    const ws = new ArborescenceWorkspace(n);
    const logSpace = time(
      'log-space',
      () => {
        for (let b = 0; b < batch; b++) {
          ws.a.set(scores.subarray(b * n * n, (b + 1) * n * n));
          ws.da.set(g.subarray(b * n * n, (b + 1) * n * n));
          logEliminationArborescence(ws, n, false, true);
        }
      },
      opts,
    ).ms;
    if (batch === 1) {
      sizes.push(n);
      margMs.push(marg);
      bothMs.push(both);
      logMs.push(logSpace);
    }
    console.log(
      row(
        [
          n,
          batch,
          marg.toFixed(3),
          both.toFixed(3),
          `${(both / marg).toFixed(2)}×`,
          logSpace.toFixed(3),
          `${(logSpace / both).toFixed(2)}×`,
        ],
        REL_WIDTHS,
      ),
    );
  }
  console.log(
    `growth exponent over n = ${sizes.join(', ')} (batch 1): marginals ` +
      `${growthExponent(sizes, margMs).toFixed(2)}, marginals+vjp ${growthExponent(sizes, bothMs).toFixed(2)}, ` +
      `log-space+vjp ${growthExponent(sizes, logMs).toFixed(2)}`,
  );
}

export function benchArborescence(): void {
  benchCle();
  benchRelaxation();
}
