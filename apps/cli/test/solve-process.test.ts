// The built `sst` binary end to end: JSON in on stdin, JSON out on stdout, checked against the
// brute-force enumerators and finite differences (independent of the solvers under test).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  enumerateArborescences,
  enumerateCorrelatedKSubsets,
  enumerateKSubsets,
  enumerateOneHot,
  enumeratePermutations,
  enumerateSpanningTrees,
  enumerateStatistics,
  finiteDifferenceVjp,
  maxRelativeError,
} from '@sst-tricks/sst-solvers/testing';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function sst(request: unknown): {
  code: number | null;
  out: Record<string, unknown>;
  stderr: string;
} {
  const run = spawnSync(process.execPath, [main, 'solve'], {
    input: JSON.stringify(request),
    encoding: 'utf8',
  });
  return {
    code: run.status,
    out: run.status === 0 ? JSON.parse(run.stdout) : {},
    stderr: run.stderr,
  };
}

function expectClose(actual: unknown, expected: ArrayLike<number>, tol: number): void {
  const a = actual as number[];
  expect(a).toHaveLength(expected.length);
  for (const [i, x] of a.entries()) {
    expect(Math.abs(x - (expected[i] as number))).toBeLessThan(tol);
  }
}

const tree = [0.7601073, -0.20460297, -0.4689217, -0.5127163, -1.9022679, 1.1506207];

describe('sst solve (built binary)', () => {
  it('spanning-tree marginals and log Z equal enumeration, at temperature 0.7', () => {
    const { code, out } = sst({
      structure: 'spanning-tree',
      op: 'marginals',
      scores: tree,
      temperature: 0.7,
    });
    expect(code).toBe(0);
    const exact = enumerateSpanningTrees(
      Float64Array.from(tree, (x) => x / 0.7),
      4,
    );
    expectClose(out.marginals, exact.marginals, 1e-9);
    expect(Math.abs((out.logZ as number) - exact.logZ)).toBeLessThan(1e-9);
  });

  it('spanning-tree argmax is the maximum spanning tree', () => {
    const { out } = sst({ structure: 'spanning-tree', op: 'argmax', scores: tree });
    expect(out.argmax).toEqual(
      Array.from(enumerateSpanningTrees(Float64Array.from(tree), 4).argmax),
    );
  });

  it('a k-subset batch gives one entry per item in every field', () => {
    const scores = [
      [0.3, -1.2, 2.0, 0.5, -0.1, 1.1],
      [1, 0.5, -2, 0, 3, -1],
    ];
    const { out } = sst({ structure: 'k-subset', op: 'marginals', scores, k: 3 });
    const marginals = out.marginals as number[][];
    const logZ = out.logZ as number[];
    expect(marginals).toHaveLength(2);
    scores.forEach((row, b) => {
      const exact = enumerateKSubsets(Float64Array.from(row), 3);
      expectClose(marginals[b], exact.marginals, 1e-9);
      expect(Math.abs((logZ[b] as number) - exact.logZ)).toBeLessThan(1e-9);
    });
    const argmax = sst({ structure: 'k-subset', op: 'argmax', scores, k: 3 }).out
      .argmax as number[][];
    for (const [b, row] of scores.entries()) {
      expect(argmax[b]).toEqual(Array.from(enumerateKSubsets(Float64Array.from(row), 3).argmax));
    }
  });

  it('one-hot marginals are the softmax', () => {
    const scores = [0.2, -1, 3, 0.5];
    const { out } = sst({ structure: 'one-hot', op: 'marginals', scores, temperature: 2 });
    expectClose(
      out.marginals,
      enumerateOneHot(Float64Array.from(scores, (x) => x / 2)).marginals,
      1e-12,
    );
  });

  it('vjp matches central finite differences of the marginals the binary returns', () => {
    const g = [0.5, -1, 0.25, 2, -0.3, 1];
    const request = { structure: 'spanning-tree', temperature: 1.3 };
    const { out } = sst({ ...request, op: 'vjp', scores: tree, g });
    const marginalsOf = (x: Float64Array) => {
      const exact = enumerateSpanningTrees(
        Float64Array.from(x, (v) => v / 1.3),
        4,
      );
      return exact.marginals;
    };
    const numeric = finiteDifferenceVjp(marginalsOf, Float64Array.from(tree), Float64Array.from(g));
    expect(maxRelativeError(out.vjp as number[], numeric)).toBeLessThan(1e-6);
  });

  it('permutation argmax is the best assignment; Sinkhorn marginals are doubly stochastic', () => {
    const scores = [0.1, 2, -1, 1.5, 0.3, 0.2, -0.4, 0.9, 1.1];
    const argmax = sst({ structure: 'permutation', op: 'argmax', scores }).out.argmax;
    expect(argmax).toEqual(Array.from(enumeratePermutations(Float64Array.from(scores), 3).argmax));
    const { out } = sst({ structure: 'permutation', op: 'marginals', scores, temperature: 0.5 });
    expect(out.converged).toBe(true);
    expect(out.logZ).toBeUndefined();
    const x = out.marginals as number[];
    const at = (i: number, j: number) => x[3 * i + j] as number;
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(at(i, 0) + at(i, 1) + at(i, 2) - 1)).toBeLessThan(1e-8);
      expect(Math.abs(at(0, i) + at(1, i) + at(2, i) - 1)).toBeLessThan(1e-8);
    }
  });

  it('binary marginals and log Z equal enumeration over all bit vectors', () => {
    const scores = [0.4, -1.3, 2.2];
    const masks = Array.from({ length: 8 }, (_, b) =>
      Float64Array.from([b & 1, (b >> 1) & 1, (b >> 2) & 1]),
    );
    const exact = enumerateStatistics(
      Float64Array.from(scores, (v) => v / 0.8),
      masks,
    );
    const { out } = sst({ structure: 'binary', op: 'marginals', scores, temperature: 0.8 });
    expectClose(out.marginals, exact.marginals, 1e-12);
    expect(Math.abs((out.logZ as number) - exact.logZ)).toBeLessThan(1e-12);
  });

  it('non-entropic regularisers answer without logZ and respect their constraint', () => {
    const scores = [0.3, -1.2, 2.0, 0.5, -0.1, 1.1];
    for (const regularizer of ['euclidean', 'categorical-entropy', 'binary-entropy']) {
      const { code, out } = sst({
        structure: 'k-subset',
        op: 'marginals',
        scores,
        k: 3,
        regularizer,
      });
      expect(code).toBe(0);
      expect(out.logZ).toBeUndefined();
      const x = out.marginals as number[];
      expect(Math.abs(x.reduce((a, b) => a + b, 0) - 3)).toBeLessThan(1e-9);
      for (const v of x) expect(v >= 0 && v <= 1).toBe(true);
    }
    const sparse = sst({
      structure: 'one-hot',
      op: 'marginals',
      scores,
      regularizer: 'sparsemax',
    }).out;
    const x = sparse.marginals as number[];
    expect(Math.abs(x.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    expect(x.filter((v) => v === 0).length).toBeGreaterThan(0);
  });

  it('arborescence marginals, log Z and argmax equal enumeration in both root modes', () => {
    const theta = [0, 1, -0.5, 0.2, 0.3, 0, 0.8, -1, -0.7, 0.4, 0, 0.6, 0.1, -0.2, 0.9, 0];
    for (const rootMode of ['multi', 'single'] as const) {
      const exact = enumerateArborescences(
        Float64Array.from(theta, (v) => v / 0.6),
        4,
        rootMode,
      );
      const request = { structure: 'arborescence', scores: theta, rootMode, temperature: 0.6 };
      const { out } = sst({ ...request, op: 'marginals' });
      expectClose(out.marginals, exact.marginals, 1e-9);
      expect(Math.abs((out.logZ as number) - exact.logZ)).toBeLessThan(1e-9);
      const hard = enumerateArborescences(Float64Array.from(theta), 4, rootMode).argmax;
      expect(sst({ ...request, op: 'argmax' }).out.argmax).toEqual(Array.from(hard));
    }
  });

  it('correlated k-subsets: a batch of {word, pair} scores against enumeration', () => {
    const word = [
      [0.5, -0.3, 1.2, 0.1, -1],
      [0.2, 0.2, -0.7, 1.5, 0.4],
    ];
    const pair = [
      [1.5, -2, 0.3, 0.8],
      [-0.5, 2, 0.1, -1],
    ];
    const request = {
      structure: 'correlated-k-subset',
      scores: { word, pair },
      k: 2,
      temperature: 0.9,
    };
    const { code, out } = sst({ ...request, op: 'marginals' });
    expect(code).toBe(0);
    const marginals = out.marginals as { word: number[][]; pair: number[][] };
    const argmax = sst({ ...request, op: 'argmax' }).out.argmax as {
      word: number[][];
      pair: number[][];
    };
    for (let b = 0; b < 2; b++) {
      const scaled = (v: number[]) => Float64Array.from(v, (x) => x / 0.9);
      const exact = enumerateCorrelatedKSubsets(
        scaled(word[b] as number[]),
        scaled(pair[b] as number[]),
        2,
      );
      expectClose(marginals.word[b], exact.word, 1e-9);
      expectClose(marginals.pair[b], exact.pair, 1e-9);
      expect(Math.abs(((out.logZ as number[])[b] as number) - exact.logZ)).toBeLessThan(1e-9);
      const best = enumerateCorrelatedKSubsets(
        Float64Array.from(word[b] as number[]),
        Float64Array.from(pair[b] as number[]),
        2,
      );
      expect(argmax.word[b]).toEqual(Array.from(best.argmaxWord));
      expect(argmax.pair[b]).toEqual(Array.from(best.argmaxPair));
    }
  });

  it('a bad request exits non-zero with one stderr line and no stack trace', () => {
    const { code, stderr } = sst({ structure: 'k-subset', op: 'marginals', scores: [1, 2], k: 5 });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'sst solve: field "k" must be an integer in 0..2 (the number of scores per item), got 5\n',
    );
  });
});
