// The playground's view model against independent oracles: brute-force enumeration of each
// structure (sst-solvers/testing) for the relaxed marginals and the hard argmax, and the laws
// every sample must satisfy (Σ marginals = n − 1 for trees, one parent per child, …).
import {
  enumerateArborescences,
  enumerateCorrelatedKSubsets,
  enumerateKSubsets,
  enumerateOneHot,
  enumeratePermutations,
  enumerateSpanningTrees,
} from '@sst-tricks/sst-solvers/testing';
import { describe, expect, it } from 'vitest';
import { gumbelNoise, presetLogits } from '../src/playground/noise';
import { logitSlots, STRUCTURES, type StructureId } from '../src/playground/structures';
import { type PlaygroundState, playgroundView } from '../src/playground/view-model';

function state(
  structure: StructureId,
  size: number,
  temperature: number,
  k = 2,
  seed = 3,
): PlaygroundState {
  const count = logitSlots(structure, size).length;
  return {
    structure,
    size,
    k,
    temperature,
    logits: presetLogits('random', count, seed),
    noise: gumbelNoise(count, seed + 100),
  };
}

const sum = (v: Float64Array) => v.reduce((a, b) => a + b, 0);
const scaled = (v: Float64Array, t: number) => v.map((x) => x / t);
const close = (a: Float64Array, b: Float64Array, digits: number) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], digits);
};

/** The slot values of an n×n matrix (arborescence / permutation slots). */
function atSlots(structure: StructureId, n: number, matrix: Float64Array): Float64Array {
  return Float64Array.from(logitSlots(structure, n), (s) => matrix[s.row * n + s.column]);
}
function asMatrix(structure: StructureId, n: number, values: Float64Array): Float64Array {
  const m = new Float64Array(n * n);
  logitSlots(structure, n).forEach((s, i) => {
    m[s.row * n + s.column] = values[i];
  });
  return m;
}

describe('playgroundView against enumeration', () => {
  for (const t of [0.3, 1, 4]) {
    it(`one-hot, k-subset and correlated k-subset at t = ${t}`, () => {
      const one = playgroundView(state('one-hot', 6, t));
      const e1 = enumerateOneHot(scaled(one.utilities, t));
      close(one.relaxed, e1.marginals, 10);
      close(one.hard, enumerateOneHot(one.utilities).argmax, 12);

      const sub = playgroundView(state('k-subset', 7, t, 3));
      close(sub.relaxed, enumerateKSubsets(scaled(sub.utilities, t), 3).marginals, 10);
      close(sub.hard, enumerateKSubsets(sub.utilities, 3).argmax, 12);

      const cor = playgroundView(state('correlated-k-subset', 7, t, 3));
      const u = cor.utilities;
      const e = enumerateCorrelatedKSubsets(
        scaled(u.subarray(0, 7), t),
        scaled(u.subarray(7), t),
        3,
      );
      close(cor.relaxed, Float64Array.from([...e.word, ...e.pair]), 10);
      const h = enumerateCorrelatedKSubsets(u.subarray(0, 7), u.subarray(7), 3);
      close(cor.hard, Float64Array.from([...h.argmaxWord, ...h.argmaxPair]), 12);
    });

    it(`spanning tree and arborescence at t = ${t}`, () => {
      const tree = playgroundView(state('spanning-tree', 5, t));
      close(tree.relaxed, enumerateSpanningTrees(scaled(tree.utilities, t), 5).marginals, 9);
      close(tree.hard, enumerateSpanningTrees(tree.utilities, 5).argmax, 12);

      const arb = playgroundView(state('arborescence', 4, t));
      const scores = asMatrix('arborescence', 4, arb.utilities);
      close(
        arb.relaxed,
        atSlots('arborescence', 4, enumerateArborescences(scaled(scores, t), 4).marginals),
        9,
      );
      close(arb.hard, atSlots('arborescence', 4, enumerateArborescences(scores, 4).argmax), 12);
    });
  }

  it('permutation: the hard sample is the best permutation; the relaxed one is doubly stochastic', () => {
    for (const t of [0.3, 1, 4]) {
      const view = playgroundView(state('permutation', 4, t));
      const scores = asMatrix('permutation', 4, view.utilities);
      close(view.hard, enumeratePermutations(scores, 4).argmax, 12);
      for (let r = 0; r < 4; r++) {
        let row = 0;
        let column = 0;
        for (let c = 0; c < 4; c++) {
          row += view.relaxed[r * 4 + c];
          column += view.relaxed[c * 4 + r];
        }
        expect(row).toBeCloseTo(1, 5);
        expect(column).toBeCloseTo(1, 5);
      }
    }
  });
});

describe('playgroundView laws at the playground sizes', () => {
  it('Σ relaxed = Σ hard = n − 1 for a 10-node tree, and the hard edges form a spanning tree', () => {
    for (const t of [0.01, 0.5, 10]) {
      const view = playgroundView(state('spanning-tree', 10, t));
      expect(sum(view.relaxed)).toBeCloseTo(9, 9);
      expect(sum(view.hard)).toBe(9);
      // A connected graph on 10 nodes with 9 edges is a tree: check connectivity.
      const reached = new Set([0]);
      for (let grew = true; grew; ) {
        grew = false;
        view.slots.forEach((s, i) => {
          if (view.hard[i] === 1 && reached.has(s.row) !== reached.has(s.column)) {
            reached.add(s.row).add(s.column);
            grew = true;
          }
        });
      }
      expect(reached.size).toBe(10);
    }
  });

  it('every non-root node has one parent in the hard arborescence and parent marginals summing to 1', () => {
    const n = 8;
    const view = playgroundView(state('arborescence', n, 0.7));
    for (let m = 1; m < n; m++) {
      let hard = 0;
      let relaxed = 0;
      view.slots.forEach((s, i) => {
        if (s.column === m) {
          hard += view.hard[i];
          relaxed += view.relaxed[i];
        }
      });
      expect(hard).toBe(1);
      expect(relaxed).toBeCloseTo(1, 9);
    }
  });

  it('every structure: hard is 0/1, relaxed in [0, 1], both finite, at the default size', () => {
    for (const spec of STRUCTURES) {
      for (const t of [0.01, 1, 10]) {
        const view = playgroundView(state(spec.id, spec.defaultSize, t, 3));
        for (const v of view.hard) expect(v === 0 || v === 1).toBe(true);
        for (const v of view.relaxed) {
          expect(v).toBeGreaterThanOrEqual(-1e-9);
          expect(v).toBeLessThanOrEqual(1 + 1e-9);
        }
      }
    }
  });

  it('the temperature moves the relaxed sample only; as t → 0 it approaches the hard one', () => {
    for (const spec of STRUCTURES) {
      const cold = playgroundView(state(spec.id, spec.defaultSize, 0.001, 3));
      const warm = playgroundView(state(spec.id, spec.defaultSize, 2, 3));
      expect(Array.from(warm.hard)).toEqual(Array.from(cold.hard));
      const moved = warm.relaxed.some((v, i) => Math.abs(v - cold.relaxed[i]) > 1e-3);
      expect(moved).toBe(true);
      const gap = Math.max(...cold.relaxed.map((v, i) => Math.abs(v - cold.hard[i])));
      expect(gap, spec.id).toBeLessThan(0.05);
    }
  });

  it('rejects a bad temperature, size, k or logits length, naming the value', () => {
    const good = state('k-subset', 6, 1, 2);
    expect(() => playgroundView({ ...good, temperature: 0 })).toThrow(/temperature .* got 0/);
    expect(() => playgroundView({ ...good, temperature: Number.NaN })).toThrow(RangeError);
    expect(() => playgroundView({ ...good, k: 6 })).toThrow(
      /k of a k-subset over 6 items .* got 6/,
    );
    expect(() => playgroundView({ ...good, size: 40 })).toThrow(/size of a k-subset .* got 40/);
    expect(() => playgroundView({ ...good, logits: new Float64Array(5) })).toThrow(
      /logits must have 6 entries .* got 5/,
    );
  });
});
