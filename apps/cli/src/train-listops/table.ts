// The metrics table `sst train listops` and `sst eval listops` print: one row per evaluation.
import { formatDuration } from '@sst-tricks/training';

export interface ListOpsRow {
  step: number;
  metrics: Record<string, number>;
  wallSeconds: number | null;
}

const COLUMNS = ['step', 'accuracy', 'arc prec.', 'arc rec.', 'exact parse', 'loss', 'wall time'];

function num(x: number | undefined): string {
  return x === undefined ? '-' : x.toFixed(4);
}

export function listOpsTable(rows: readonly ListOpsRow[]): string {
  const cells = rows.map((r) => [
    String(r.step),
    num(r.metrics.accuracy),
    num(r.metrics.arcPrecision),
    num(r.metrics.arcRecall),
    num(r.metrics.exactParse),
    num(r.metrics.loss),
    r.wallSeconds === null ? '-' : formatDuration(r.wallSeconds),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padStart(widths[i]))
      .join('  ')
      .trimEnd();
  return `${[line(COLUMNS), ...cells.map(line)].join('\n')}\n`;
}
