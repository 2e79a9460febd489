// Correlated k-subset (chain) relaxation benchmark: marginals and marginals + exact VJP, against
// the uncorrelated k-subset DP at the same (m, k) measured in the same run — the chain DP has two
// states per cell and pair terms, so the ratio shows what the correlation costs.
import {
  correlatedKSubsetArgmax,
  correlatedKSubsetMarginals,
  correlatedKSubsetMarginalsAndVjp,
} from '../src/correlated-k-subset/index.js';
import { kSubsetMarginals, kSubsetMarginalsAndVjp } from '../src/k-subset/index.js';
import { growthExponent, randomScores, row, time } from './harness.js';

const WIDTHS = [12, 6, 7, 9, 10, 10, 11, 8, 8, 9];

interface CaseResult {
  marg: number;
  both: number;
}

function benchCase(m: number, k: number, batch: number, temperature: number): CaseResult {
  const word = randomScores(m * batch, m + k, 2);
  const pair = randomScores((m - 1) * batch, 3 * m + k, 1);
  const gWord = randomScores(m * batch, 7 * m + k, 1);
  const gPair = randomScores((m - 1) * batch, 11 * m + k, 1);
  const options = { temperature };
  const opts = { rounds: m * k >= 1e5 ? 5 : 7, roundMs: 100 };
  const marg = time('marginals', () => correlatedKSubsetMarginals(word, pair, m, k, options), opts);
  const both = time(
    'marginals+vjp',
    () => correlatedKSubsetMarginalsAndVjp(word, pair, m, k, gWord, gPair, options),
    opts,
  );
  const hard = time('argmax', () => correlatedKSubsetArgmax(word, pair, m, k), opts);
  const plainMarg = time('k-subset marginals', () => kSubsetMarginals(word, m, k, options), opts);
  const plainBoth = time(
    'k-subset marginals+vjp',
    () => kSubsetMarginalsAndVjp(word, m, k, gWord, options),
    opts,
  );
  console.log(
    row(
      [
        `(${m}, ${k})`,
        batch,
        temperature,
        hard.ms.toFixed(4),
        marg.ms.toFixed(4),
        both.ms.toFixed(4),
        `${plainMarg.ms.toFixed(4)}/${plainBoth.ms.toFixed(4)}`,
        `${(marg.ms / plainMarg.ms).toFixed(2)}×`,
        `${(both.ms / plainBoth.ms).toFixed(2)}×`,
        `${((both.ms * 1e6) / (batch * m * k)).toFixed(1)}`,
      ],
      WIDTHS,
    ),
  );
  return { marg: marg.ms, both: both.ms };
}

export function benchCorrelatedKSubset(): void {
  console.log(
    '\ncorrelated k-subset E.F.-entropy relaxation ' +
      '(ms per batch; baseline = uncorrelated k-subset DP)',
  );
  console.log(
    row(
      [
        '(m, k)',
        'batch',
        't',
        'argmax',
        'marg',
        'marg+vjp',
        'k-sub m/m+v',
        'marg ×',
        'vjp ×',
        'ns/cell',
      ],
      WIDTHS,
    ),
  );
  console.log(
    '  marg+vjp = correlatedKSubsetMarginalsAndVjp (exact, dual numbers); k-sub m/m+v = ' +
      'kSubsetMarginals / kSubsetMarginalsAndVjp on the word scores; ×: ratio to them; ' +
      'ns/cell = marg+vjp per (item · m · k)',
  );
  benchCase(350, 10, 1, 1);
  benchCase(350, 10, 32, 1);
  // t = 0.05 spreads the scaled scores past the plain-float64 bound: the split-exponent DP.
  benchCase(350, 10, 32, 0.05);
  const scaling: [number, number][] = [
    [100, 5],
    [350, 10],
    [1000, 20],
    [3000, 50],
  ];
  const sizes: number[] = [];
  const margMs: number[] = [];
  const bothMs: number[] = [];
  for (const [m, k] of scaling) {
    const r = benchCase(m, k, 1, 1);
    sizes.push(m * k);
    margMs.push(r.marg);
    bothMs.push(r.both);
  }
  console.log(
    `growth exponent of time vs m·k over ${scaling.length} sizes (batch 1, t = 1): ` +
      `marginals ${growthExponent(sizes, margMs).toFixed(2)}, ` +
      `marginals+vjp ${growthExponent(sizes, bothMs).toFixed(2)}`,
  );
}
