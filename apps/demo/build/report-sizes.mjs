// Prints, per page of the built site (dist/), the bytes it loads up front (HTML, scripts, styles),
// the bytes its web worker loads on demand (worker scripts + the SIMD .wasm binary) and, for a
// model page with a model, what loading the model fetches right after (the dynamically imported
// chunks, onnxruntime-web's .wasm and the .onnx file), raw and gzip-compressed. Run after
// `vite build`: `pnpm --filter @sst-tricks/demo sizes`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const PAGES = [
  'index.html',
  'playground.html',
  'train.html',
  'curves.html',
  'models/nri.html',
  'models/listops.html',
  'models/l2x.html',
];

// The model pages and the chunk each one's registry entry imports on load (the pages share the
// registry, so every model page's script can reach all three; each loads only its own).
const MODEL_PAGES = new Map([
  ['models/nri.html', 'nri-demo-'],
  ['models/listops.html', 'listops-demo-'],
  ['models/l2x.html', 'l2x-demo-'],
]);

const read = (file) => readFileSync(join(dist, file));
const size = (files) =>
  [...files].reduce(
    (t, f) => {
      const bytes = read(f);
      return { raw: t.raw + bytes.length, gzip: t.gzip + gzipSync(bytes).length };
    },
    { raw: 0, gzip: 0 },
  );
const kB = (n) => `${(n / 1024).toFixed(0)} kB`;
const resolveFrom = (from, url) => relative(dist, normalize(join(dist, dirname(from), url)));

/**
 * A JS file and everything it imports statically; worker entry points are collected apart, and
 * so are dynamic imports when `dynamic` is given. With `withAssets`, the .wasm and .onnx files
 * a chunk fetches by `new URL(…, import.meta.url)` count as its imports.
 */
function follow(file, seen, workers, dynamic, withAssets = false) {
  if (seen.has(file)) return;
  seen.add(file);
  if (!file.endsWith('.js')) return;
  const text = read(file).toString('utf8');
  for (const m of text.matchAll(/(?:from|import)\s*["'`](\.\.?\/[^"'`]+\.js)["'`]/g))
    follow(resolveFrom(file, m[1]), seen, workers, dynamic, withAssets);
  if (dynamic !== undefined)
    for (const m of text.matchAll(/import\(\s*["'`](\.\.?\/[^"'`]+\.js)["'`]\s*\)/g))
      dynamic.add(resolveFrom(file, m[1]));
  if (withAssets)
    for (const m of text.matchAll(
      /new URL\(\s*["'`]([^"'`/]+\.(?:wasm|onnx))["'`]\s*,\s*import\.meta\.url/g,
    ))
      seen.add(resolveFrom(file, m[1]));
  for (const m of text.matchAll(/new URL\(["'`]([^"'`]*worker-[^"'`]+\.js)["'`]/g))
    workers.add(resolveFrom(file, m[1]));
}

const simdWasm = `assets/${readdirSync(join(dist, 'assets')).find((f) => /^tfjs-backend-wasm-simd-.*\.wasm$/.test(f))}`;
console.log(
  '| page | up front (raw / gzip) | on demand: worker + SIMD wasm (raw / gzip) | model: chunks + ort wasm + .onnx (raw / gzip) |',
);
console.log('|---|---|---|---|');
for (const page of PAGES) {
  const html = read(page).toString('utf8');
  const front = new Set([page]);
  const workers = new Set();
  const dynamic = new Set();
  for (const m of html.matchAll(/(?:src|href)="(\.\.?\/assets\/[^"]+)"/g))
    follow(resolveFrom(page, m[1]), front, workers, dynamic);
  let model = '—';
  if (MODEL_PAGES.has(page)) {
    const files = new Set();
    const own = MODEL_PAGES.get(page);
    for (const d of dynamic)
      if (!front.has(d) && d.startsWith(`assets/${own}`))
        follow(d, files, new Set(), undefined, true);
    for (const f of front) files.delete(f);
    const s = size(files);
    model = `${kB(s.raw)} / ${kB(s.gzip)}`;
  }
  let lazy = '—';
  if (workers.size > 0) {
    const files = new Set([simdWasm]);
    for (const w of workers) follow(w, files, new Set());
    const s = size(files);
    lazy = `${kB(s.raw)} / ${kB(s.gzip)}`;
  }
  const s = size(front);
  console.log(`| ${page} | ${kB(s.raw)} / ${kB(s.gzip)} | ${lazy} | ${model} |`);
}
