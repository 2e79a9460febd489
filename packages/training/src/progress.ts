// A one-line text rendering of a training event, for terminals. Pure: the app decides when to
// draw (e.g. at most 10 times a second, with '\r' to redraw in place) and where to write it.
import type { TrainingEvent } from './events.js';
import type { Metrics } from './model.js';

export interface RenderOptions {
  /** Characters inside the bar's brackets (default 24). */
  readonly width?: number;
  /** Metrics to show after the loss (e.g. the last evaluation's), in their key order. */
  readonly metrics?: Metrics;
  /** Significant digits for losses and metrics (default 4). */
  readonly digits?: number;
}

/** "1h02m", "4m05s", "12s"; "--" when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
}

function formatNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3))
    return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

function formatMetrics(metrics: Metrics, digits: number): string {
  return Object.entries(metrics)
    .map(([name, value]) => `${name} ${formatNumber(value, digits)}`)
    .join(' · ');
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** One line (no newline) describing `event`. */
export function renderProgress(event: TrainingEvent, options: RenderOptions = {}): string {
  const width = options.width ?? 24;
  const digits = options.digits ?? 4;
  if (!Number.isSafeInteger(width) || width < 1) {
    throw new RangeError(`renderProgress: options.width must be a positive integer, got ${width}`);
  }
  if (!Number.isSafeInteger(digits) || digits < 1 || digits > 21) {
    throw new RangeError(
      `renderProgress: options.digits must be an integer in [1, 21], got ${digits}`,
    );
  }
  const steps = `${event.step}/${event.totalSteps}`;
  switch (event.type) {
    case 'start':
      return event.resumedFrom === null
        ? `training: ${event.totalSteps} steps`
        : `resuming at step ${steps} from ${event.resumedFrom}`;
    case 'step': {
      const fraction = event.totalSteps > 0 ? event.step / event.totalSteps : 1;
      const parts = [
        `${bar(fraction, width)} ${steps} ${Math.floor(fraction * 100)}%`,
        `loss ${formatNumber(event.loss, digits)}`,
      ];
      if (options.metrics !== undefined && Object.keys(options.metrics).length > 0) {
        parts.push(formatMetrics(options.metrics, digits));
      }
      parts.push(`${event.stepsPerSecond.toFixed(event.stepsPerSecond < 10 ? 2 : 1)} steps/s`);
      parts.push(`ETA ${formatDuration(event.etaSeconds)}`);
      return parts.join(' · ');
    }
    case 'eval':
      return `eval @ ${steps}: ${formatMetrics(event.metrics, digits)} (${formatDuration(event.seconds)})`;
    case 'checkpoint':
      return `checkpoint @ ${steps}: ${event.path}`;
    case 'done': {
      const how = event.stopped ? 'stopped' : 'done';
      const loss = event.loss === null ? '' : ` · loss ${formatNumber(event.loss, digits)}`;
      const metrics = event.metrics === null ? '' : ` · ${formatMetrics(event.metrics, digits)}`;
      return `${how} at ${steps} in ${formatDuration(event.elapsedSeconds)}${loss}${metrics}`;
    }
    default:
      throw new TypeError(
        `renderProgress: unknown event type ${JSON.stringify((event as { type?: unknown }).type)}`,
      );
  }
}
