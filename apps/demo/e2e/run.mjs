// Browser tests of the BUILT site (run `vite build` first; `pnpm test:browser` does both), in
// Debian's Chromium driven by playwright-core. Each test fails on any console error, uncaught
// page error or failed request; screenshots go to e2e-artifacts/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test as nodeTest } from 'node:test';
import {
  appRoot,
  artifacts,
  chromiumMissing,
  startDevServer,
  startSite,
  watchedPage,
} from './harness.mjs';
import { cliL2xSelections, cliListOpsParses, cliNriTrees } from './sst-cli.mjs';

// Without Chromium the tests are skipped with the reason, except in CI (.ci/run installs it),
// where a missing browser fails the run.
const skip =
  chromiumMissing() && process.env.CI !== 'true'
    ? `${chromiumMissing()} (skipped outside CI)`
    : false;
const test = (name, fn) => nodeTest(name, { skip }, fn);

let site;
let context;
before(async () => {
  if (skip) return;
  site = await startSite();
  context = await site.browser.newContext({ viewport: { width: 1100, height: 900 } });
});
after(async () => {
  await context?.close();
  await site?.close();
});

async function open(path, ctx = context) {
  const watched = await watchedPage(ctx);
  await watched.page.goto(site.base + path);
  return watched;
}

const values = (page, selector) =>
  page.$$eval(`${selector} [data-value]`, (els) => els.map((e) => Number(e.dataset.value)));

test('playground: the temperature slider (by keyboard) moves the relaxed sample, not the hard one', async () => {
  const { page, problems } = await open('playground.html');
  await page.waitForSelector('#relaxed [data-value]');
  const hard = await values(page, '#hard');
  const relaxed = await values(page, '#relaxed');
  assert.equal(relaxed.length, 45, 'a 10-node tree has 45 edges');
  assert.ok(Math.abs(relaxed.reduce((a, b) => a + b, 0) - 9) < 1e-3, 'Σ marginals = n − 1');
  await page.focus('#temperature');
  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
  const t = await page.textContent('#temperature-value');
  assert.match(t, /t = 1\.4/);
  const hard2 = await values(page, '#hard');
  const relaxed2 = await values(page, '#relaxed');
  assert.deepEqual(hard2, hard);
  const moved = Math.max(...relaxed2.map((v, i) => Math.abs(v - relaxed[i])));
  assert.ok(moved > 0.05, `relaxed marginals moved by ${moved}`);
  await page.screenshot({ path: join(artifacts, 'playground.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('playground: every structure draws one mark per logit, and resampling changes the hard sample', async () => {
  const { page, problems } = await open('playground.html');
  await page.waitForSelector('#relaxed [data-value]');
  const expected = {
    'one-hot': 6,
    'k-subset': 8,
    'correlated-k-subset': 19,
    'spanning-tree': 45,
    arborescence: 25,
    permutation: 25,
  };
  for (const [structure, count] of Object.entries(expected)) {
    await page.selectOption('#structure', structure);
    assert.equal((await values(page, '#relaxed')).length, count, structure);
    assert.equal(await page.locator('#logits input[type=range]').count(), count, structure);
    const before = await values(page, '#hard');
    let changed = false;
    for (let i = 0; i < 5 && !changed; i++) {
      await page.click('#resample');
      changed = (await values(page, '#hard')).some((v, j) => v !== before[j]);
    }
    assert.ok(changed, `resampling G changes the hard ${structure}`);
    await page.screenshot({ path: join(artifacts, `playground-${structure}.png`) });
  }
  assert.deepEqual(problems, []);
});

test('playground: at least 30 updates per second for a 10-node tree', async () => {
  const { page, problems } = await open('playground.html');
  await page.waitForSelector('#relaxed [data-value]');
  await page.click('#measure-rate');
  const rate = Number(await page.getAttribute('#rate', 'data-updates-per-second'));
  console.log(`# playground update rate: ${await page.textContent('#rate')}`);
  assert.ok(rate >= 30, `update rate ${rate}/s`);
  assert.deepEqual(problems, []);
});

test('gradient panel: exact diagnostics in a worker, SST variance below REINFORCE', async () => {
  const { page, problems } = await open('playground.html');
  await page.click('#run-gradients');
  await page.waitForSelector('#gradients[data-ready]', { timeout: 60_000 });
  const rows = await page.$$eval('#gradient-table tr', (trs) =>
    trs.slice(1).map((tr) => [...tr.children].map((c) => c.textContent)),
  );
  assert.equal(rows.length, 5);
  const variance = Object.fromEntries(rows.map((r) => [r[0], Number(r[1])]));
  assert.ok(variance.sst < variance.reinforce, JSON.stringify(variance));
  await page.screenshot({ path: join(artifacts, 'gradients.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('train in the page: the loss falls and the hidden tree is recovered', async () => {
  const { page, problems } = await open('train.html');
  await page.click('#start');
  await page.waitForFunction(() => document.body.dataset.trained !== undefined, null, {
    timeout: 90_000,
  });
  const first = Number(await page.getAttribute('#loss-plot', 'data-first'));
  const last = Number(await page.getAttribute('#loss-plot', 'data-last'));
  console.log(
    `# in-page training: ${await page.textContent('#train-status')} (first loss ${first.toFixed(3)})`,
  );
  assert.ok(last < 0.5 * first, `loss ${first} → ${last}`);
  assert.equal(await page.getAttribute('#tree', 'data-correct'), '6');
  await page.screenshot({ path: join(artifacts, 'train.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('curves: plots a metrics.jsonl written by `sst train`', async () => {
  const { page, problems } = await open('curves.html');
  await page.setInputFiles('#metrics-file', join(appRoot, 'e2e', 'fixtures', 'metrics.jsonl'));
  await page.waitForSelector('.curve');
  const curves = await page.$$eval('.curve', (els) =>
    els.map((e) => [e.dataset.name, Number(e.dataset.points)]),
  );
  assert.deepEqual(curves[0], ['loss', 60]);
  assert.deepEqual(curves.map((c) => c[0]).sort(), [
    'eval: elbo',
    'eval: kl',
    'eval: nll',
    'eval: precision',
    'eval: recall',
    'loss',
  ]);
  assert.ok(curves.slice(1).every((c) => c[1] === 3));
  assert.equal(await page.locator('.curve path.plot-line').count(), 6);
  await page.screenshot({ path: join(artifacts, 'curves.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('NRI page: the tree the page infers is the tree `sst infer` gives on the same model and trajectory', async () => {
  const model = join(appRoot, 'model-files', 'nri-spanning-tree.onnx');
  const seed = 3;
  // The oracle: the CLI on the same ONNX file (onnxruntime-node) and the same test trajectories
  // (`sst data nri`, written by the CLI), its own Kruskal.
  const expected = cliNriTrees(model, seed, 2);
  const { page, problems } = await open(`models/nri.html?seed=${seed}&sample=0`);
  const result = async (sample) => {
    await page.waitForSelector(`#nri-result[data-ready][data-sample="${sample}"]`, {
      timeout: 60_000,
    });
    return page.$eval('#nri-result', (e) => ({ ...e.dataset }));
  };
  const check = async (shown, cli, sample) => {
    const inferred = JSON.parse(shown.inferred);
    assert.deepEqual(inferred, cli.edges, `sample ${sample}: page tree against sst infer's`);
    const logits = JSON.parse(shown.logits);
    assert.equal(logits.length, 45);
    const gap = Math.max(...logits.map((v, e) => Math.abs(v - cli.scores[e])));
    assert.ok(
      gap < 1e-4,
      `sample ${sample}: onnxruntime-web against -node logits differ by ${gap}`,
    );
    // The precision shown is the share of inferred edges in the true tree (a tree on all 10 nodes).
    const truth = JSON.parse(shown.truth);
    assert.equal(truth.length, 9);
    assert.equal(new Set(truth.flat()).size, 10);
    const right = inferred.filter(([i, j]) => truth.some(([a, b]) => a === i && b === j)).length;
    assert.equal(Number(shown.precision), right / 9);
    assert.match(await page.textContent('#nri-result'), new RegExp(`${right} of 9 inferred edges`));
    console.log(
      `# NRI seed ${seed} sample ${sample}: ${right}/9 edges right, logits gap ${gap.toExponential(1)}`,
    );
  };
  await check(await result(0), expected[0], 0);
  assert.equal((await page.locator('#nri-tree line').count()) >= 9, true);
  // The trajectory animates: the canvas moves on to other frames.
  const frame = await page.getAttribute('canvas.trajectory', 'data-frame');
  await page.waitForFunction(
    (f) => document.querySelector('canvas.trajectory')?.dataset.frame !== f,
    frame,
  );
  await page.screenshot({ path: join(artifacts, 'model-nri.png'), fullPage: true });
  await page.click('#nri-next');
  await check(await result(1), expected[1], 1);
  assert.match(page.url(), /seed=3&sample=1/);
  // A bad seed is reported on the page, not thrown.
  await page.fill('#nri-seed', '-4');
  await page.click('#nri-run');
  await page.waitForSelector('#nri-result[data-error]');
  assert.match(await page.textContent('#nri-result'), /seed parameter .* got "-4"/);
  assert.deepEqual(problems, []);
});

test('dev server: the NRI page runs from the sources too (same tree as sst infer)', async () => {
  const model = join(appRoot, 'model-files', 'nri-spanning-tree.onnx');
  const [expected] = cliNriTrees(model, 8, 1);
  const dev = await startDevServer();
  const fresh = await site.browser.newContext();
  try {
    // A cold dev server bundles its dependencies on the first visit and reloads that page once
    // (Vite's optimizer, aborting the first load's requests): warm it up, then watch a new page.
    const warmUp = await fresh.newPage();
    await warmUp.goto(`${dev.base}models/nri.html?seed=8&sample=0`);
    await warmUp.waitForSelector('#nri-result[data-ready]', { timeout: 90_000 });
    await warmUp.close();
    const watched = await watchedPage(fresh);
    await watched.page.goto(`${dev.base}models/nri.html?seed=8&sample=0`);
    await watched.page.waitForSelector('#nri-result[data-ready]', { timeout: 90_000 });
    const inferred = await watched.page.getAttribute('#nri-result', 'data-inferred');
    assert.deepEqual(JSON.parse(inferred), expected.edges);
    assert.deepEqual(watched.problems, []);
  } finally {
    await fresh.close();
    await dev.close();
  }
});

test('L2X page: the words it selects are `sst infer`’s, the rating `sst explain`’s', async () => {
  const model = join(appRoot, 'model-files', 'l2x-aroma.onnx');
  const card = JSON.parse(readFileSync(join(appRoot, 'model-files', 'l2x-aroma.json'), 'utf8'));
  const second = 'the nose is not very inviting , but the taste is good . a bit watery';
  // The oracle: the CLI on the same ONNX file (onnxruntime-node, its solvers, its tokeniser),
  // each review at its own length as the page runs it.
  const expected = cliL2xSelections(model, [card.example.text, second]);
  const { page, problems } = await open('models/l2x.html');
  const shown = async () => {
    await page.waitForSelector('#l2x-result[data-ready]', { timeout: 60_000 });
    const d = await page.$eval('#l2x-result', (e) => ({ ...e.dataset }));
    return {
      ...d,
      tokens: JSON.parse(d.tokens),
      selected: JSON.parse(d.selected),
      words: JSON.parse(d.words),
    };
  };
  const first = await shown();
  assert.deepEqual(
    first.selected,
    expected[0].selected,
    'example: page selection against sst infer',
  );
  assert.deepEqual(first.words, expected[0].words);
  // The card's example was made by `sst explain` on the checkpoint (tfjs): same tokens, words
  // and rating.
  assert.deepEqual(first.tokens, card.example.tokens);
  assert.deepEqual(first.selected, card.example.selected);
  const gap = Math.abs(Number(first.rating) - card.example.rating);
  assert.ok(gap < 1e-4, `rating ${first.rating} against sst explain's ${card.example.rating}`);
  assert.equal(await page.locator('#l2x-words mark').count(), card.k);
  assert.match(await page.textContent('#l2x-result'), /Predicted aroma rating 0\.\d\d/);
  console.log(
    `# L2X example: ${first.words.join(' ')}; rating ${first.rating} (gap ${gap.toExponential(1)})`,
  );
  await page.screenshot({ path: join(artifacts, 'model-l2x.png'), fullPage: true });
  await page.fill('#l2x-review', second);
  await page.click('#l2x-run');
  await page.waitForFunction(
    (t) => document.querySelector('#l2x-result')?.dataset.tokens?.includes(t),
    'watery',
  );
  const next = await shown();
  assert.deepEqual(next.selected, expected[1].selected, 'second review against sst infer');
  assert.deepEqual(next.words, expected[1].words);
  // Nothing to explain: said on the page, not thrown.
  await page.fill('#l2x-review', '   ');
  await page.click('#l2x-run');
  await page.waitForSelector('#l2x-result[data-error]');
  assert.match(await page.textContent('#l2x-result'), /type or paste a review first/);
  assert.deepEqual(problems, []);
});

test('ListOps page: the parse the page shows is the one `sst infer` gives on the same model and expression', async () => {
  const model = join(appRoot, 'model-files', 'listops-arborescence.onnx');
  const expressions = ['[MAX 2 [MIN 3 4 ] 0 ]', '[SM 1 [MED 2 9 4 ] [MAX 5 [MIN 7 0 ] ] ]'];
  // The oracle: the CLI on the same ONNX file (onnxruntime-node) and its own Chu–Liu/Edmonds.
  const expected = cliListOpsParses(model, expressions);
  const { page, problems } = await open(
    `models/listops.html?expr=${encodeURIComponent(expressions[0])}`,
  );
  const check = async (i) => {
    await page.waitForFunction(
      (tokens) => {
        const e = document.querySelector('#listops-result');
        return e?.dataset.ready === 'true' && e.dataset.tokens === tokens;
      },
      JSON.stringify(expected[i].tokens),
      { timeout: 60_000 },
    );
    const shown = await page.$eval('#listops-result', (e) => ({ ...e.dataset }));
    assert.deepEqual(JSON.parse(shown.heads), expected[i].heads, `expression ${i}: heads`);
    const scores = JSON.parse(shown.scores);
    const cli = expected[i].scores.flat();
    assert.equal(scores.length, cli.length);
    const gap = Math.max(...scores.map((v, k) => Math.abs(v - cli[k])));
    assert.ok(gap < 1e-4, `expression ${i}: onnxruntime-web against -node scores differ by ${gap}`);
    const value = Number(shown.value);
    assert.ok(Number.isInteger(value) && value >= 0 && value <= 9);
    assert.match(await page.textContent('#listops-result'), new RegExp(`Predicted value ${value}`));
    const lines = (await page.textContent('#listops-tree')).trimEnd().split('\n');
    assert.equal(lines.length, expected[i].tokens.length, 'one tree line per token');
    console.log(
      `# ListOps page "${expressions[i]}": value ${value}, heads ${shown.heads}, gap ${gap.toExponential(1)}`,
    );
  };
  await check(0);
  await page.screenshot({ path: join(artifacts, 'model-listops.png'), fullPage: true });
  await page.fill('#listops-expression', expressions[1]);
  await page.click('#listops-run');
  await check(1);
  await page.fill('#listops-expression', '[MAX 2 x ]');
  await page.click('#listops-run');
  await page.waitForSelector('#listops-result[data-error]');
  assert.match(await page.textContent('#listops-result'), /token 3 must be one of .* got "x"/);
  assert.deepEqual(problems, []);
});

test('phone width: no page scrolls sideways at 360 px', async () => {
  const phone = await site.browser.newContext({ viewport: { width: 360, height: 740 } });
  for (const path of [
    'index.html',
    'playground.html',
    'train.html',
    'curves.html',
    'models/nri.html',
    'models/listops.html',
    'models/l2x.html',
  ]) {
    const { page, problems } = await open(path, phone);
    await page.waitForLoadState('load');
    // The NRI page's controls, canvas and tree appear once its model has loaded.
    if (path === 'models/nri.html')
      await page.waitForSelector('#nri-result[data-ready]', { timeout: 60_000 });
    if (path === 'models/listops.html')
      await page.waitForSelector('#listops-result[data-ready]', { timeout: 60_000 });
    if (path === 'models/l2x.html')
      await page.waitForSelector('#l2x-result[data-ready]', { timeout: 60_000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path} is ${width} px wide`);
    if (path === 'playground.html' || path === 'models/nri.html')
      await page.screenshot({
        path: join(artifacts, `${path.replace(/^models\/|\.html$/g, '')}-phone.png`),
        fullPage: true,
      });
    assert.deepEqual(problems, [], path);
  }
  await phone.close();
});

test('offline: once loaded, every page works without the network', async () => {
  const offline = await site.browser.newContext();
  const { page } = await open('index.html', offline);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await offline.setOffline(true);
  await page.goto(`${site.base}playground.html`);
  await page.waitForSelector('#relaxed [data-value]');
  await page.goto(`${site.base}train.html`);
  await page.click('#start');
  await page.waitForFunction(() => document.body.dataset.trained !== undefined, null, {
    timeout: 90_000,
  });
  // The L2X models come from the cache and run.
  await page.goto(`${site.base}models/l2x.html`);
  await page.waitForSelector('#l2x-result[data-ready]', { timeout: 60_000 });
  // The NRI model, onnxruntime-web's .wasm and the encoder run come from the cache.
  await page.goto(`${site.base}models/nri.html?seed=3`);
  await page.waitForSelector('#nri-result[data-ready]', { timeout: 60_000 });
  await offline.close();
});
