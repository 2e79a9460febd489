// The README table from reproduce.sh's JSON lines (any number of files): per relaxation and k,
// mean ± sample std over the seeds of test MSE (×100) and subset precision (%), the seed count,
// and the range of minutes per run. Usage: node scripts/summarize.mjs results/*.jsonl
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node scripts/summarize.mjs FILE.jsonl…');
  process.exit(2);
}
const runs = files.flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line)),
);
// A run repeated (same relaxation, k, seed, steps) counts once: runs are deterministic by seed.
const seen = new Set();
const unique = runs.filter((r) => {
  const key = `${r.relaxation} ${r.k} ${r.seed} ${r.steps}`;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
});
const relaxations = [
  ['l2x', 'L2X'],
  ['softsub', 'SoftSub'],
  ['top-k', 'E.F. Ent. top-k'],
  ['correlated-top-k', 'Corr. top-k'],
];
const ks = [5, 10, 15];
const stat = (xs, digits) => {
  if (xs.length === 0) return '—';
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return m.toFixed(digits);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  return `${m.toFixed(digits)} ± ${sd.toFixed(digits)}`;
};
const header = ks.map((k) => `k=${k} MSE | k=${k} prec.`).join(' | ');
console.log(`| relaxation | ${header} | seeds | min/run |`);
console.log(`|---|${ks.map(() => '---|---|').join('')}---|---|`);
for (const [key, name] of relaxations) {
  const mine = unique.filter((r) => r.relaxation === key);
  const cells = ks.map((k) => {
    const at = mine.filter((r) => r.k === k);
    return `${stat(
      at.map((r) => 100 * r.mse),
      2,
    )} | ${stat(
      at.map((r) => 100 * r.precision),
      1,
    )}`;
  });
  const seeds = ks.map((k) => mine.filter((r) => r.k === k).length).join('/');
  const minutes = mine.map((r) => r.minutes);
  const range =
    minutes.length === 0
      ? '—'
      : `${Math.min(...minutes).toFixed(1)}–${Math.max(...minutes).toFixed(1)}`;
  console.log(`| ${name} | ${cells.join(' | ')} | ${seeds} | ${range} |`);
}
