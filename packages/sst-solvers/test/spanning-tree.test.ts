// Spanning trees of K_n: Kruskal, matrix-tree marginals / log Z and the exact VJP, checked against
// brute-force enumeration (in log space, so exact even at extreme scales), central finite
// differences, the DESIGN.md and shared fixtures, and laws; plus every error path.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inverse } from '../src/linalg.js';
import {
  edgeEndpoints,
  edgeIndex,
  kruskalArgmax,
  type SpanningTreeOptions,
  spanningTreeForward,
  spanningTreeMarginals,
  spanningTreeMarginalsAndVjp,
  spanningTreeVjp,
} from '../src/spanning-tree/index.js';
import { plainMatrixTree } from '../src/spanning-tree/matrix-tree.js';
import { EdgeSorter } from '../src/spanning-tree/sort.js';
import { TreeWorkspace } from '../src/spanning-tree/workspace.js';
import {
  enumerateSpanningTrees,
  spanningTreesOf,
} from '../src/testing/enumerate-spanning-trees.js';
import { finiteDifferenceVjp, maxRelativeError } from '../src/testing/finite-difference.js';
import { seededUniform } from '../src/testing/random.js';
import { edgeCount } from '../src/validate.js';

interface DesignVectors {
  spanningTree: {
    n: number;
    weights: number[];
    marginals: number[];
    logZ: number;
    kruskalEdges: [number, number][];
  };
}
interface SharedFixture {
  spanning_tree: { n: number; theta: number[]; edge_marginals: number[]; logZ: number }[];
  kruskal_example: { n: number; weights: number[]; max_spanning_tree_edges: [number, number][] };
}
const design: DesignVectors = JSON.parse(
  readFileSync(new URL('./fixtures/design-vectors.json', import.meta.url), 'utf8'),
);
const shared: SharedFixture = JSON.parse(
  readFileSync(new URL('./fixtures/marginals.json', import.meta.url), 'utf8'),
);

/** Deterministic uniform(−1, 1) numbers (mulberry32). */
function rng(seed: number): () => number {
  const next = seededUniform(seed);
  return () => next() * 2 - 1;
}

function randomScores(n: number, seed: number, scale = 2, batch = 1): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: batch * edgeCount(n) }, () => scale * r());
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function sum(a: ArrayLike<number>, from = 0, to = a.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s;
}

/** The test's own reading of the options: a = scores/t, clipped at max(a) − maxRange. */
function tempered(scores: Float64Array, t: number, maxRange = Infinity): Float64Array {
  const a = scores.map((v) => v / t);
  const floor = Math.max(...a) - maxRange;
  return a.map((v) => Math.max(v, floor));
}

/** Is the 0/1 mask a spanning tree of K_n? (n − 1 edges, no cycle: an independent DFS check.) */
function isSpanningTree(mask: ArrayLike<number>, n: number): boolean {
  const { i, j } = edgeEndpoints(n);
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  let edges = 0;
  for (let e = 0; e < mask.length; e++) {
    if (mask[e] !== 0 && mask[e] !== 1) return false;
    if (mask[e] === 1) {
      edges++;
      adjacency[i[e]].push(j[e]);
      adjacency[j[e]].push(i[e]);
    }
  }
  const seen = new Set([0]);
  const stack = [0];
  while (stack.length > 0) {
    for (const v of adjacency[stack.pop() as number]) {
      if (!seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return edges === n - 1 && seen.size === n;
}

/**
 * Prim's algorithm under the same total order as kruskalArgmax (score desc, then edge index asc):
 * the maximum tree under a strict total order is unique, so both must return it.
 */
function primArgmax(scores: Float64Array, n: number): Float64Array {
  const mask = new Float64Array(edgeCount(n));
  const better = (e: number, f: number) =>
    f < 0 || scores[e] > scores[f] || (scores[e] === scores[f] && e < f);
  const inTree = new Uint8Array(n);
  const bestEdge = new Int32Array(n).fill(-1);
  inTree[0] = 1;
  for (let v = 1; v < n; v++) bestEdge[v] = edgeIndex(0, v, n);
  for (let step = 1; step < n; step++) {
    let pick = -1;
    for (let v = 0; v < n; v++) {
      if (!inTree[v] && (pick < 0 || better(bestEdge[v], bestEdge[pick]))) pick = v;
    }
    inTree[pick] = 1;
    mask[bestEdge[pick]] = 1;
    for (let v = 0; v < n; v++) {
      if (!inTree[v] && better(edgeIndex(pick, v, n), bestEdge[v])) {
        bestEdge[v] = edgeIndex(pick, v, n);
      }
    }
  }
  return mask;
}

/** Edge scores on well-separated scales: `level` × 1000 plus noise in ±0.5 (two clusters). */
function multiScaleScores(n: number, seed: number, step = 1000): Float64Array {
  const r = rng(seed);
  const { i, j } = edgeEndpoints(n);
  const cluster = (v: number) => (v < n / 2 ? 0 : 1);
  return Float64Array.from({ length: edgeCount(n) }, (_, e) => {
    const level = cluster(i[e]) === cluster(j[e]) ? Math.floor(((r() + 1) / 2) * 3) : 3 + (e % 3);
    return -step * level + 0.5 * r();
  });
}

describe('edge indexing', () => {
  it('edgeIndex inverts edgeEndpoints, in (i<j) row-major order, either argument order', () => {
    for (const n of [2, 3, 7]) {
      const { i, j } = edgeEndpoints(n);
      expect(i.length).toBe(edgeCount(n));
      for (let e = 0; e < i.length; e++) {
        expect(i[e]).toBeLessThan(j[e]);
        expect(edgeIndex(i[e], j[e], n)).toBe(e);
        expect(edgeIndex(j[e], i[e], n)).toBe(e);
        if (e > 0) expect(i[e - 1] < i[e] || (i[e - 1] === i[e] && j[e - 1] < j[e])).toBe(true);
      }
    }
  });
});

describe('enumerateSpanningTrees (the oracle itself)', () => {
  it('yields n^(n−2) distinct spanning trees (Cayley)', () => {
    for (let n = 2; n <= 6; n++) {
      const seen = new Set<string>();
      for (const tree of spanningTreesOf(n)) {
        expect(isSpanningTree(tree, n)).toBe(true);
        seen.add(tree.join(''));
      }
      expect(seen.size).toBe(n ** (n - 2));
    }
    expect(enumerateSpanningTrees(new Float64Array(21), 7).count).toBe(7 ** 5);
  });
});

describe('DESIGN.md and shared fixtures', () => {
  it('§3.3 test vector: marginals, log Z and the Kruskal edges to 1e-6', () => {
    const { n, weights, marginals, logZ, kruskalEdges } = design.spanningTree;
    const out = spanningTreeMarginals(Float64Array.from(weights), n);
    expect(maxAbsDiff(out.marginals, marginals)).toBeLessThan(1e-6);
    expect(Math.abs(out.logZ[0] - logZ)).toBeLessThan(1e-6);
    const mask = kruskalArgmax(Float64Array.from(weights), n);
    const expected = new Float64Array(edgeCount(n));
    for (const [a, b] of kruskalEdges) expected[edgeIndex(a, b, n)] = 1;
    expect(mask).toEqual(expected);
  });

  it('shared brute-force marginals and log Z to 1e-9, and the choidami/sst Kruskal example', () => {
    for (const { n, theta, edge_marginals, logZ } of shared.spanning_tree) {
      const out = spanningTreeMarginals(Float64Array.from(theta), n);
      expect(maxAbsDiff(out.marginals, edge_marginals)).toBeLessThan(1e-9);
      expect(Math.abs(out.logZ[0] - logZ)).toBeLessThan(1e-9);
    }
    const { n, weights, max_spanning_tree_edges } = shared.kruskal_example;
    const mask = kruskalArgmax(Float64Array.from(weights), n);
    for (const [a, b] of max_spanning_tree_edges) expect(mask[edgeIndex(a, b, n)]).toBe(1);
    expect(sum(mask)).toBe(n - 1);
  });
});

describe('marginals and log Z equal enumeration', () => {
  it('n = 2..7, several score vectors, temperatures 1, 0.3 and 2.5, to 1e-9', () => {
    for (let n = 2; n <= 7; n++) {
      for (let seed = 0; seed < (n === 7 ? 2 : 4); seed++) {
        const scores = randomScores(n, 100 * n + seed, 3);
        for (const t of [1, 0.3, 2.5]) {
          const truth = enumerateSpanningTrees(tempered(scores, t), n);
          const out = spanningTreeMarginals(scores, n, { temperature: t });
          expect(maxAbsDiff(out.marginals, truth.marginals)).toBeLessThan(1e-9);
          expect(Math.abs(out.logZ[0] - truth.logZ)).toBeLessThan(1e-9 * Math.max(1, truth.logZ));
        }
      }
    }
  });

  it('with clipping (maxRange) the result is that of the clipped scores', () => {
    for (let n = 3; n <= 6; n++) {
      const scores = randomScores(n, 7 * n, 4);
      const options = { temperature: 0.8, maxRange: 2 };
      const truth = enumerateSpanningTrees(tempered(scores, 0.8, 2), n);
      const out = spanningTreeMarginals(scores, n, options);
      expect(maxAbsDiff(out.marginals, truth.marginals)).toBeLessThan(1e-9);
      expect(Math.abs(out.logZ[0] - truth.logZ)).toBeLessThan(1e-9);
    }
  });
});

describe('kruskalArgmax', () => {
  it('equals the enumerated maximum tree (n = 2..7), at any temperature-free scale', () => {
    for (let n = 2; n <= 7; n++) {
      for (let seed = 0; seed < 4; seed++) {
        const scores = randomScores(n, 31 * n + seed, 5);
        const mask = kruskalArgmax(scores, n);
        expect(isSpanningTree(mask, n)).toBe(true);
        expect(mask).toEqual(enumerateSpanningTrees(scores, n).argmax);
      }
    }
  });

  it('breaks ties towards lower edge indices: equal scores give the star at node 0', () => {
    for (const n of [2, 5, 50]) {
      const mask = kruskalArgmax(new Float64Array(edgeCount(n)).fill(1.5), n);
      for (let e = 0; e < mask.length; e++) expect(mask[e]).toBe(e < n - 1 ? 1 : 0);
    }
  });

  it('equals Prim under the same order, also with ties and ±0, on the radix-sort path', () => {
    for (const n of [10, 60]) {
      for (let seed = 0; seed < 3; seed++) {
        const r = rng(seed + n);
        // Few distinct values (lots of ties), including −0 and +0 which must tie.
        const scores = Float64Array.from({ length: edgeCount(n) }, () => {
          const v = Math.round(3 * r()) / 3;
          return v === 0 && r() < 0 ? -0 : v;
        });
        expect(kruskalArgmax(scores, n)).toEqual(primArgmax(scores, n));
        const continuous = randomScores(n, seed + 5 * n, 1e4);
        expect(kruskalArgmax(continuous, n)).toEqual(primArgmax(continuous, n));
      }
    }
  });

  it('the edge sort is stable and descending on both of its paths', () => {
    for (const m of [7, 100, 1500, 5000]) {
      const r = rng(m);
      const scores = Float64Array.from({ length: m + 3 }, (_, k) =>
        k % 3 === 0 ? Math.round(4 * r()) : r() * 10 ** Math.round(300 * r()),
      );
      const order = Array.from(new EdgeSorter(m).sortDescending(scores, 3, m));
      const want = Array.from({ length: m }, (_, k) => k).sort(
        (a, b) => scores[b + 3] - scores[a + 3] || a - b,
      );
      expect(order).toEqual(want);
    }
  });
});

describe('VJP equals central finite differences (relative 1e-6)', () => {
  const check = (scores: Float64Array, n: number, options: SpanningTreeOptions, seed: number) => {
    const g = randomScores(n, seed, 1);
    const f = (x: Float64Array) => spanningTreeMarginals(x, n, options).marginals;
    const numeric = finiteDifferenceVjp(f, scores, g, 1e-6);
    const exact = spanningTreeVjp(scores, n, g, options);
    expect(maxRelativeError(exact, numeric)).toBeLessThan(1e-6);
  };

  it('n = 2..12 (every remainder of the 4-row kernels), temperatures 1 and 0.6', () => {
    for (let n = 2; n <= 12; n++) {
      for (const t of [1, 0.6]) check(randomScores(n, 11 * n, 2), n, { temperature: t }, n);
    }
  });

  it('through the clip: clipped entries pass their share to the arg-max entry', () => {
    for (const n of [3, 5, 8]) {
      const scores = randomScores(n, 13 * n, 3);
      const options = { temperature: 0.9, maxRange: 2.5 };
      // Sanity: the test needs some entries clipped and keeps them away from the kink.
      const a = tempered(scores, 0.9);
      const floor = Math.max(...a) - 2.5;
      expect(a.some((v) => v < floor)).toBe(true);
      expect(a.every((v) => Math.abs(v - floor) > 1e-3)).toBe(true);
      check(scores, n, options, 3 * n);
    }
  });

  it('on the multi-scale path (three clusters 50 and 100 apart), t = 1 and 0.7', () => {
    const n = 7;
    const r = rng(5);
    const { i, j } = edgeEndpoints(n);
    const cluster = (v: number) => (v < 3 ? 0 : v < 5 ? 1 : 2);
    const scores = Float64Array.from({ length: edgeCount(n) }, (_, e) => {
      const a = cluster(i[e]);
      const b = cluster(j[e]);
      return (a === b ? 0 : -50 * (a + b)) + r();
    });
    for (const t of [1, 0.7]) {
      const truth = enumerateSpanningTrees(tempered(scores, t), n);
      expect(
        maxAbsDiff(spanningTreeMarginals(scores, n, { temperature: t }).marginals, truth.marginals),
      ).toBeLessThan(1e-9);
      check(scores, n, { temperature: t }, 99);
    }
  });
});

describe('spanningTreeForward (the VJP from the saved forward pass)', () => {
  it('equals the marginals and the fresh VJP, on every route, with clipping and temperature', () => {
    const cases: [Float64Array, number, { temperature?: number; maxRange?: number }][] = [
      [randomScores(10, 3, 2, 16), 10, { temperature: 0.7 }],
      [randomScores(7, 4, 3, 8), 7, { temperature: 0.5, maxRange: 2 }],
      [randomScores(6, 5, 1e4, 4), 6, { temperature: 1e-3 }], // split route
      [randomScores(6, 6, 50, 4), 6, {}], // arborescence route
    ];
    for (const [scores, n, options] of cases) {
      const forward = spanningTreeForward(scores, n, options);
      const fresh = spanningTreeMarginals(scores, n, options);
      expect(forward.marginals).toEqual(fresh.marginals);
      expect(forward.logZ).toEqual(fresh.logZ);
      for (const seed of [1, 2]) {
        const g = randomScores(n, 40 + seed, 1, scores.length / edgeCount(n));
        const exact = spanningTreeVjp(scores, n, g, options);
        expect(maxAbsDiff(forward.vjp(g), exact)).toBeLessThan(
          1e-12 * Math.max(1, ...exact.map(Math.abs)),
        );
      }
    }
  });

  it('rejects a cotangent of the wrong length or with NaN', () => {
    const forward = spanningTreeForward(randomScores(4, 1), 4);
    expect(() => forward.vjp(new Float64Array(5))).toThrow(/g must have length 6/);
    expect(() => forward.vjp(new Float64Array(6).fill(Number.NaN))).toThrow(
      /g\[0\] must be finite/,
    );
  });
});

describe('batched equals looped (bit-identical)', () => {
  it('marginals, log Z, VJP and Kruskal, with an extreme item in the batch', () => {
    const n = 6;
    const m = edgeCount(n);
    const batch = 5;
    const scores = randomScores(n, 77, 3, batch);
    scores.set(multiScaleScores(n, 3), 2 * m);
    const g = randomScores(n, 78, 1, batch);
    const options = { temperature: 0.7 };
    const all = spanningTreeMarginalsAndVjp(scores, n, g, options);
    expect(spanningTreeMarginals(scores, n, options)).toEqual({
      marginals: all.marginals,
      logZ: all.logZ,
    });
    expect(spanningTreeVjp(scores, n, g, options)).toEqual(all.vjp);
    const kruskal = kruskalArgmax(scores, n);
    for (let b = 0; b < batch; b++) {
      const item = scores.slice(b * m, (b + 1) * m);
      const gi = g.slice(b * m, (b + 1) * m);
      const one = spanningTreeMarginalsAndVjp(item, n, gi, options);
      expect(one.marginals).toEqual(all.marginals.slice(b * m, (b + 1) * m));
      expect(one.logZ[0]).toBe(all.logZ[b]);
      expect(one.vjp).toEqual(all.vjp.slice(b * m, (b + 1) * m));
      expect(kruskalArgmax(item, n)).toEqual(kruskal.slice(b * m, (b + 1) * m));
    }
  });
});

describe('laws (fast-check)', () => {
  it('μ ∈ [0, 1], Σμ = n − 1, and the Kruskal tree is in 𝒳 with the enumerated best score', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer(),
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.constantFrom(1, 10, 100),
        (n, seed, t, scale) => {
          const scores = randomScores(n, seed, scale);
          const { marginals } = spanningTreeMarginals(scores, n, { temperature: t });
          for (const v of marginals) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          expect(Math.abs(sum(marginals) - (n - 1))).toBeLessThan(1e-9 * n);
          const mask = kruskalArgmax(scores, n);
          expect(isSpanningTree(mask, n)).toBe(true);
          let score = 0;
          for (let e = 0; e < mask.length; e++) score += mask[e] * scores[e];
          expect(score).toBeCloseTo(enumerateSpanningTrees(scores, n).maxScore, 9);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('marginals are invariant to adding a constant to every score; log Z shifts by (n−1)c/t', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer(),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (n, seed, c) => {
          const scores = randomScores(n, seed, 2);
          const a = spanningTreeMarginals(scores, n, { temperature: 0.5 });
          const b = spanningTreeMarginals(
            scores.map((v) => v + c),
            n,
            { temperature: 0.5 },
          );
          expect(maxAbsDiff(a.marginals, b.marginals)).toBeLessThan(1e-9);
          expect(b.logZ[0] - a.logZ[0]).toBeCloseTo(((n - 1) * c) / 0.5, 8);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('extreme inputs', () => {
  it('well-separated scales (multiples of 1000 plus noise) equal log-space enumeration', () => {
    for (let n = 3; n <= 6; n++) {
      for (let seed = 0; seed < 4; seed++) {
        const scores = multiScaleScores(n, 10 * n + seed);
        for (const t of [1, 0.5]) {
          const truth = enumerateSpanningTrees(tempered(scores, t), n);
          const out = spanningTreeMarginals(scores, n, { temperature: t });
          expect(maxAbsDiff(out.marginals, truth.marginals)).toBeLessThan(1e-9);
          expect(Math.abs(out.logZ[0] - truth.logZ) / Math.abs(truth.logZ)).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('clusters grounded through light edges: the reason for the multi-scale path', () => {
    // Two tight clusters joined only by edges ~e^−45 lighter. One Laplacian cannot hold both
    // scales (the light weights vanish from its diagonal); the split path gets it exactly.
    const n = 6;
    const { i, j } = edgeEndpoints(n);
    const r = rng(9);
    const scores = Float64Array.from({ length: edgeCount(n) }, (_, e) =>
      i[e] < 3 === j[e] < 3 ? r() : -45 + r(),
    );
    const truth = enumerateSpanningTrees(scores, n);
    const ws = new TreeWorkspace(n);
    ws.s.set(scores);
    plainMatrixTree(ws, false, false);
    expect(maxAbsDiff(ws.mu, truth.marginals)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(spanningTreeMarginals(scores, n).marginals, truth.marginals)).toBeLessThan(
      1e-9,
    );
  });

  it('scores ±1e4 and temperature 1e−3: finite μ, log Z and VJP, μ ∈ [0, 1], Σμ = n − 1', () => {
    for (const n of [2, 3, 5, 10, 16, 40]) {
      const batch = 3;
      const m = edgeCount(n);
      for (const [scale, t] of [
        [1e4, 1],
        [1e4, 1e-3],
        [1, 1e-3],
      ]) {
        const scores = randomScores(n, n, scale, batch);
        const g = randomScores(n, n + 1, 1, batch);
        const out = spanningTreeMarginalsAndVjp(scores, n, g, { temperature: t });
        for (const v of out.marginals) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        expect(out.logZ.every(Number.isFinite)).toBe(true);
        expect(out.vjp.every(Number.isFinite)).toBe(true);
        for (let b = 0; b < batch; b++) {
          expect(Math.abs(sum(out.marginals, b * m, (b + 1) * m) - (n - 1))).toBeLessThan(1e-9 * n);
        }
      }
    }
  });

  it('±1e4 against enumeration (n ≤ 6): exact in log space', () => {
    for (let n = 3; n <= 6; n++) {
      const scores = randomScores(n, 3 * n, 1e4);
      for (const t of [1, 1e-3]) {
        const truth = enumerateSpanningTrees(tempered(scores, t), n);
        const out = spanningTreeMarginals(scores, n, { temperature: t });
        expect(maxAbsDiff(out.marginals, truth.marginals)).toBeLessThan(1e-9);
        expect(Math.abs(out.logZ[0] - truth.logZ) / Math.abs(truth.logZ)).toBeLessThan(1e-12);
      }
    }
  });

  it('ties: equal scores give μ = 2/n on every edge (symmetry), even at ±1e4', () => {
    for (const n of [3, 6, 20]) {
      for (const v of [0, 1e4, -1e4]) {
        const { marginals, logZ } = spanningTreeMarginals(
          new Float64Array(edgeCount(n)).fill(v),
          n,
          { temperature: 1e-3 },
        );
        for (const mu of marginals) expect(mu).toBeCloseTo(2 / n, 12);
        // Cayley: Z = n^(n−2) e^((n−1)v/t).
        expect(logZ[0]).toBeCloseTo((n - 2) * Math.log(n) + ((n - 1) * v) / 1e-3, 6);
      }
    }
  });

  it('two tied heavy edges among light ones share their marginal', () => {
    const n = 4;
    const scores = new Float64Array(edgeCount(n)).fill(-1e4);
    scores[edgeIndex(0, 1, n)] = 1e4;
    scores[edgeIndex(1, 2, n)] = 1e4;
    scores[edgeIndex(0, 2, n)] = 1e4; // a tied triangle: each edge is in 2 of its 3 trees
    const { marginals } = spanningTreeMarginals(scores, n, { temperature: 1e-3 });
    for (const [a, b] of [
      [0, 1],
      [1, 2],
      [0, 2],
    ]) {
      expect(marginals[edgeIndex(a, b, n)]).toBeCloseTo(2 / 3, 12);
    }
    expect(sum(marginals)).toBeCloseTo(3, 12);
  });

  it('as t → 0 the marginals tend to the Kruskal mask', () => {
    for (const n of [4, 8, 15]) {
      const m = edgeCount(n);
      // Distinct scores at least 0.1 apart, in a random order.
      const r = rng(n);
      const ranks = Array.from({ length: m }, (_, e) => e).sort(() => r());
      const scores = Float64Array.from(ranks, (k) => 0.1 * k);
      const mask = kruskalArgmax(scores, n);
      let previous = Infinity;
      for (const t of [1, 0.1, 0.01, 0.001]) {
        const distance = maxAbsDiff(
          spanningTreeMarginals(scores, n, { temperature: t }).marginals,
          mask,
        );
        expect(distance).toBeLessThanOrEqual(previous);
        previous = distance;
      }
      expect(previous).toBeLessThan(1e-12);
    }
  });
});

describe('wide spreads without a wide gap (the exact arborescence route)', () => {
  // Scores of scale 30–80: the spread is too wide for one Laplacian and no gap is wide enough to
  // split at without an e^−gap error (≈ 1e−4 here before the arborescence route existed).
  const reviewCase = Float64Array.from([
    30.645, -24.209, -32.733, -39.687, 22.991, -6.655, -29.431, 43.968, -38.898, 14.248, 14.455,
    -10.868, -47.611, 38.401, -48.158,
  ]);

  it('log Z and marginals equal enumeration to 1e-9 (relative to log Z)', () => {
    const cases: [Float64Array, number][] = [[reviewCase, 6]];
    for (let seed = 1; seed <= 12; seed++) {
      const n = 4 + (seed % 3);
      cases.push([randomScores(n, 900 + seed, 30 + 4 * seed), n]);
    }
    for (const [scores, n] of cases) {
      const out = spanningTreeMarginals(scores, n);
      const exact = enumerateSpanningTrees(scores, n);
      expect(maxAbsDiff(out.marginals, exact.marginals)).toBeLessThan(1e-9);
      expect(Math.abs(out.logZ[0] - exact.logZ)).toBeLessThan(1e-9 * Math.abs(exact.logZ));
      expect(Math.abs(sum(out.marginals) - (n - 1))).toBeLessThan(1e-9);
    }
  });

  it('the VJP equals central finite differences and the marginals reached at temperature 0.1', () => {
    const scores = Float64Array.from(reviewCase, (v) => v / 10);
    const g = randomScores(6, 77, 1);
    const f = (x: Float64Array) => spanningTreeMarginals(x, 6, { temperature: 0.1 }).marginals;
    const numeric = finiteDifferenceVjp(f, scores, g, 1e-7);
    expect(
      maxRelativeError(spanningTreeVjp(scores, 6, g, { temperature: 0.1 }), numeric),
    ).toBeLessThan(1e-6);
    const exact = enumerateSpanningTrees(reviewCase, 6);
    expect(maxAbsDiff(f(scores), exact.marginals)).toBeLessThan(1e-9);
  });
});

describe('VJP against the O(n⁴) edge-by-edge formula at a larger size', () => {
  it('n = 25: (Jᵀg)_f = g_f μ_f − w_f Σ_e g_e w_e C_ef²', () => {
    const n = 25;
    const m = edgeCount(n);
    const scores = randomScores(n, 4, 1.5);
    const g = randomScores(n, 5, 1);
    const { i, j } = edgeEndpoints(n);
    // Reduced Laplacian without node n−1 (any node may be dropped), inverted by LU.
    const d = n - 1;
    const w = scores.map(Math.exp);
    const lap = new Float64Array(d * d);
    for (let e = 0; e < m; e++) {
      const [a, b] = [i[e], j[e]];
      if (a < d) lap[a * d + a] += w[e];
      if (b < d) lap[b * d + b] += w[e];
      if (a < d && b < d) {
        lap[a * d + b] -= w[e];
        lap[b * d + a] -= w[e];
      }
    }
    const inv = inverse(lap, d);
    const at = (a: number, b: number) => (a < d && b < d ? inv[a * d + b] : 0);
    const c = (e: number, f: number) =>
      at(i[e], i[f]) - at(i[e], j[f]) - at(j[e], i[f]) + at(j[e], j[f]);
    const expected = new Float64Array(m);
    for (let f = 0; f < m; f++) {
      let s = 0;
      for (let e = 0; e < m; e++) s += g[e] * w[e] * c(e, f) ** 2;
      expected[f] = g[f] * w[f] * c(f, f) - w[f] * s;
    }
    expect(maxRelativeError(spanningTreeVjp(scores, n, g), expected)).toBeLessThan(1e-9);
  });
});

describe('errors', () => {
  const s4 = randomScores(4, 1);
  const fns: [string, (scores: Float64Array, n: number, o?: SpanningTreeOptions) => unknown][] = [
    ['marginals', (s, n, o) => spanningTreeMarginals(s, n, o)],
    ['vjp', (s, n, o) => spanningTreeVjp(s, n, new Float64Array(s.length), o)],
    ['both', (s, n, o) => spanningTreeMarginalsAndVjp(s, n, new Float64Array(s.length), o)],
    ['kruskal', (s, n) => kruskalArgmax(s, n)],
  ];

  it('scores: wrong kind, NaN/∞, ragged batch; n: not an integer, < 2', () => {
    for (const [, fn] of fns) {
      expect(() => fn([1, 2, 3] as unknown as Float64Array, 3)).toThrow(
        new TypeError('scores must be a Float64Array, got array of length 3'),
      );
      expect(() => fn(new Float64Array([1, Number.NaN, 3]), 3)).toThrow(
        new RangeError('scores[1] must be finite, got NaN'),
      );
      expect(() => fn(new Float64Array([1, 2, Number.POSITIVE_INFINITY]), 3)).toThrow(
        /scores\[2\] must be finite/,
      );
      expect(() => fn(new Float64Array(7), 3)).toThrow(
        new RangeError('scores has length 7, which is not a positive multiple of 3'),
      );
      expect(() => fn(new Float64Array(0), 3)).toThrow(RangeError);
      expect(() => fn(s4, 2.5)).toThrow(new TypeError('n must be an integer, got 2.5'));
      expect(() => fn(s4, '4' as unknown as number)).toThrow(TypeError);
      expect(() => fn(new Float64Array(1), 1)).toThrow(/n must be in 2\.\./);
    }
  });

  it('options: temperature ≤ 0 / NaN / not a number; maxRange ≤ 0 / NaN / not a number', () => {
    for (const [name, fn] of fns) {
      if (name === 'kruskal') continue;
      for (const t of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => fn(s4, 4, { temperature: t })).toThrow(/temperature must be finite and > 0/);
      }
      expect(() => fn(s4, 4, { temperature: '1' as unknown as number })).toThrow(TypeError);
      for (const r of [0, -2, Number.NaN]) {
        expect(() => fn(s4, 4, { maxRange: r })).toThrow(/maxRange must be > 0/);
      }
      expect(() => fn(s4, 4, { maxRange: '15' as unknown as number })).toThrow(
        new TypeError('maxRange must be a number, got "15"'),
      );
      expect(() => fn(s4, 4, { maxRange: null as unknown as number })).toThrow(
        new TypeError('maxRange must be a number, got null'),
      );
    }
  });

  it('scores / temperature overflowing to ∞ is a RangeError naming scores and temperature', () => {
    const big = new Float64Array([1e300, 0, 0]);
    expect(() => spanningTreeMarginals(big, 3, { temperature: 1e-10 })).toThrow(
      /scores\[0\] \/ temperature must be finite/,
    );
  });

  it('g: wrong kind, wrong length, NaN', () => {
    for (const fn of [spanningTreeVjp, spanningTreeMarginalsAndVjp]) {
      expect(() => fn(s4, 4, [0, 0] as unknown as Float64Array)).toThrow(
        new TypeError('g must be a Float64Array, got array of length 2'),
      );
      expect(() => fn(s4, 4, null as unknown as Float64Array)).toThrow(TypeError);
      expect(() => fn(s4, 4, new Float64Array(5))).toThrow(
        new RangeError('g must have length 6 (that of scores), got 5'),
      );
      expect(() => fn(s4, 4, new Float64Array([0, 0, Number.NaN, 0, 0, 0]))).toThrow(
        new RangeError('g[2] must be finite, got NaN'),
      );
    }
  });

  it('edgeIndex / edgeEndpoints / enumerateSpanningTrees reject bad arguments', () => {
    expect(() => edgeIndex(2, 2, 4)).toThrow(/i and j must differ/);
    expect(() => edgeIndex(0, 4, 4)).toThrow(/j must be in 0\.\.3/);
    expect(() => edgeIndex(-1, 2, 4)).toThrow(/i must be in 0\.\.3/);
    expect(() => edgeEndpoints(1)).toThrow(/n must be in 2\.\./);
    expect(() => enumerateSpanningTrees(new Float64Array(28), 8)).toThrow(/n must be in 2\.\.7/);
    expect(() => enumerateSpanningTrees(new Float64Array(5), 4)).toThrow(
      /scores must have length n\(n-1\)\/2 = 6/,
    );
  });
});
