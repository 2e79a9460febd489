// Measures the playground's update rate: how many complete updates (solve + redraw + layout) run
// per second while the temperature sweeps, taking the median of short rounds.
export interface RateResult {
  updatesPerSecond: number;
  medianMs: number;
  updates: number;
}

export function measureUpdateRate(
  update: (round: number) => void,
  rounds = 5,
  perRound = 40,
): RateResult {
  const perUpdate: number[] = [];
  let count = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) update(count++);
    perUpdate.push((performance.now() - start) / perRound);
  }
  perUpdate.sort((a, b) => a - b);
  const medianMs = perUpdate[Math.floor(perUpdate.length / 2)];
  return { updatesPerSecond: 1000 / medianMs, medianMs, updates: count };
}
