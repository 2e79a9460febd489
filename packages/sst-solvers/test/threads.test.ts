// The `threads` option: the batch split over Node worker threads gives the one-thread results bit
// for bit, and the same errors. Worker threads run the built worker script, so this file builds
// the package into a temporary directory once and imports it from there; unbuilt (from src) the
// option falls back to one thread, also checked.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arborescenceMarginalsAndVjp as srcArborescence } from '../src/arborescence/marginals.js';
import { denseKernelKind } from '../src/linalg/dense.js';
import { spanningTreeMarginalsAndVjp as srcTree } from '../src/spanning-tree/marginals.js';
import { randomScores } from '../src/testing/random.js';
import { solverWorkerCount as srcWorkerCount } from '../src/threads/pool.js';
import { edgeCount } from '../src/validate.js';

type Built = typeof import('../src/index.js');
let built: Built;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sst-solvers-threads-'));
  execFileSync('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json', '--outDir', dir]);
  built = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Built;
  built.setDenseKernels(denseKernelKind()); // this project's kernels, passed on to the workers
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectSame(a: Float64Array | undefined, b: Float64Array | undefined): void {
  expect(a).toBeDefined();
  expect(Array.from(a as Float64Array)).toEqual(Array.from(b as Float64Array));
}

describe('threads', () => {
  it.each([
    ['multi', 2],
    ['single', 3],
    ['multi', 16],
  ] as const)(
    'arborescences (%s root, %i threads) equal one thread bit for bit, padded lengths',
    (rootMode, threads) => {
      const n = 7;
      const batch = 9;
      const scores = randomScores(batch * n * n, 11, 3);
      const g = randomScores(batch * n * n, 12);
      const lengths = Array.from({ length: batch }, (_, b) => 2 + (b % (n - 1)));
      const options = { temperature: 0.5, rootMode, lengths };
      const one = built.arborescenceMarginalsAndVjp(scores, n, g, options);
      const many = built.arborescenceMarginalsAndVjp(scores, n, g, { ...options, threads });
      expect(built.solverWorkerCount()).toBeGreaterThanOrEqual(Math.min(threads, batch) - 1);
      expectSame(many.marginals, one.marginals);
      expectSame(many.logZ, one.logZ);
      expectSame(many.vjp, one.vjp);
      expectSame(
        built.arborescenceVjp(scores, n, g, { ...options, threads }),
        built.arborescenceVjp(scores, n, g, options),
      );
      expectSame(
        built.arborescenceMarginals(scores, n, { ...options, threads }).marginals,
        one.marginals,
      );
    },
  );

  it('spanning trees equal one thread bit for bit, on every route (±1e4, clipping, t ≠ 1)', () => {
    const n = 6;
    const batch = 10;
    const m = edgeCount(n);
    const scores = randomScores(batch * m, 21, 5);
    for (let e = 0; e < 3 * m; e++) scores[e] = (scores[e] as number) * 2e3; // ±1e4
    const g = randomScores(batch * m, 22);
    const options = { temperature: 0.7, maxRange: 15 };
    const one = built.spanningTreeMarginalsAndVjp(scores, n, g, options);
    const many = built.spanningTreeMarginalsAndVjp(scores, n, g, { ...options, threads: 3 });
    expectSame(many.marginals, one.marginals);
    expectSame(many.logZ, one.logZ);
    expectSame(many.vjp, one.vjp);
    expectSame(
      built.spanningTreeVjp(scores, n, g, { ...options, threads: 2 }),
      built.spanningTreeVjp(scores, n, g, options),
    );
  });

  it('an error in a worker share is the one-thread error', () => {
    const n = 4;
    const batch = 6;
    const scores = randomScores(batch * n * n, 31);
    scores[5 * n * n + 1] = 1e10; // item 5 (a worker's share): 1e10 / 1e-300 overflows
    const g = randomScores(batch * n * n, 32);
    const options = { temperature: 1e-300 };
    const oneThread = () => built.arborescenceMarginalsAndVjp(scores, n, g, options);
    const twoThreads = () =>
      built.arborescenceMarginalsAndVjp(scores, n, g, { ...options, threads: 2 });
    expect(oneThread).toThrow(RangeError);
    let message = '';
    try {
      oneThread();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`scores[${5 * n * n + 1}]`);
    expect(twoThreads).toThrow(message);
  });

  it('unbuilt sources fall back to one thread with the same results', () => {
    const n = 5;
    const scores = randomScores(4 * n * n, 41);
    const g = randomScores(4 * n * n, 42);
    const one = srcArborescence(scores, n, g);
    expectSame(srcArborescence(scores, n, g, { threads: 2 }).vjp, one.vjp);
    const m = edgeCount(n);
    const s = randomScores(4 * m, 43);
    const gs = randomScores(4 * m, 44);
    expectSame(srcTree(s, n, gs, { threads: 2 }).vjp, srcTree(s, n, gs).vjp);
    expect(srcWorkerCount()).toBe(0);
  });

  it.each([0, 2.5, -1, 65, Number.NaN, '2'])('threads = %s is a RangeError naming threads', (k) => {
    const scores = randomScores(2 * 9, 51);
    expect(() => srcArborescence(scores, 3, scores, { threads: k as number })).toThrow(
      /threads must be an integer in 1\.\.64, got/,
    );
    expect(() =>
      srcTree(randomScores(6, 52), 3, randomScores(6, 53), { threads: k as number }),
    ).toThrow(/threads must be an integer/);
  });
});
