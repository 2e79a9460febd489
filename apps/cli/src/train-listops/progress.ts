// Progress of `sst train listops` on stderr: a renderProgress line at most every interval (the
// last validation accuracy beside it); rewritten in place on a terminal.
import { renderProgress, type TrainingEvent } from '@sst-tricks/training';

export function listOpsProgress(
  write: (text: string) => void,
  options: { tty: boolean; intervalMs: number; now: () => number; prefix: string },
): { onEvent(event: TrainingEvent): void; finish(): void } {
  let metrics: Record<string, number> | undefined;
  let last = Number.NEGATIVE_INFINITY;
  let open = false;
  const line = (text: string) => {
    if (options.tty) {
      write(`\r${options.prefix}${text}\x1b[K`);
      open = true;
    } else write(`${options.prefix}${text}\n`);
  };
  const finish = () => {
    if (open) write('\n');
    open = false;
  };
  return {
    onEvent(event) {
      if (event.type === 'eval') {
        metrics = { accuracy: event.metrics.accuracy };
        if (event.metrics.arcPrecision !== undefined)
          metrics.arcPrecision = event.metrics.arcPrecision;
        return;
      }
      if (event.type === 'checkpoint') return;
      if (event.type === 'step') {
        const t = options.now();
        if (t - last < options.intervalMs && event.step < event.totalSteps) return;
        last = t;
        line(renderProgress(event, { metrics }));
        return;
      }
      finish();
      line(renderProgress(event, { metrics }));
      finish();
    },
    finish,
  };
}
