// The metrics table `sst train nri` and `sst eval nri` print on stdout: one row per evaluation.
import { formatDuration } from '@sst-tricks/training';

export interface MetricsRow {
  step: number;
  metrics: Record<string, number>;
  /** Steps per second over the interval the row closes (or the whole run). */
  stepsPerSecond: number | null;
  /** Training wall time at this row, in seconds. */
  wallSeconds: number | null;
}

const COLUMNS = ['step', 'ELBO', 'NLL', 'KL', 'precision', 'recall', 'steps/s', 'wall time'];

function num(x: number | undefined, digits = 6): string {
  if (x === undefined) return '-';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(digits)));
}

export function metricsTable(rows: readonly MetricsRow[]): string {
  const cells = rows.map((r) => [
    String(r.step),
    num(r.metrics.elbo),
    num(r.metrics.nll),
    num(r.metrics.kl),
    num(r.metrics.precision),
    num(r.metrics.recall),
    r.stepsPerSecond === null ? '-' : r.stepsPerSecond.toFixed(2),
    r.wallSeconds === null ? '-' : formatDuration(r.wallSeconds),
  ]);
  return alignedTable(COLUMNS, cells);
}

/** Right-aligned columns, two spaces apart, header first; one line per row. */
export function alignedTable(header: readonly string[], cells: readonly string[][]): string {
  const widths = header.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padStart(widths[i]))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...cells.map(line)].join('\n')}\n`;
}

/** Rows from the metrics log's evaluation records; steps/s over each interval. */
export function rowsFromLog(
  records: readonly {
    kind: string;
    step: number;
    elapsed: number;
    metrics?: Record<string, number>;
  }[],
): MetricsRow[] {
  const rows: MetricsRow[] = [];
  let previous = { step: 0, elapsed: 0 };
  for (const record of records) {
    if (record.kind !== 'eval' || record.metrics === undefined) continue;
    const dt = record.elapsed - previous.elapsed;
    rows.push({
      step: record.step,
      metrics: record.metrics,
      stepsPerSecond: dt > 0 ? (record.step - previous.step) / dt : null,
      wallSeconds: record.elapsed,
    });
    previous = { step: record.step, elapsed: record.elapsed };
  }
  return rows;
}

/** The run's last line: its final held-out edge precision (what the README's main job ends with). */
export function finalLine(rows: readonly MetricsRow[], latent: string): string {
  const last = rows.at(-1);
  if (last === undefined) return '';
  const m = last.metrics;
  const time = last.wallSeconds === null ? '' : `, ${formatDuration(last.wallSeconds)} of training`;
  return `${latent}: held-out edge precision ${num(m.precision, 4)}, recall ${num(m.recall, 4)}, ELBO ${num(m.elbo, 6)} at step ${last.step}${time}\n`;
}
