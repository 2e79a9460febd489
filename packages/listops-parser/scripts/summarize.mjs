// The README table from a reproduce.sh output directory: per latent, mean ± sample std over the
// finished seeds of the test metrics (percent) and the training minutes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'runs/listops-results';
const latents = ['arborescence', 'spanning-tree', 'top-k', 'independent', 'lstm'];
const runs = new Map(latents.map((l) => [l, []]));
for (const name of readdirSync(dir)) {
  const match = /^(.+)-seed(\d+)$/.exec(name);
  if (match === null || !runs.has(match[1])) continue;
  try {
    runs.get(match[1]).push(JSON.parse(readFileSync(join(dir, name, 'test.json'), 'utf8')));
  } catch {
    // Not finished.
  }
}
const stat = (xs) => {
  if (xs.length === 0) return '-';
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return m.toFixed(1);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  return `${m.toFixed(1)} ± ${sd.toFixed(1)}`;
};
console.log(
  '| latent | seeds | accuracy % | arc precision % | arc recall % | exact parse % | minutes/run |',
);
console.log('|---|---|---|---|---|---|---|');
for (const [latent, rs] of runs) {
  const pct = (key) => rs.filter((r) => key in r.metrics).map((r) => 100 * r.metrics[key]);
  const arcs =
    latent === 'lstm'
      ? ['–', '–', '–']
      : ['arcPrecision', 'arcRecall', 'exactParse'].map((k) => stat(pct(k)));
  const minutes = stat(rs.map((r) => r.elapsedSeconds / 60));
  console.log(
    `| ${latent} | ${rs.length} | ${stat(pct('accuracy'))} | ${arcs.join(' | ')} | ${minutes} |`,
  );
}
