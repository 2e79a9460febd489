import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillStandardNormal,
  gumbelFromUniform,
  logisticFromUniform,
  RandomGenerator,
  type RandomGeneratorState,
  sampleGumbel,
  sampleLogistic,
  UNIFORM_FLOOR,
} from '../src/noise/index.js';
import { describeEachBackend } from './backends.js';

const EULER_GAMMA = 0.5772156649015329;
const N = 100_000;

// Kolmogorov–Smirnov statistic of `sample` against the continuous CDF `cdf`.
function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  let d = 0;
  for (let i = 0; i < sorted.length; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / sorted.length - f, f - i / sorted.length);
  }
  return d;
}

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let variance = 0;
  for (let i = 0; i < values.length; i++) variance += (values[i] - mean) ** 2;
  return { mean, variance: variance / (values.length - 1) };
}

// A generator whose uniforms are scripted, to reach the ends of [0, 1) on purpose.
class ScriptedGenerator extends RandomGenerator {
  constructor(private readonly script: number[]) {
    super(0);
  }
  override uniforms(count: number): Float64Array {
    return Float64Array.from({ length: count }, (_, i) => this.script[i % this.script.length]);
  }
}

describe('RandomGenerator', () => {
  it('is xoshiro128** (reference outputs from the state [1, 2, 3, 4])', () => {
    const generator = new RandomGenerator(0);
    generator.setState({ algorithm: 'xoshiro128**', state: [1, 2, 3, 4] });
    const outputs = Array.from({ length: 10 }, () => generator.nextUint32());
    expect(outputs).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597,
      4258142804,
    ]);
  });

  it('reproduces a stream from its seed, and different seeds give different streams', () => {
    const a = new RandomGenerator(2024).uniforms(1000);
    const b = new RandomGenerator(2024).uniforms(1000);
    const c = new RandomGenerator(2025).uniforms(1000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    const seeds = [0, 1, -1, 2 ** 32, -(2 ** 32), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    const firsts = new Set(seeds.map((seed) => new RandomGenerator(seed).nextUniform()));
    expect(firsts.size).toBe(seeds.length);
  });

  it('uniforms(n) is the stream of n nextUniform() calls, in [0, 1), with 53-bit resolution', () => {
    const bulk = new RandomGenerator(7).uniforms(10_000);
    const single = new RandomGenerator(7);
    let fine = 0;
    for (let i = 0; i < bulk.length; i++) {
      expect(bulk[i]).toBe(single.nextUniform());
      expect(bulk[i] >= 0 && bulk[i] < 1).toBe(true);
      // A 32-bit-only uniform would be a multiple of 2^-32: 21 low bits of u·2^53 always zero.
      if ((bulk[i] * 2 ** 53) % 2 ** 21 !== 0) fine++;
    }
    expect(fine).toBeGreaterThan(9_990);
  });

  it('continues the identical stream after getState → JSON → setState', () => {
    const generator = new RandomGenerator(99);
    generator.uniforms(123);
    const saved: RandomGeneratorState = JSON.parse(JSON.stringify(generator.getState()));
    const expected = generator.uniforms(500);
    const restored = new RandomGenerator(1);
    restored.setState(saved);
    expect(restored.uniforms(500)).toEqual(expected);
    generator.setState(saved);
    expect(generator.uniforms(500)).toEqual(expected);
  });

  it('round-trips the state for any seed (property)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.nat(50), (seed, skip) => {
        const generator = new RandomGenerator(seed);
        generator.uniforms(skip);
        const copy = new RandomGenerator(0);
        copy.setState(generator.getState());
        for (let i = 0; i < 5; i++) {
          const u = generator.nextUniform();
          if (u !== copy.nextUniform() || u < 0 || u >= 1) return false;
        }
        return true;
      }),
    );
  });

  it('hands out state snapshots that later draws do not change', () => {
    const generator = new RandomGenerator(5);
    const state = generator.getState();
    const words = [...state.state];
    generator.uniforms(10);
    expect(state.state).toEqual(words);
  });

  it('rejects bad seeds, counts and states with typed errors naming them', () => {
    const make = (seed: unknown) => () => new RandomGenerator(seed as number);
    expect(make(undefined)).toThrow(TypeError);
    expect(make('1')).toThrow(/seed must be a number, got string/);
    expect(make(1.5)).toThrow(RangeError);
    expect(make(Number.NaN)).toThrow(/seed must be a safe integer, got NaN/);
    expect(make(2 ** 53)).toThrow(RangeError);
    const generator = new RandomGenerator(1);
    expect(() => generator.uniforms(-1)).toThrow(/count must be a non-negative integer, got -1/);
    expect(() => generator.uniforms(2.5)).toThrow(RangeError);
    expect(() => generator.uniforms('3' as unknown as number)).toThrow(TypeError);
    const set = (state: unknown) => () => generator.setState(state as RandomGeneratorState);
    expect(set(null)).toThrow(TypeError);
    expect(set({ algorithm: 'mt19937', state: [1, 2, 3, 4] })).toThrow(/'mt19937'|"mt19937"/);
    expect(set({ algorithm: 'xoshiro128**', state: [1, 2, 3] })).toThrow(TypeError);
    expect(set({ algorithm: 'xoshiro128**', state: [1, 2, 3, 2 ** 32] })).toThrow(RangeError);
    expect(set({ algorithm: 'xoshiro128**', state: [1, 2, -3, 4] })).toThrow(/-3/);
    expect(set({ algorithm: 'xoshiro128**', state: [0, 0, 0, 0] })).toThrow(/all zero/);
    // A failed setState leaves the generator as it was.
    const again = new RandomGenerator(1);
    expect(generator.nextUniform()).toBe(again.nextUniform());
  });
});

describe('noise transforms', () => {
  it('keep every value finite at u = 0 and at the largest u < 1', () => {
    const largest = 1 - 2 ** -53;
    expect(gumbelFromUniform(0)).toBe(gumbelFromUniform(UNIFORM_FLOOR));
    expect(gumbelFromUniform(0)).toBeCloseTo(-Math.log(-Math.log(1.1754944e-38)), 12);
    for (const u of [0, UNIFORM_FLOOR / 2, largest]) {
      expect(Number.isFinite(gumbelFromUniform(u))).toBe(true);
      expect(Number.isFinite(logisticFromUniform(u))).toBe(true);
    }
    expect(logisticFromUniform(0.5)).toBe(0);
    expect(logisticFromUniform(0)).toBeCloseTo(Math.log(UNIFORM_FLOOR), 10);
  });

  it('are the inverse CDFs (u = F(g))', () => {
    for (const u of [0.01, 0.2, 0.5, 0.9, 0.999]) {
      expect(Math.exp(-Math.exp(-gumbelFromUniform(u)))).toBeCloseTo(u, 12);
      expect(1 / (1 + Math.exp(-logisticFromUniform(u)))).toBeCloseTo(u, 12);
    }
  });
});

describeEachBackend('noise samplers', () => {
  it('give float32 tensors of the asked shape, reproducible by seed', () => {
    for (const sample of [sampleGumbel, sampleLogistic]) {
      const a = sample([2, 3, 4], new RandomGenerator(11));
      const b = sample([2, 3, 4], new RandomGenerator(11));
      const c = sample([2, 3, 4], new RandomGenerator(12));
      expect(a.dtype).toBe('float32');
      expect(a.shape).toEqual([2, 3, 4]);
      expect(b.dataSync()).toEqual(a.dataSync());
      expect(c.dataSync()).not.toEqual(a.dataSync());
      tf.dispose([a, b, c]);
    }
    const empty = sampleGumbel([0, 3], new RandomGenerator(1));
    expect(empty.shape).toEqual([0, 3]);
    const scalar = sampleLogistic([], new RandomGenerator(1));
    expect(scalar.shape).toEqual([]);
    tf.dispose([empty, scalar]);
  });

  it('consume exactly size(shape) uniforms', () => {
    const generator = new RandomGenerator(3);
    tf.dispose(sampleGumbel([3, 4], generator));
    const reference = new RandomGenerator(3);
    reference.uniforms(12);
    expect(generator.nextUniform()).toBe(reference.nextUniform());
  });

  it('stay finite when the generator yields 0 or the largest u < 1', () => {
    const generator = new ScriptedGenerator([0, 1 - 2 ** -53, 0.5]);
    for (const sample of [sampleGumbel, sampleLogistic]) {
      const values = tf.tidy(() => sample([6], generator).dataSync());
      expect(Array.from(values).every(Number.isFinite)).toBe(true);
    }
  });

  it('Gumbel: mean γ, variance π²/6, KS test against exp(−exp(−x))', () => {
    const values = tf.tidy(() => sampleGumbel([N], new RandomGenerator(1234)).dataSync());
    const { mean, variance } = moments(values);
    expect(Math.abs(mean - EULER_GAMMA)).toBeLessThan(0.02); // sd of the mean ≈ 0.004
    expect(Math.abs(variance - Math.PI ** 2 / 6)).toBeLessThan(0.05);
    // 1.95/√n is the 0.1 % critical value of the KS statistic.
    expect(ksStatistic(values, (x) => Math.exp(-Math.exp(-x)))).toBeLessThan(1.95 / Math.sqrt(N));
  });

  it('logistic: mean 0, variance π²/3, KS test against 1/(1 + e^−x)', () => {
    const values = tf.tidy(() => sampleLogistic([N], new RandomGenerator(4321)).dataSync());
    const { mean, variance } = moments(values);
    expect(Math.abs(mean)).toBeLessThan(0.03); // sd of the mean ≈ 0.006
    expect(Math.abs(variance - Math.PI ** 2 / 3)).toBeLessThan(0.1);
    expect(ksStatistic(values, (x) => 1 / (1 + Math.exp(-x)))).toBeLessThan(1.95 / Math.sqrt(N));
  });

  it('leak no tensors inside tf.tidy', () => {
    const before = tf.memory().numTensors;
    const generator = new RandomGenerator(8);
    tf.tidy(() => {
      sampleGumbel([16, 10], generator);
      sampleLogistic([16, 10], generator);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reject bad shapes and generators with typed errors', () => {
    const generator = new RandomGenerator(1);
    expect(() => sampleGumbel(3 as unknown as number[], generator)).toThrow(TypeError);
    expect(() => sampleGumbel([2, -1], generator)).toThrow(
      /shape must hold non-negative integers, got \[2, -1\]/,
    );
    expect(() => sampleLogistic([1.5], generator)).toThrow(RangeError);
    expect(() => sampleLogistic([2], {} as RandomGenerator)).toThrow(
      /generator must be a RandomGenerator/,
    );
    expect(() => sampleGumbel([2], undefined as unknown as RandomGenerator)).toThrow(TypeError);
  });
});

describe('fillStandardNormal (Box–Muller)', () => {
  it('gives N(0, 1) moments and is finite even for u = 0', () => {
    const out = new Float64Array(200_000);
    fillStandardNormal(new RandomGenerator(1), out, 0, out.length);
    let mean = 0;
    let square = 0;
    let fourth = 0;
    for (const z of out) {
      mean += z;
      square += z * z;
      fourth += z ** 4;
    }
    mean /= out.length;
    square /= out.length;
    fourth /= out.length;
    expect(Math.abs(mean)).toBeLessThan(0.01); // sd 0.0022
    expect(Math.abs(square - 1)).toBeLessThan(0.02); // sd 0.0032
    expect(Math.abs(fourth - 3)).toBeLessThan(0.1); // sd 0.024
    const zero = { uniforms: (k: number) => new Float64Array(k) } as unknown as RandomGenerator;
    const pair = new Float64Array(2);
    fillStandardNormal(zero, pair, 0, 2);
    expect(pair.every((z) => z === 0)).toBe(true); // r = sqrt(−2 log 1) = 0
  });

  it('names a bad count or offset', () => {
    const g = new RandomGenerator(1);
    const out = new Float64Array(4);
    expect(() => fillStandardNormal(g, out, 0, 3)).toThrow(
      /count must be an even integer ≥ 0, got 3/,
    );
    expect(() => fillStandardNormal(g, out, 2, 4)).toThrow(
      /offset must be an integer in \[0, 0\], got 2/,
    );
    expect(() => fillStandardNormal(g, out, -1, 2)).toThrow(/offset .* got -1/);
  });
});
