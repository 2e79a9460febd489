// k-subset (and one-hot) relaxation benchmark: our marginals and exact VJP against the reference
// implementation's approach, measured in the same run — a textbook log-space forward/backward DP
// (one logaddexp per cell, −∞ as LOG_ZERO) whose VJP is a central finite difference, i.e. two
// more marginal passes at a ± εg.
import { kSubsetMarginals, kSubsetMarginalsAndVjp } from '../src/k-subset/index.js';
import { oneHotMarginals, oneHotVjp } from '../src/one-hot.js';
import { maxRelativeError } from '../src/testing/finite-difference.js';
import { LOG_ZERO, logAddExp } from '../src/validate.js';
import { growthExponent, randomScores, row, time } from './harness.js';

/** The reference marginals: log-space DP over items with counts, μ from forward × backward. */
function logSpaceMarginals(a: Float64Array, m: number, k: number): Float64Array {
  const w = k + 1;
  const batch = a.length / m;
  const fwd = new Float64Array((m + 1) * w);
  const bwd = new Float64Array((m + 2) * w);
  const mu = new Float64Array(a.length);
  for (let b = 0; b < batch; b++) {
    const off = b * m;
    // fwd row i = log e_j(exp a_0..a_{i−1}); bwd row i = log e_j(exp a_{i−1}..a_{m−1}).
    fwd.fill(LOG_ZERO);
    bwd.fill(LOG_ZERO);
    fwd[0] = 0;
    bwd[(m + 1) * w] = 0;
    for (let i = 1; i <= m; i++) {
      fwd[i * w] = 0;
      for (let j = 1; j <= k; j++) {
        fwd[i * w + j] = logAddExp(fwd[(i - 1) * w + j], fwd[(i - 1) * w + j - 1] + a[off + i - 1]);
      }
    }
    for (let i = m; i >= 1; i--) {
      bwd[i * w] = 0;
      for (let j = 1; j <= k; j++) {
        bwd[i * w + j] = logAddExp(bwd[(i + 1) * w + j], bwd[(i + 1) * w + j - 1] + a[off + i - 1]);
      }
    }
    const logZ = fwd[m * w + k];
    for (let i = 1; i <= m; i++) {
      let s = LOG_ZERO;
      for (let j = 0; j < k; j++)
        s = logAddExp(s, fwd[(i - 1) * w + j] + bwd[(i + 1) * w + k - 1 - j]);
      mu[off + i - 1] = Math.exp(a[off + i - 1] + s - logZ);
    }
  }
  return mu;
}

/** Central-difference VJP (the Jacobian is symmetric): (μ(a + εg) − μ(a − εg)) / 2ε. */
function finiteDifferenceJvp(
  marginals: (a: Float64Array) => Float64Array,
  a: Float64Array,
  g: Float64Array,
  eps = 1e-5,
): Float64Array {
  const plus = new Float64Array(a.length);
  const minus = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    plus[i] = a[i] + eps * g[i];
    minus[i] = a[i] - eps * g[i];
  }
  const up = marginals(plus);
  const down = marginals(minus);
  for (let i = 0; i < a.length; i++) up[i] = (up[i] - down[i]) / (2 * eps);
  return up;
}

const WIDTHS = [14, 6, 10, 10, 12, 8, 12, 8, 10];

function benchCase(m: number, k: number, batch: number, print: boolean) {
  const scores = randomScores(m * batch, m + k, 2);
  const g = randomScores(m * batch, 7 * m + k, 1);
  const opts = { rounds: m * k >= 1e5 ? 5 : 7, roundMs: 100 };
  const marg = time('marginals', () => kSubsetMarginals(scores, m, k), opts).ms;
  const both = time('marginals+vjp', () => kSubsetMarginalsAndVjp(scores, m, k, g), opts).ms;
  const reference = time(
    'log-space DP + FD',
    () => {
      logSpaceMarginals(scores, m, k);
      finiteDifferenceJvp((a) => logSpaceMarginals(a, m, k), scores, g);
    },
    opts,
  ).ms;
  const fdOurs = time(
    'our DP + FD',
    () => {
      kSubsetMarginals(scores, m, k);
      finiteDifferenceJvp((a) => kSubsetMarginals(a, m, k).marginals, scores, g);
    },
    opts,
  ).ms;
  const exact = kSubsetMarginalsAndVjp(scores, m, k, g).vjp;
  const fdError = maxRelativeError(
    finiteDifferenceJvp((a) => logSpaceMarginals(a, m, k), scores, g),
    exact,
  );
  if (print) {
    console.log(
      row(
        [
          `(${m}, ${k})`,
          batch,
          marg.toFixed(3),
          both.toFixed(3),
          reference.toFixed(3),
          `${(reference / both).toFixed(1)}×`,
          fdOurs.toFixed(3),
          `${(fdOurs / both).toFixed(1)}×`,
          fdError.toExponential(1),
        ],
        WIDTHS,
      ),
    );
  }
  return { marg, both };
}

export function benchKSubset(): void {
  console.log(
    '\nk-subset E.F.-entropy relaxation (ms per batch; baseline = log-space DP + FD VJP)',
  );
  console.log(
    row(
      ['(m, k)', 'batch', 'marg', 'marg+vjp', 'baseline', 'base/us', 'ourDP+FD', 'ratio', 'FD err'],
      WIDTHS,
    ),
  );
  console.log(
    '  marg+vjp = kSubsetMarginalsAndVjp (exact); base/us = baseline ÷ marg+vjp; ourDP+FD = the FD' +
      ' VJP on our marginals; FD err = max relative gap of the FD VJP to the exact one',
  );
  benchCase(45, 9, 128, true);
  const scaling: [number, number][] = [
    [100, 10],
    [300, 20],
    [1000, 50],
    [2000, 100],
    [5000, 100],
    [10000, 100],
  ];
  const sizes: number[] = [];
  const margMs: number[] = [];
  const bothMs: number[] = [];
  for (const [m, k] of scaling) {
    const r = benchCase(m, k, 1, true);
    sizes.push(m * k);
    margMs.push(r.marg);
    bothMs.push(r.both);
  }
  console.log(
    `growth exponent of time vs m·k over ${scaling.length} sizes (batch 1): ` +
      `marginals ${growthExponent(sizes, margMs).toFixed(2)}, ` +
      `marginals+vjp ${growthExponent(sizes, bothMs).toFixed(2)}`,
  );
  benchOneHot();
}

/** One-hot (softmax) line for completeness: m = 10, batch 128. */
function benchOneHot(): void {
  const m = 10;
  const batch = 128;
  const scores = randomScores(m * batch, 3, 2);
  const g = randomScores(m * batch, 4, 1);
  const marg = time('softmax', () => oneHotMarginals(scores, m)).ms;
  const both = time('softmax+vjp', () => {
    oneHotMarginals(scores, m);
    oneHotVjp(scores, m, g);
  }).ms;
  const softmax = (a: Float64Array) => oneHotMarginals(a, m).marginals;
  const reference = time('softmax+FD', () => {
    softmax(scores);
    finiteDifferenceJvp(softmax, scores, g);
  }).ms;
  console.log(
    `one-hot (m = ${m}, batch ${batch}): marginals ${marg.toFixed(4)} ms, marginals+vjp ` +
      `${both.toFixed(4)} ms, FD baseline ${reference.toFixed(4)} ms ` +
      `(${(reference / both).toFixed(1)}×)`,
  );
}
