// The README's results table from `reproduce.sh`'s run directories (`<latent>-…`): every run read
// at one step (its eval record there), mean ± sample std over runs per latent, plus throughput and
// training minutes. A run with restarts (`restarts.json`) also counts the time of the candidates
// it did not keep.
//
//   node packages/nri/scripts/summarize.mjs OUT_DIR STEP
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, stepArg] = process.argv.slice(2);
const step = Number(stepArg);
if (dir === undefined || !Number.isInteger(step) || step < 1) {
  process.stderr.write('usage: summarize.mjs OUT_DIR STEP\n');
  process.exit(2);
}

const LATENTS = [
  ['independent', 'independent edges'],
  ['top-k', 'top-(n−1) edges'],
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
    .filter((d) => d.isDirectory() && d.name.startsWith(`${latent}-`))
    .map((d) => d.name)
    .sort();
  const evals = [];
  const names = [];
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
    names.push(run.slice(latent.length + 1));
    // Throughput over the run's first `step` steps (training time only, evaluations excluded).
    const at = log.find((r) => r.kind === 'step' && r.step === step);
    if (at !== undefined) {
      let discarded = 0;
      const selection = join(dir, run, 'restarts.json');
      if (existsSync(selection)) {
        const { candidates, chosen } = JSON.parse(readFileSync(selection, 'utf8'));
        candidates.forEach((c, i) => {
          if (c.seed === chosen) return;
          const last = readLog(join(dir, run, `restart-${i}`, 'metrics.jsonl')).at(-1);
          discarded += last?.elapsed ?? 0;
        });
      }
      rates.push(step / at.elapsed);
      minutes.push((at.elapsed + discarded) / 60);
    }
  }
  if (evals.length === 0) continue;
  rows.push(
    `| ${label} | ${show(meanStd(evals.map((m) => m.elbo)), 0)} | ${show(meanStd(evals.map((m) => m.precision)), 1, 100)} | ${show(meanStd(evals.map((m) => m.recall)), 1, 100)} | ${evals.map((m, i) => `${names[i]}: ${(100 * m.precision).toFixed(1)}`).join(', ')} | ${show(meanStd(rates), 2)} | ${show(meanStd(minutes), 1)} |`,
  );
}
process.stdout.write(
  `| edge distribution (ours, step ${step}) | ELBO | edge prec. % | edge rec. % | precision % per run | steps/s | minutes |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
