// The timing helpers every table of the bench shares: alternating rounds, medians.
export const ROUNDS = 7;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Mean milliseconds per call of `fn` over `repeats` calls. */
export async function time(fn: () => Promise<unknown> | unknown, repeats: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < repeats; i++) await fn();
  return (performance.now() - start) / repeats;
}
