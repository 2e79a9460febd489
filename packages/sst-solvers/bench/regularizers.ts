// Regularised relaxations benchmark: k-subset Euclidean / categorical-entropy / binary-entropy
// against the E.F.-entropy DP (kSubsetMarginals) measured in the same run, a plain sort of the
// scores for scale, and sparsemax against softmax. "fwd+vjp" times a forward call followed by
// a VJP call, as a training step makes them (each VJP re-solves the forward problem).
import { kSubsetMarginals, kSubsetVjp } from '../src/k-subset/index.js';
import { oneHotMarginals, oneHotVjp } from '../src/one-hot.js';
import type { KSubsetRegularizer } from '../src/regularizers/index.js';
import {
  binaryMarginals,
  binaryVjp,
  K_SUBSET_REGULARIZERS,
  kSubsetRegularized,
  kSubsetRegularizedVjp,
  sparsemax,
  sparsemaxVjp,
} from '../src/regularizers/index.js';
import { randomScores, row, time } from './harness.js';

const WIDTHS = [12, 6, 20, 10, 10, 9, 9, 10];

/** Largest |Σx − k| over the batch items, relative to k: the accuracy of the threshold. */
function sumError(x: Float64Array, m: number, k: number): number {
  let worst = 0;
  for (let off = 0; off < x.length; off += m) {
    let s = 0;
    for (let i = off; i < off + m; i++) s += x[i];
    worst = Math.max(worst, Math.abs(s - k) / k);
  }
  return worst;
}

function kSubsetCase(m: number, k: number, batch: number): void {
  const scores = randomScores(m * batch, 3 * m + k, 2);
  const g = randomScores(m * batch, 5 * m + k, 1);
  const options = { temperature: 0.5 };
  const opts = { rounds: 5, roundMs: 100 };
  const work = new Float64Array(m);
  const sortMs = time(
    'sort',
    () => {
      for (let off = 0; off < scores.length; off += m) {
        for (let i = 0; i < m; i++) work[i] = scores[off + i];
        work.sort();
      }
    },
    opts,
  ).ms;
  const dpFwd = time('dp', () => kSubsetMarginals(scores, m, k, options), opts).ms;
  const dpBoth = time(
    'dp+vjp',
    () => {
      kSubsetMarginals(scores, m, k, options);
      kSubsetVjp(scores, m, k, g, options);
    },
    opts,
  ).ms;
  const label = `(${m}, ${k})`;
  console.log(
    row(
      [label, batch, 'E.F. entropy (DP)', dpFwd.toFixed(4), dpBoth.toFixed(4), '1.00', '1.00', '—'],
      WIDTHS,
    ),
  );
  for (const regularizer of K_SUBSET_REGULARIZERS as readonly KSubsetRegularizer[]) {
    const fwd = time(
      regularizer,
      () => kSubsetRegularized(scores, m, k, regularizer, options),
      opts,
    ).ms;
    const both = time(
      `${regularizer}+vjp`,
      () => {
        kSubsetRegularized(scores, m, k, regularizer, options);
        kSubsetRegularizedVjp(scores, m, k, regularizer, g, options);
      },
      opts,
    ).ms;
    const error = sumError(kSubsetRegularized(scores, m, k, regularizer, options), m, k);
    console.log(
      row(
        [
          label,
          batch,
          regularizer,
          fwd.toFixed(4),
          both.toFixed(4),
          (fwd / dpFwd).toFixed(3),
          (both / dpBoth).toFixed(3),
          error.toExponential(1),
        ],
        WIDTHS,
      ),
    );
  }
  console.log(
    row(
      [label, batch, 'plain sort (scale)', sortMs.toFixed(4), '', (sortMs / dpFwd).toFixed(3)],
      WIDTHS,
    ),
  );
}

function oneHotCase(m: number, batch: number): void {
  const scores = randomScores(m * batch, 11 * m, 2);
  const g = randomScores(m * batch, 13 * m, 1);
  const opts = { rounds: 5, roundMs: 100 };
  const softFwd = time('softmax', () => oneHotMarginals(scores, m), opts).ms;
  const softBoth = time(
    'softmax+vjp',
    () => {
      oneHotMarginals(scores, m);
      oneHotVjp(scores, m, g);
    },
    opts,
  ).ms;
  const spFwd = time('sparsemax', () => sparsemax(scores, m), opts).ms;
  const spBoth = time(
    'sparsemax+vjp',
    () => {
      sparsemax(scores, m);
      sparsemaxVjp(scores, m, g);
    },
    opts,
  ).ms;
  const binFwd = time('sigmoid', () => binaryMarginals(scores, m), opts).ms;
  const binBoth = time(
    'sigmoid+vjp',
    () => {
      binaryMarginals(scores, m);
      binaryVjp(scores, m, g);
    },
    opts,
  ).ms;
  const label = `m = ${m}`;
  console.log(
    row([label, batch, 'softmax', softFwd.toFixed(4), softBoth.toFixed(4), '1.00', '1.00'], WIDTHS),
  );
  console.log(
    row(
      [
        label,
        batch,
        'sparsemax',
        spFwd.toFixed(4),
        spBoth.toFixed(4),
        (spFwd / softFwd).toFixed(3),
        (spBoth / softBoth).toFixed(3),
      ],
      WIDTHS,
    ),
  );
  console.log(
    row(
      [
        label,
        batch,
        'binary (sigmoid)',
        binFwd.toFixed(4),
        binBoth.toFixed(4),
        (binFwd / softFwd).toFixed(3),
        (binBoth / softBoth).toFixed(3),
      ],
      WIDTHS,
    ),
  );
}

export function benchRegularizers(): void {
  console.log('\nregularised k-subset relaxations (ms per batch, t = 0.5; ratios vs the E.F. DP)');
  console.log(
    row(
      ['(m, k)', 'batch', 'relaxation', 'fwd', 'fwd+vjp', 'fwd/DP', 'both/DP', '|Σx−k|/k'],
      WIDTHS,
    ),
  );
  kSubsetCase(45, 9, 128);
  kSubsetCase(1000, 50, 1);
  kSubsetCase(10000, 100, 1);
  console.log(
    '\none-hot: sparsemax vs softmax, plus independent binary on the same buffer (ms per batch)',
  );
  console.log(row(['m', 'batch', 'relaxation', 'fwd', 'fwd+vjp', 'fwd/soft', 'both/soft'], WIDTHS));
  oneHotCase(10, 128);
  oneHotCase(10000, 1);
}
