// The metrics table `sst train listops` and `sst eval listops` print: one row per evaluation.
import { formatDuration } from '@sst-tricks/training';
import { alignedTable } from '../train-nri/table.js';

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
  return alignedTable(COLUMNS, cells);
}
