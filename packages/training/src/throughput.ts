// Steps per second over a sliding window of recent steps, for the progress events' rate and ETA.
// A window (rather than the whole run's average) follows speed changes, and it spans evaluation
// and checkpoint pauses too, so the ETA includes their amortised cost.

export class ThroughputMeter {
  private readonly times: number[] = [];

  /** @param window how many recent step completions the rate is measured over. */
  constructor(
    startMs: number,
    private readonly window = 50,
  ) {
    this.times.push(startMs);
  }

  /** Records a step completed at `nowMs` and returns the current steps per second. */
  record(nowMs: number): number {
    this.times.push(nowMs);
    if (this.times.length > this.window + 1) this.times.shift();
    const span = (nowMs - this.times[0]) / 1000;
    return span > 0 ? (this.times.length - 1) / span : 0;
  }
}
