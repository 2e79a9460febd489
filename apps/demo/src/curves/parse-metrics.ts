// Reads the metrics log that `sst train` writes (packages/training's metrics-log.ts, JSON Lines):
//   {"kind":"step","step":120,"elapsed":3.52,"loss":0.4312}
//   {"kind":"eval","step":200,"elapsed":6.1,"metrics":{"mse":0.12}}
// into one series per curve: the training loss, and each evaluation metric. Like the training
// package's own reader, a torn last line (a run killed mid-write) is skipped; anything else that
// is not a record is an error naming its line.
import type { Series } from '../shared/line-plot';

export interface MetricsCurves {
  /** The training loss per logged step, then one series per evaluation metric (name order). */
  series: Series[];
  steps: number;
  evaluations: number;
  /** True when the last line was torn and skipped. */
  tornLastLine: boolean;
}

export function parseMetricsLog(text: string): MetricsCurves {
  if (typeof text !== 'string') throw new TypeError(`metrics log must be text, got ${typeof text}`);
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const loss: Series = { name: 'loss', x: [], y: [] };
  const evals = new Map<string, { x: number[]; y: number[] }>();
  let steps = 0;
  let evaluations = 0;
  let tornLastLine = false;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      if (index === lines.length - 1 && index > 0) {
        tornLastLine = true;
        return;
      }
      throw new SyntaxError(`metrics log ${where} is not JSON: ${line.slice(0, 60)}`);
    }
    const r = record as { kind?: unknown; step?: unknown; loss?: unknown; metrics?: unknown };
    if (typeof r.step !== 'number' || !Number.isFinite(r.step))
      throw new RangeError(
        `metrics log ${where}: step must be a finite number, got ${JSON.stringify(r.step)}`,
      );
    if (r.kind === 'step') {
      if (typeof r.loss !== 'number')
        throw new RangeError(
          `metrics log ${where}: loss must be a number, got ${JSON.stringify(r.loss)}`,
        );
      (loss.x as number[]).push(r.step);
      (loss.y as number[]).push(r.loss);
      steps++;
    } else if (r.kind === 'eval') {
      if (typeof r.metrics !== 'object' || r.metrics === null)
        throw new RangeError(
          `metrics log ${where}: metrics must be an object, got ${JSON.stringify(r.metrics)}`,
        );
      for (const [name, value] of Object.entries(r.metrics)) {
        if (typeof value !== 'number') continue; // nested or textual metrics are not curves
        const s = evals.get(name) ?? { x: [], y: [] };
        s.x.push(r.step);
        s.y.push(value);
        evals.set(name, s);
      }
      evaluations++;
    } else {
      throw new RangeError(
        `metrics log ${where}: kind must be "step" or "eval", got ${JSON.stringify(r.kind)}`,
      );
    }
  });
  if (steps === 0 && evaluations === 0) throw new RangeError('metrics log holds no records');
  const series: Series[] = steps > 0 ? [loss] : [];
  for (const name of [...evals.keys()].sort())
    series.push({ name: `eval: ${name}`, ...(evals.get(name) as { x: number[]; y: number[] }) });
  return { series, steps, evaluations, tornLastLine };
}
