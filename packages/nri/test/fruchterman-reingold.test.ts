// The FR step of DESIGN.md §4 against networkx 2.8.8 (test/fixtures/graph-layout.json): every
// step of every trajectory to 1e-9, and the fixture's tree = Kruskal on its Gumbel weights; and
// the |disp_i| < 0.01 corner on constructed layouts (test/fixtures/fr-corner.json).
import { kruskalArgmax } from '@sst-tricks/sst-solvers';
import { describe, expect, it } from 'vitest';
import {
  createLayoutScratch,
  fruchtermanReingoldStep,
  fruchtermanReingoldStepInPlace,
} from '../src/index.js';
import {
  frCornerCases,
  type GraphLayoutCase,
  graphLayoutCases,
  maxAbsDiff,
  nodeMajor,
} from './fixtures.js';

function treeIndicators(c: GraphLayoutCase): Float64Array {
  const tree = new Float64Array((c.n * (c.n - 1)) / 2);
  for (const [i, j] of c.tree_edges) tree[i * c.n - (i * (i + 1)) / 2 + (j - i - 1)] = 1;
  return tree;
}

describe('Fruchterman–Reingold step vs networkx 2.8.8', () => {
  it('the fixture covers n = 10 and 6, T = 10 and 20', () => {
    expect(graphLayoutCases.map((c) => [c.n, c.T])).toEqual([
      [10, 10],
      [10, 10],
      [10, 10],
      [10, 10],
      [10, 20],
      [6, 10],
    ]);
  });

  graphLayoutCases.forEach((c, index) => {
    it(`case ${index} (n = ${c.n}, T = ${c.T}): the maximum spanning tree is Kruskal on the weights`, () => {
      expect(Array.from(kruskalArgmax(Float64Array.from(c.gumbel_edge_weights), c.n))).toEqual(
        Array.from(treeIndicators(c)),
      );
    });

    it(`case ${index}: every step, chained from the initial positions, matches to 1e-9`, () => {
      const tree = treeIndicators(c);
      let positions = nodeMajor(c.init_pos);
      let worst = 0;
      for (let t = 0; t < c.T; t++) {
        positions = fruchtermanReingoldStep(positions, tree);
        worst = Math.max(worst, maxAbsDiff(positions, nodeMajor(c.positions[t])));
      }
      expect(worst).toBeLessThan(1e-9);
    });

    it(`case ${index}: each single step from the fixture's previous frame matches to 1e-12`, () => {
      const tree = treeIndicators(c);
      for (let t = 1; t < c.T; t++) {
        const next = fruchtermanReingoldStep(nodeMajor(c.positions[t - 1]), tree);
        expect(maxAbsDiff(next, nodeMajor(c.positions[t]))).toBeLessThan(1e-12);
      }
    });

    // The corner |disp_i| < 0.01 (divide by 0.1) is never hit by these trajectories; the
    // constructed layouts below test it.
    it(`case ${index}: every |disp_i| ≥ 0.01 (the corner is tested separately)`, () => {
      const tree = treeIndicators(c);
      const scratch = createLayoutScratch(c.n);
      const positions = nodeMajor(c.init_pos);
      let smallest = Number.POSITIVE_INFINITY;
      for (let t = 0; t < c.T; t++) {
        fruchtermanReingoldStepInPlace(positions, tree, scratch);
        const d = scratch.displacement;
        for (let i = 0; i < c.n; i++)
          smallest = Math.min(smallest, Math.hypot(d[2 * i], d[2 * i + 1]));
      }
      expect(smallest).toBeGreaterThanOrEqual(0.01);
    });
  });
});

// Constructed near-equilibrium layouts (test/fixtures/fr-corner.py, networkx 2.8.8): one node's
// forces nearly cancel, so |disp_i| < 0.01 and networkx divides by 0.1 instead of |disp_i|.
describe('Fruchterman–Reingold step in the |disp_i| < 0.01 corner vs networkx 2.8.8', () => {
  frCornerCases.forEach((c) => {
    const tree = new Float64Array((c.n * (c.n - 1)) / 2);
    for (const [i, j] of c.edges) tree[i * c.n - (i * (i + 1)) / 2 + (j - i - 1)] = 1;

    it(`${c.name}: the first step hits the corner, and every |disp_i| matches networkx's`, () => {
      const scratch = createLayoutScratch(c.n);
      const positions = nodeMajor(c.init_pos);
      for (let t = 0; t < c.positions.length; t++) {
        fruchtermanReingoldStepInPlace(positions, tree, scratch);
        const d = scratch.displacement;
        const norms = Array.from({ length: c.n }, (_, i) => Math.hypot(d[2 * i], d[2 * i + 1]));
        expect(maxAbsDiff(norms, c.disp_norms[t])).toBeLessThan(1e-12);
      }
      expect(Math.min(...c.disp_norms[0])).toBeLessThan(0.01);
    });

    it(`${c.name}: every step, chained from the initial positions, matches to 1e-12`, () => {
      let positions = nodeMajor(c.init_pos);
      for (let t = 0; t < c.positions.length; t++) {
        positions = fruchtermanReingoldStep(positions, tree);
        expect(maxAbsDiff(positions, nodeMajor(c.positions[t])), `step ${t + 1}`).toBeLessThan(
          1e-12,
        );
      }
    });
  });
});

describe('Fruchterman–Reingold step: properties and errors', () => {
  const tree = Float64Array.of(1, 0, 1); // n = 3: edges (0,1), (1,2)
  const positions = Float64Array.of(0.3, -1.2, 2, 0.5, -0.7, 0.1);

  it('centres the layout and scales its largest |coordinate| to 1; leaves its input alone', () => {
    const copy = Float64Array.from(positions);
    const next = fruchtermanReingoldStep(positions, tree);
    expect(positions).toEqual(copy);
    expect(Math.abs(next[0] + next[2] + next[4])).toBeLessThan(1e-15);
    expect(Math.abs(next[1] + next[3] + next[5])).toBeLessThan(1e-15);
    expect(Math.max(...Array.from(next, Math.abs))).toBeCloseTo(1, 15);
  });

  it('is equivariant under relabelling the nodes', () => {
    // Swap nodes 0 and 2: edges (0,1), (1,2) map to themselves.
    const swapped = Float64Array.of(-0.7, 0.1, 2, 0.5, 0.3, -1.2);
    const a = fruchtermanReingoldStep(positions, tree);
    const b = fruchtermanReingoldStep(swapped, tree);
    expect(maxAbsDiff([a[4], a[5], a[2], a[3], a[0], a[1]], b)).toBeLessThan(1e-15);
  });

  it('keeps coincident nodes finite (the 0.01 floors) and all-equal positions at the origin', () => {
    const same = fruchtermanReingoldStep(Float64Array.of(1, 1, 1, 1, 1, 1), tree);
    expect(Array.from(same)).toEqual([0, 0, 0, 0, 0, 0]);
    const two = fruchtermanReingoldStep(Float64Array.of(0, 0, 0, 0, 1, 1), tree);
    expect(two.every(Number.isFinite)).toBe(true);
  });

  it('rejects bad input with errors naming the parameter and value', () => {
    expect(() => fruchtermanReingoldStep([0, 1, 2, 3] as unknown as Float64Array, [1])).toThrow(
      /positions must be a Float64Array, got array of length 4/,
    );
    expect(() => fruchtermanReingoldStep(Float64Array.of(0, 1, 2), [1])).toThrow(
      /positions must hold 2 coordinates for each of 2\.\.1000 nodes, got length 3/,
    );
    expect(() => fruchtermanReingoldStep(Float64Array.of(0, 1), [])).toThrow(RangeError);
    expect(() => fruchtermanReingoldStep(Float64Array.of(0, Number.NaN, 2, 3), [1])).toThrow(
      /positions\[1\] must be finite, got NaN/,
    );
    expect(() => fruchtermanReingoldStep(positions, [1, 0])).toThrow(
      /tree must have n\(n−1\)\/2 = 3 entries for n = 3, got 2/,
    );
    expect(() => fruchtermanReingoldStep(positions, [1, -1, 0])).toThrow(
      /tree\[1\] must be a finite number ≥ 0, got -1/,
    );
    expect(() => fruchtermanReingoldStep(positions, 'abc' as unknown as number[])).toThrow(
      /tree must be an array of edge values, got "abc"/,
    );
  });
});
