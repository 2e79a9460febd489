// Minimal benchmark harness: repeats a function until enough wall time has passed and reports
// the median per-call time; fits growth exponents by least squares on log–log data.
import { performance } from 'node:perf_hooks';

export interface Timing {
  label: string;
  /** Median milliseconds per call. */
  ms: number;
  /** Calls measured. */
  calls: number;
}

/** Times `fn` after a warm-up, in rounds of at least `roundMs`, and returns the median round. */
export function time(label: string, fn: () => unknown, { rounds = 7, roundMs = 100 } = {}): Timing {
  const warmEnd = performance.now() + roundMs;
  let calls = 0;
  while (performance.now() < warmEnd || calls < 2) {
    fn();
    calls++;
  }
  // As many calls per round as fitted in the warm-up, so each round lasts about roundMs.
  const perRound = calls;
  const samples: number[] = [];
  let total = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) fn();
    samples.push((performance.now() - start) / perRound);
    total += perRound;
  }
  samples.sort((a, b) => a - b);
  return { label, ms: samples[Math.floor(samples.length / 2)] as number, calls: total };
}

/** Slope of log(time) against log(size): the empirical growth exponent. */
export function growthExponent(sizes: number[], ms: number[]): number {
  const xs = sizes.map(Math.log);
  const ys = ms.map(Math.log);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return num / den;
}

/** Seeded uniform scores: the same inputs on every run and machine. */
export { randomScores } from '../src/testing/random.js';

/** Prints one aligned table row. */
export function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padEnd(widths[i] ?? 12)).join(' ');
}
