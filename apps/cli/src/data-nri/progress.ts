// Progress lines for long generation runs: at most one per interval, with count, rate and ETA.

export interface ProgressReporter {
  /** Reports `done` of `total`; prints only if the interval has passed since the last line. */
  update(done: number, total: number): void;
}

/** Seconds as "42 s", "3 min 05 s" or "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export function progressReporter(
  print: (line: string) => void,
  now: () => number,
  intervalMs: number,
): ProgressReporter {
  const started = now();
  let last = started;
  return {
    update(done, total) {
      const t = now();
      if (t - last < intervalMs || done >= total) return;
      last = t;
      const seconds = (t - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const eta = rate > 0 ? formatDuration((total - done) / rate) : '?';
      const percent = ((100 * done) / total).toFixed(0);
      print(`${done}/${total} samples (${percent}%), ${rate.toFixed(0)} samples/s, ETA ${eta}`);
    },
  };
}
