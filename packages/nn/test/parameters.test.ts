// ParameterSet: names, trainability, seeded initial values and their distributions.
import { fillStandardNormal, RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { ParameterSet } from '../src/index.js';

describeEachBackend('ParameterSet', () => {
  it('registers dense variables under <name>.weights/.bias with the documented draws', () => {
    const params = new ParameterSet(new RandomGenerator(4));
    const xavier = params.dense('a', 3, 5, 'xavier-normal');
    const torch = params.dense('b', 4, 2, 'torch-default');
    expect(Object.keys(params.variables)).toEqual(['a.weights', 'a.bias', 'b.weights', 'b.bias']);
    // The same generator replayed by hand: 16 normals (15 rounded up to a pair), then 10 uniforms.
    const g = new RandomGenerator(4);
    const normal = new Float64Array(16);
    fillStandardNormal(g, normal, 0, 16);
    const std = Math.sqrt(2 / 8);
    expect(Array.from(xavier.weights.dataSync())).toEqual(
      Array.from(Float32Array.from(normal.subarray(0, 15), (z) => std * z)),
    );
    expect(Array.from(xavier.bias.dataSync())).toEqual(Array(5).fill(Math.fround(0.1)));
    const u = g.uniforms(10);
    const bound = 1 / 2;
    const want = Float32Array.from(u, (v) => bound * (2 * v - 1));
    expect(Array.from(torch.weights.dataSync())).toEqual(Array.from(want.subarray(0, 8)));
    expect(Array.from(torch.bias.dataSync())).toEqual(Array.from(want.subarray(8)));
    expect(params.trainable()).toHaveLength(4);
    tf.dispose(Object.values(params.variables));
  });

  it('uniform and normal have the right spread and seed determinism', () => {
    const params = new ParameterSet(new RandomGenerator(9));
    const u = params.uniform('u', [100, 100], 0.25).dataSync();
    const n = params.normal('n', [100, 100], 2).dataSync();
    expect(Math.max(...u)).toBeLessThanOrEqual(0.25);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-0.25);
    const variance = (v: ArrayLike<number>) =>
      Array.from(v).reduce((a, x) => a + x * x, 0) / v.length;
    expect(Math.abs(variance(u) - 0.25 ** 2 / 3)).toBeLessThan(0.001); // sd ≈ 0.00019
    expect(Math.abs(variance(n) - 4)).toBeLessThan(0.2); // sd ≈ 0.057
    const again = new ParameterSet(new RandomGenerator(9)).uniform('u', [100, 100], 0.25);
    expect(Array.from(again.dataSync())).toEqual(Array.from(u));
    tf.dispose([...Object.values(params.variables), again]);
  });

  it('names bad input, leaving no tensor behind', () => {
    const params = new ParameterSet(new RandomGenerator(1));
    params.add('x', tf.zeros([1]));
    const before = tf.memory().numTensors;
    expect(() => params.add('x', tf.zeros([1]))).toThrow(/parameter name must be unique, got x/);
    expect(() => params.add('', tf.zeros([1]))).toThrow(/non-empty string/);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => params.dense('d', 0, 2, 'xavier-normal')).toThrow(
      /d: inputs must be an integer ≥ 1, got 0/,
    );
    expect(() => params.dense('d', 2, 2.5, 'xavier-normal')).toThrow(
      /d: outputs must be an integer ≥ 1, got 2.5/,
    );
    expect(() => params.dense('d', 2, 2, 'he' as never)).toThrow(
      /d: init must be one of 'xavier-normal', 'torch-default', got "he"/,
    );
    expect(() => params.uniform('u', [2], -1)).toThrow(/u: bound must be finite and ≥ 0, got -1/);
    expect(() => params.normal('n', [2], Number.NaN)).toThrow(
      /n: std must be finite and ≥ 0, got NaN/,
    );
    tf.dispose(Object.values(params.variables));
  });
});
