// The springs and charged-particle simulators against the original NRI code
// (test/fixtures/nri-sim.json: 49 frames at steps 100 … 4900 from a given initial state).
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describe, expect, it } from 'vitest';
import {
  generateParticles,
  resolveParticleParams,
  SPRINGS_DEFAULTS,
  sampleParticles,
  sampleSeed,
  simulateParticles,
} from '../src/index.js';
import { fromCoordinateMajor, maxAbsDiff, particleCases } from './fixtures.js';

function upperTriangle(matrix: number[][]): number[] {
  const out: number[] = [];
  for (let i = 0; i < matrix.length; i++)
    for (let j = i + 1; j < matrix.length; j++) out.push(matrix[i][j]);
  return out;
}

describe('particle simulators vs ethanfetaya/NRI synthetic_sim.py', () => {
  for (const c of particleCases) {
    it(`${c.sim}: all ${c.loc.length} saved frames (positions and velocities) match`, () => {
      const n = c.n_balls;
      // Charges from the q_i q_j matrix: q_0 = +1 fixes the (irrelevant) global sign.
      const charges = c.edges[0].map((q0j) => q0j);
      const trajectory = simulateParticles(
        c.sim,
        {
          loc: fromCoordinateMajor(c.init_loc),
          vel: fromCoordinateMajor(c.init_vel),
          ...(c.sim === 'springs' ? { edges: upperTriangle(c.edges) } : { charges }),
        },
        { frames: c.T / c.sample_freq - 1, sampleFreq: c.sample_freq },
      );
      const expectedLoc = Float64Array.from(
        c.loc.flatMap((f) => Array.from(fromCoordinateMajor(f))),
      );
      const expectedVel = Float64Array.from(
        c.vel.flatMap((f) => Array.from(fromCoordinateMajor(f))),
      );
      expect(trajectory.loc.length).toBe(49 * n * 2);
      // Measured: springs 0 (bit-identical), charged 1.1e-11 (r³ and summation rounding).
      expect(maxAbsDiff(trajectory.loc, expectedLoc)).toBeLessThan(1e-9);
      expect(maxAbsDiff(trajectory.vel, expectedVel)).toBeLessThan(1e-9);
    });
  }
});

describe('particle simulators: physics', () => {
  it('like charges repel, unlike ones attract (two balls at rest)', () => {
    const state = { loc: Float64Array.of(-0.5, 0, 0.5, 0), vel: new Float64Array(4) };
    const options = { frames: 1, sampleFreq: 100 };
    const like = simulateParticles('charged', { ...state, charges: [1, 1] }, options);
    const unlike = simulateParticles('charged', { ...state, charges: [1, -1] }, options);
    expect(like.loc[2] - like.loc[0]).toBeGreaterThan(1);
    expect(unlike.loc[2] - unlike.loc[0]).toBeLessThan(1);
  });

  it('a spring pulls connected balls together; unconnected balls drift freely', () => {
    const state = { loc: Float64Array.of(-1, 0, 1, 0), vel: new Float64Array(4) };
    const options = { frames: 1, sampleFreq: 100 };
    expect(simulateParticles('springs', { ...state, edges: [1] }, options).loc[0]).toBeGreaterThan(
      -1,
    );
    expect(simulateParticles('springs', { ...state, edges: [0] }, options).loc[0]).toBe(-1);
  });

  it('balls stay inside the box (elastic walls)', () => {
    const state = { loc: Float64Array.of(4.9, 0, -4.9, 0), vel: Float64Array.of(3, 0, -3, 0) };
    const out = simulateParticles('springs', { ...state, edges: [0] }, { frames: 20 });
    expect(Math.max(...Array.from(out.loc, Math.abs))).toBeLessThanOrEqual(5);
    expect(out.vel[0]).toBe(-3); // bounced back off the right wall
  });
});

describe('sampled particle trajectories', () => {
  it('springs: defaults are the reference’s; each edge present with probability 1/2', () => {
    expect(resolveParticleParams('springs')).toEqual(SPRINGS_DEFAULTS);
    const batch = generateParticles('springs', 3, 'train', 0, 200, { frames: 2 });
    const mean = batch.edges.reduce((a, b) => a + b, 0) / batch.edges.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05); // 2000 Bernoulli(1/2): sd 0.011
    expect(batch.trajectories.length).toBe(200 * 2 * 5 * 4);
  });

  it('initial velocities have norm velNorm; charged edges mark equal charges', () => {
    const sample = sampleParticles('charged', new RandomGenerator(5), { frames: 1 });
    for (let i = 0; i < 5; i++)
      expect(Math.hypot(sample.initialVel[2 * i], sample.initialVel[2 * i + 1])).toBeCloseTo(
        0.5,
        14,
      );
    const q = sample.charges as Float64Array;
    let e = 0;
    for (let i = 0; i < 5; i++)
      for (let j = i + 1; j < 5; j++, e++) expect(sample.edges[e]).toBe(q[i] === q[j] ? 1 : 0);
  });

  it('a batch holds (x, y, vx, vy) per ball and frame, equal to the float64 sample rounded', () => {
    const batch = generateParticles('springs', 11, 'valid', 7, 2, { frames: 3 });
    const sample = sampleParticles('springs', new RandomGenerator(sampleSeed(11, 'valid', 8)), {
      frames: 3,
    });
    const second = batch.trajectories.subarray(3 * 5 * 4);
    for (let c = 0; c < 15; c++) {
      expect(second[4 * c]).toBe(Math.fround(sample.loc[2 * c]));
      expect(second[4 * c + 1]).toBe(Math.fround(sample.loc[2 * c + 1]));
      expect(second[4 * c + 2]).toBe(Math.fround(sample.vel[2 * c]));
      expect(second[4 * c + 3]).toBe(Math.fround(sample.vel[2 * c + 1]));
    }
    expect(Array.from(batch.edges.subarray(10))).toEqual(Array.from(sample.edges));
  });

  it('is deterministic by seed, and sample i does not depend on how many are generated', () => {
    const a = generateParticles('charged', 9, 'test', 0, 6, { frames: 2 });
    const b = generateParticles('charged', 9, 'test', 0, 6, { frames: 2 });
    const tail = generateParticles('charged', 9, 'test', 4, 2, { frames: 2 });
    expect(a.trajectories).toEqual(b.trajectories);
    expect(tail.trajectories).toEqual(a.trajectories.subarray(4 * 2 * 5 * 4));
    expect(tail.edges).toEqual(a.edges.subarray(4 * 10));
    const other = generateParticles('charged', 10, 'test', 0, 6, { frames: 2 });
    expect(other.trajectories).not.toEqual(a.trajectories);
  });
});

describe('particle simulators: errors name the parameter and value', () => {
  const state = { loc: Float64Array.of(0, 0, 1, 1), vel: Float64Array.of(0, 0, 0, 0) };
  it.each([
    [
      () => simulateParticles('gravity' as 'springs', { ...state, edges: [1] }),
      /kind must be 'springs' or 'charged', got "gravity"/,
    ],
    [
      () => simulateParticles('springs', { ...state }),
      /edges must be an array of edge values, got undefined/,
    ],
    [
      () => simulateParticles('springs', { ...state, edges: [1, 1] }),
      /edges must have n\(n−1\)\/2 = 1 entries for n = 2, got 2/,
    ],
    [
      () => simulateParticles('charged', { ...state, charges: [1] }),
      /charges must have n = 2 entries, got 1/,
    ],
    [
      () => simulateParticles('charged', { ...state, charges: [1, Number.NaN] }),
      /charges\[1\] must be a finite number, got NaN/,
    ],
    [
      () => simulateParticles('springs', { ...state, vel: Float64Array.of(0, 0), edges: [1] }),
      /vel must hold 2 coordinates for each of 2\.\.1000 nodes, got length 2/,
    ],
    [
      () => simulateParticles('springs', { ...state, edges: [1] }, { deltaT: 0 }),
      /deltaT must be a finite number > 0, got 0/,
    ],
    [
      () => simulateParticles('springs', { ...state, edges: [1] }, { frames: 1.5 }),
      /frames must be an integer, got 1.5/,
    ],
    [
      () => sampleParticles('springs', {} as RandomGenerator),
      /generator must be a RandomGenerator/,
    ],
    [
      () => sampleParticles('springs', new RandomGenerator(1), { nodes: 1 }),
      /nodes must be in 2\.\.100, got 1/,
    ],
    [
      () => generateParticles('springs', 0.5, 'train', 0, 1),
      /seed must be a safe integer, got 0.5/,
    ],
    [
      () => generateParticles('springs', 1, 'dev' as 'train', 0, 1),
      /split must be one of train, valid, test, got "dev"/,
    ],
  ])('error %#', (call, message) => {
    expect(call).toThrow(message);
  });
});
