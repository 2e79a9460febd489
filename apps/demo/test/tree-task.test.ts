// The in-page training task, run here on the backends sst-core tests on: the loss falls, the
// tree it recovers is the hidden one, seeds reproduce, and no tensor is left behind.
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { TreeTask } from '../src/train/tree-task';

describeEachBackend('TreeTask', () => {
  it('lowers its loss and recovers the hidden tree within 150 steps', () => {
    const before = tf.memory().numTensors;
    const task = new TreeTask({ seed: 7 });
    const losses: number[] = [];
    let last = task.step();
    losses.push(last.loss);
    for (let i = 1; i < 150; i++) {
      last = task.step();
      losses.push(last.loss);
    }
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(losses.slice(-10))).toBeLessThan(0.5 * mean(losses.slice(0, 10)));
    expect(last.correctEdges).toBe(task.options.nodes - 1);
    expect(Array.from(last.tree)).toEqual(Array.from(task.hidden));
    task.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the same seed gives the same losses', () => {
    const a = new TreeTask({ seed: 3 });
    const b = new TreeTask({ seed: 3 });
    for (let i = 0; i < 5; i++) expect(a.step().loss).toBe(b.step().loss);
    a.dispose();
    b.dispose();
  });

  it('rejects bad options, naming them', () => {
    expect(() => new TreeTask({ nodes: 2 })).toThrow(/nodes .* got 2/);
    expect(() => new TreeTask({ temperature: 0 })).toThrow(/temperature .* got 0/);
    expect(() => new TreeTask({ noise: -1 })).toThrow(/noise .* got -1/);
  });
});
