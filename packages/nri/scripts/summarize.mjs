// The README's results table from `reproduce.sh`'s run directories: every run read at one step
// (its eval record there), mean ± sample std over seeds per latent, plus training throughput.
//
//   node packages/nri/scripts/summarize.mjs OUT_DIR STEP
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, stepArg] = process.argv.slice(2);
const step = Number(stepArg);
if (dir === undefined || !Number.isInteger(step) || step < 1) {
  process.stderr.write('usage: summarize.mjs OUT_DIR STEP\n');
  process.exit(2);
}

const LATENTS = [
  ['independent', 'independent edges'],
  ['top-k', '|V|−1 edges (top-k)'],
  ['spanning-tree', 'spanning tree'],
];

function readLog(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

function meanStd(values) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance =
    values.length > 1
      ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)
      : Number.NaN;
  return { mean, std: Math.sqrt(variance) };
}

const show = ({ mean, std }, digits, scale = 1) =>
  `${(mean * scale).toFixed(digits)} ± ${Number.isNaN(std) ? '–' : (std * scale).toFixed(digits)}`;

const rows = [];
for (const [latent, label] of LATENTS) {
  const runs = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.startsWith(`${latent}-seed`))
    .map((d) => d.name)
    .sort();
  const evals = [];
  const rates = [];
  const minutes = [];
  for (const run of runs) {
    const log = readLog(join(dir, run, 'metrics.jsonl'));
    const record = log.find((r) => r.kind === 'eval' && r.step === step);
    if (record === undefined) {
      process.stderr.write(`summarize: ${run} has no evaluation at step ${step}; skipped\n`);
      continue;
    }
    evals.push(record.metrics);
    // Throughput over the run's first `step` steps (training time only, evaluations excluded).
    const at = log.find((r) => r.kind === 'step' && r.step === step);
    if (at !== undefined) {
      rates.push(step / at.elapsed);
      minutes.push(at.elapsed / 60);
    }
  }
  if (evals.length === 0) continue;
  rows.push(
    `| ${label} | ${show(meanStd(evals.map((m) => m.elbo)), 0)} | ${show(meanStd(evals.map((m) => m.precision)), 1, 100)} | ${show(meanStd(evals.map((m) => m.recall)), 1, 100)} | ${evals.length} | ${show(meanStd(rates), 2)} | ${show(meanStd(minutes), 1)} |`,
  );
}
process.stdout.write(
  `| edge distribution (ours, step ${step}) | ELBO | edge prec. % | edge rec. % | seeds | steps/s | minutes |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
