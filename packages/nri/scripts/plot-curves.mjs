// Draws evaluation curves (a metric against training wall-clock time) from `sst train nri`
// metrics logs as one dependency-free SVG, for the package README.
//
//   node scripts/plot-curves.mjs --metric precision --out docs/precision.svg \
//     "spanning tree=runs/tree/metrics.jsonl" "independent=runs/indep/metrics.jsonl" …
//
// x = the log's `elapsed` (training seconds, summed over resumed runs) in minutes; y = the
// metric of each `eval` record. Lines keep the order given; colours cycle through a fixed list.
import { readFileSync, writeFileSync } from 'node:fs';

const COLOURS = ['#1b6ac9', '#d1495b', '#2e933c', '#8f5bd1', '#e08e0b', '#444444'];
const W = 640;
const H = 360;
const M = { left: 64, right: 16, top: 28, bottom: 44 };

function fail(message) {
  process.stderr.write(`plot-curves: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = { metric: 'precision', out: '', title: '', series: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--metric' || arg === '--out' || arg === '--title') {
      const value = argv[++i];
      if (value === undefined) fail(`${arg} needs a value`);
      options[arg.slice(2)] = value;
    } else if (arg.includes('=')) {
      const at = arg.indexOf('=');
      options.series.push({ label: arg.slice(0, at), file: arg.slice(at + 1) });
    } else fail(`expected label=metrics.jsonl, got "${arg}"`);
  }
  if (options.out === '') fail('--out is required');
  if (options.series.length === 0) fail('give at least one label=metrics.jsonl');
  return options;
}

function readSeries({ label, file }, metric) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read ${file}: ${error.message}`);
  }
  const points = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line);
    if (record.kind !== 'eval') continue;
    const y = record.metrics?.[metric];
    if (typeof y !== 'number') fail(`${file}: an eval record has no metric "${metric}"`);
    points.push([record.elapsed / 60, y]);
  }
  if (points.length === 0) fail(`${file} has no eval records`);
  return { label, points };
}

/** About five round tick values covering [lo, hi]. */
function ticks(lo, hi) {
  const span = hi - lo || 1;
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(v);
  return out;
}

const fmt = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString());

function render({ metric, title }, series) {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = [0, Math.max(...xs)];
  let [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  if (metric === 'precision' || metric === 'recall') [y0, y1] = [0, 1];
  const pad = (y1 - y0) * 0.05 || 1;
  if (!(metric === 'precision' || metric === 'recall')) [y0, y1] = [y0 - pad, y1 + pad];
  const px = (x) => M.left + ((x - x0) / (x1 - x0 || 1)) * (W - M.left - M.right);
  const py = (y) => H - M.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${title || metric} against training wall-clock time</title>`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${title || metric}</text>`,
  ];
  for (const t of ticks(x0, x1)) {
    parts.push(
      `<line x1="${px(t)}" x2="${px(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/>`,
      `<text x="${px(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`,
    );
  }
  for (const t of ticks(y0, y1)) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/>`,
      `<text x="${M.left - 6}" y="${py(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
    );
  }
  parts.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">training wall-clock time (minutes)</text>`,
    `<text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${metric}</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#888"/>`,
  );
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const d = s.points.map(
      (p, j) => `${j === 0 ? 'M' : 'L'}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`,
    );
    parts.push(`<path d="${d.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    const ly = M.top + 16 + 16 * i;
    parts.push(
      `<line x1="${M.left + 10}" x2="${M.left + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${M.left + 36}" y="${ly}">${s.label}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

const options = parseArgs(process.argv.slice(2));
const series = options.series.map((s) => readSeries(s, options.metric));
writeFileSync(options.out, render(options, series));
process.stdout.write(`plot-curves: wrote ${options.out} (${series.length} curves)\n`);
