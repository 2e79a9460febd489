// The seeded graph-layout generator: determinism, per-sample streams, the latent tree, the frames.
import { gumbelFromUniform, RandomGenerator } from '@sst-tricks/sst-core';
import { kruskalArgmax } from '@sst-tricks/sst-solvers';
import { describe, expect, it } from 'vitest';
import {
  fillStandardNormal,
  fruchtermanReingoldStep,
  GRAPH_LAYOUT_DEFAULTS,
  generateGraphLayout,
  sampleGraphLayout,
  sampleSeed,
} from '../src/index.js';

function isSpanningTree(edges: ArrayLike<number>, n: number): boolean {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x];
    return x;
  };
  let count = 0;
  let e = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++, e++) {
      if (!edges[e]) continue;
      count++;
      const a = find(i);
      const b = find(j);
      if (a === b) return false;
      parent[a] = b;
    }
  return count === n - 1;
}

describe('generateGraphLayout', () => {
  it('defaults to n = 10, T = 10: trajectories [count, 10, 10, 2], edges [count, 45]', () => {
    expect(GRAPH_LAYOUT_DEFAULTS).toEqual({ nodes: 10, frames: 10 });
    const batch = generateGraphLayout(1, 'train', 0, 3);
    expect(batch).toMatchObject({ start: 0, count: 3, frames: 10, nodes: 10, features: 2 });
    expect(batch.trajectories).toBeInstanceOf(Float32Array);
    expect(batch.trajectories.length).toBe(3 * 10 * 10 * 2);
    expect(batch.edges).toBeInstanceOf(Uint8Array);
    expect(batch.edges.length).toBe(3 * 45);
  });

  it('is deterministic by seed; other seeds and splits give other data', () => {
    const a = generateGraphLayout(42, 'train', 0, 20);
    const b = generateGraphLayout(42, 'train', 0, 20);
    expect(a.trajectories).toEqual(b.trajectories);
    expect(a.edges).toEqual(b.edges);
    expect(generateGraphLayout(43, 'train', 0, 20).trajectories).not.toEqual(a.trajectories);
    expect(generateGraphLayout(42, 'valid', 0, 20).trajectories).not.toEqual(a.trajectories);
  });

  it('the first 100 of 1000 samples are the 100 samples; any range agrees with the whole', () => {
    const small = generateGraphLayout(7, 'test', 0, 100);
    const large = generateGraphLayout(7, 'test', 0, 1000);
    expect(large.trajectories.subarray(0, small.trajectories.length)).toEqual(small.trajectories);
    expect(large.edges.subarray(0, small.edges.length)).toEqual(small.edges);
    const middle = generateGraphLayout(7, 'test', 500, 3);
    expect(middle.start).toBe(500);
    expect(middle.trajectories).toEqual(large.trajectories.subarray(500 * 200, 503 * 200));
    expect(middle.edges).toEqual(large.edges.subarray(500 * 45, 503 * 45));
  });

  it('every latent graph is a spanning tree; every frame is centred with max |coordinate| = 1', () => {
    const batch = generateGraphLayout(3, 'train', 0, 200, { nodes: 7, frames: 4 });
    for (let s = 0; s < 200; s++) {
      expect(isSpanningTree(batch.edges.subarray(s * 21, (s + 1) * 21), 7)).toBe(true);
      for (let t = 0; t < 4; t++) {
        const frame = batch.trajectories.subarray((s * 4 + t) * 14, (s * 4 + t + 1) * 14);
        let mx = 0;
        let my = 0;
        let lim = 0;
        for (let i = 0; i < 7; i++) {
          mx += frame[2 * i];
          my += frame[2 * i + 1];
          lim = Math.max(lim, Math.abs(frame[2 * i]), Math.abs(frame[2 * i + 1]));
        }
        expect(Math.abs(mx) + Math.abs(my)).toBeLessThan(1e-5);
        expect(lim).toBeCloseTo(1, 6);
      }
    }
  });

  it('sample i is sampleGraphLayout on a generator seeded sampleSeed(seed, split, i)', () => {
    const batch = generateGraphLayout(5, 'valid', 10, 2, { nodes: 6, frames: 3 });
    const one = sampleGraphLayout(new RandomGenerator(sampleSeed(5, 'valid', 11)), {
      nodes: 6,
      frames: 3,
    });
    expect(batch.trajectories.subarray(36)).toEqual(Float32Array.from(one.positions));
    expect(Array.from(batch.edges.subarray(15))).toEqual(Array.from(one.tree));
  });

  it('documents its draws: Gumbel weights, Box–Muller positions, Kruskal, then FR steps', () => {
    const seed = sampleSeed(8, 'train', 0);
    const one = sampleGraphLayout(new RandomGenerator(seed), { nodes: 5, frames: 2 });
    const generator = new RandomGenerator(seed);
    const weights = generator.uniforms(10).map(gumbelFromUniform);
    const initial = new Float64Array(10);
    fillStandardNormal(generator, initial, 0, 10);
    expect(one.weights).toEqual(weights);
    expect(one.initial).toEqual(initial);
    expect(one.tree).toEqual(kruskalArgmax(weights, 5));
    const first = fruchtermanReingoldStep(initial, one.tree);
    expect(one.positions.subarray(0, 10)).toEqual(first);
    expect(one.positions.subarray(10)).toEqual(fruchtermanReingoldStep(first, one.tree));
  });

  it('a count of 0 gives empty arrays', () => {
    const batch = generateGraphLayout(1, 'train', 0, 0);
    expect(batch.trajectories.length).toBe(0);
    expect(batch.edges.length).toBe(0);
  });

  it.each([
    [
      () => generateGraphLayout(1, 'train', 0, 1, { nodes: 1 }),
      /nodes must be in 2\.\.1000, got 1/,
    ],
    [
      () => generateGraphLayout(1, 'train', 0, 1, { frames: 0 }),
      /frames must be in 1\.\.100000, got 0/,
    ],
    [() => generateGraphLayout(1, 'train', -1, 1), /start must be in 0\.\.\d+, got -1/],
    [() => generateGraphLayout(1, 'train', 0, 2.5), /count must be an integer, got 2.5/],
    [() => generateGraphLayout(Number.NaN, 'train', 0, 1), /seed must be a safe integer, got NaN/],
    [
      () => generateGraphLayout('1' as unknown as number, 'train', 0, 1),
      /seed must be a number, got "1"/,
    ],
    [
      () => sampleGraphLayout(null as unknown as RandomGenerator),
      /generator must be a RandomGenerator, got null/,
    ],
  ])('error %#', (call, message) => {
    expect(call).toThrow(message);
  });
});
