// Progress of `sst train nri` on stderr: renderProgress lines, at most one per interval (≈ 2/s);
// on a terminal the line is rewritten in place (\r), elsewhere each is its own line.
import type { TrainingEvent } from '@sst-tricks/training';
import { renderProgress } from '@sst-tricks/training';

export interface TrainProgress {
  onEvent(event: TrainingEvent): void;
  /** Ends an in-place line (call before printing anything else on stderr). */
  finish(): void;
}

export interface TrainProgressOptions {
  tty: boolean;
  intervalMs: number;
  now: () => number;
  prefix: string;
  /** The validation metrics shown beside the bar (default: NRI's ELBO and precision). */
  shownMetrics?: (metrics: Record<string, number>) => Record<string, number>;
}

const nriMetrics = (m: Record<string, number>) => ({ elbo: m.elbo, precision: m.precision });

export function trainProgress(
  write: (text: string) => void,
  options: TrainProgressOptions,
): TrainProgress {
  const shown = options.shownMetrics ?? nriMetrics;
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
        metrics = shown(event.metrics);
        return;
      }
      if (event.type === 'checkpoint') return;
      // A new run (e.g. the next restart candidate) starts without the last one's metrics.
      if (event.type === 'start') metrics = undefined;
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
