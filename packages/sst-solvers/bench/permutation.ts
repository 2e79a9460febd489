// Permutation benchmarks: Hungarian against a greedy assignment, and log-space Sinkhorn (forward
// and VJP) against a plain scaling-domain Sinkhorn doing the same number of sweeps.
import {
  hungarianArgmax,
  sinkhorn,
  sinkhornVjp,
  sinkhornVjpFromMarginals,
} from '../src/permutation/index.js';
import { growthExponent, randomScores, row, time } from './harness.js';

/**
 * Row-greedy assignment: each row in turn takes its best still-free column. O(n²), one pass over
 * the matrix: the cheapest valid assignment, so the ratio shows what optimality costs.
 */
function greedyAssignment(scores: Float64Array, n: number): Float64Array {
  const columnUsed = new Uint8Array(n);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let best = -1;
    for (let j = 0; j < n; j++) {
      if (!columnUsed[j] && (best < 0 || scores[i * n + j] > scores[i * n + best])) best = j;
    }
    columnUsed[best] = 1;
    out[i * n + best] = 1;
  }
  return out;
}

/** Sinkhorn on K = exp(a − max a) with scaling vectors (no logs): fast but under/overflows at small t. */
function scalingSinkhorn(
  scores: Float64Array,
  n: number,
  temperature: number,
  sweeps: number,
): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, s);
  const k = scores.map((s) => Math.exp((s - max) / temperature));
  const r = new Float64Array(n).fill(1);
  const c = new Float64Array(n).fill(1);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += k[i * n + j] * c[j];
      r[i] = 1 / s;
    }
    const colSum = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) colSum[j] += k[i * n + j] * r[i];
    for (let j = 0; j < n; j++) c[j] = 1 / colSum[j];
  }
  return k.map((x, idx) => x * r[Math.floor(idx / n)] * c[idx % n]);
}

function score(scores: Float64Array, x: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += scores[k] * x[k];
  return s;
}

function benchHungarian(): void {
  const widths = [6, 7, 14, 11, 10, 8, 16];
  console.log(
    '\nHungarian (maximum assignment) vs row-greedy assignment, uniform scores in [-1, 1]',
  );
  console.log(
    row(
      ['n', 'batch', 'hungarian ms', 'greedy ms', 'ms/item', 'ratio', 'greedy/opt score'],
      widths,
    ),
  );
  const sizes: number[] = [];
  const perItem: number[] = [];
  for (const [n, batch] of [
    [10, 128],
    [100, 1],
    [200, 1],
    [500, 1],
  ] as const) {
    const scores = randomScores(batch * n * n, n);
    const opts = n >= 500 ? { rounds: 5, roundMs: 200 } : {};
    const hungarian = time(`hungarian ${n}`, () => hungarianArgmax(scores, n), opts);
    const greedy = time(
      `greedy ${n}`,
      () => {
        for (let b = 0; b < batch; b++)
          greedyAssignment(scores.subarray(b * n * n, (b + 1) * n * n), n);
      },
      opts,
    );
    const first = scores.subarray(0, n * n);
    const quality =
      score(first, greedyAssignment(first, n)) / score(first, hungarianArgmax(first, n));
    sizes.push(n);
    perItem.push(hungarian.ms / batch);
    console.log(
      row(
        [
          n,
          batch,
          hungarian.ms.toFixed(3),
          greedy.ms.toFixed(3),
          (hungarian.ms / batch).toFixed(4),
          (hungarian.ms / greedy.ms).toFixed(2),
          quality.toFixed(4),
        ],
        widths,
      ),
    );
  }
  console.log(
    `growth exponent of Hungarian time per item over n = ${sizes.join(', ')}: ${growthExponent(sizes, perItem).toFixed(2)} (O(n³) worst case)`,
  );
}

function benchSinkhorn(): void {
  const temperature = 0.1;
  const widths = [6, 7, 12, 12, 12, 12, 13, 10, 10];
  console.log(
    `\nSinkhorn (log space), uniform scores in [-1, 1], t = ${temperature}, tolerance 1e-9;`,
  );
  console.log(
    'baseline: scaling-domain Sinkhorn (no logs) for the same sweeps; backward = VJP from saved X',
  );
  console.log(
    row(
      [
        'n',
        'sweeps',
        'forward ms',
        'scaling ms',
        'log/scaling',
        'vjp ms',
        'backward ms',
        'vjp/fwd',
        'bwd/fwd',
      ],
      widths,
    ),
  );
  const sizes = [20, 50, 100, 200];
  const forwardPerSweep: number[] = [];
  const backwardMs: number[] = [];
  for (const n of sizes) {
    const scores = randomScores(n * n, 7 * n);
    const g = randomScores(n * n, 11 * n);
    const { marginals, iterations } = sinkhorn(scores, n, { temperature });
    const sweeps = iterations[0];
    const forward = time(`sinkhorn ${n}`, () => sinkhorn(scores, n, { temperature }));
    const scaling = time(`scaling ${n}`, () => scalingSinkhorn(scores, n, temperature, sweeps));
    const vjp = time(`vjp ${n}`, () => sinkhornVjp(scores, n, g, { temperature }));
    const backward = time(`backward ${n}`, () =>
      sinkhornVjpFromMarginals(marginals, n, g, { temperature }),
    );
    forwardPerSweep.push(forward.ms / sweeps);
    backwardMs.push(backward.ms);
    console.log(
      row(
        [
          n,
          sweeps,
          forward.ms.toFixed(3),
          scaling.ms.toFixed(3),
          (forward.ms / scaling.ms).toFixed(2),
          vjp.ms.toFixed(3),
          backward.ms.toFixed(3),
          (vjp.ms / forward.ms).toFixed(2),
          (backward.ms / forward.ms).toFixed(2),
        ],
        widths,
      ),
    );
  }
  console.log(
    `growth exponents over n = ${sizes.join(', ')}: forward per sweep ${growthExponent(sizes, forwardPerSweep).toFixed(2)} (O(n²)), backward ${growthExponent(sizes, backwardMs).toFixed(2)} (O(n³))`,
  );
}

export function benchPermutation(): void {
  benchHungarian();
  benchSinkhorn();
}
