// The timing helpers every table of the bench shares: alternating rounds, medians.
export const ROUNDS = 7;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Mean milliseconds per call of `fn` over `repeats` calls. */
export async function time(fn: () => Promise<unknown> | unknown, repeats: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < repeats; i++) await fn();
  return (performance.now() - start) / repeats;
}

/**
 * Times `runners` (the first is the baseline) in ROUNDS alternating rounds of `repeats` calls
 * each, after one warm-up call each, and returns one table cell per runner: the median time,
 * the throughput of `batch` `items` and the ratio to the baseline.
 */
export async function alternatingCells(
  runners: Readonly<Record<string, () => Promise<unknown> | unknown>>,
  batch: number,
  repeats: number,
  items = 'items',
): Promise<string[]> {
  for (const run of Object.values(runners)) await run();
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(runners).map((k) => [k, []]),
  );
  for (let r = 0; r < ROUNDS; r++)
    for (const [name, run] of Object.entries(runners)) times[name].push(await time(run, repeats));
  const base = median(Object.values(times)[0]);
  return Object.values(times).map((ts) => {
    const ms = median(ts);
    return `${ms.toFixed(2)} ms (${((batch * 1000) / ms).toFixed(0)} ${items}/s, ×${(base / ms).toFixed(2)})`;
  });
}
