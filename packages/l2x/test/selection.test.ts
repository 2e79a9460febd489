// Each relaxation's selection on both backends: hard selects exactly k (top-k of the logits; the
// correlated argmax against enumeration), relaxed E.F./SoftSub sum to k, Concrete stays in [0, 1]
// with at most k mass, padding is never selected; subset precision on a hand-computed case.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { subsetPrecisionCounts } from '../src/model/metrics.js';
import {
  hardSelection,
  maskPadding,
  RELAXATIONS,
  relaxedSelection,
} from '../src/model/selection.js';

const word = [
  [0.3, -1.2, 2.0, 0.5, -0.1, 1.1],
  [1.0, 0.9, -0.5, -0.4, 0.8, -2.0],
];
const pair = [
  [0.2, -0.3, 1.5, 0.1, -0.6],
  [2.5, -1.0, 0.4, 0.3, 0.0],
];
const k = 3;

/** Best chain selection by enumeration: max Σ W_i x_i + Σ V_i x_i x_{i+1} over |x| = k. */
function enumerateCorrelated(w: number[], v: number[]): number[] {
  let best: number[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let mask = 0; mask < 1 << w.length; mask++) {
    const x = w.map((_, i) => (mask >> i) & 1);
    if (x.reduce((s, b) => s + b, 0) !== k) continue;
    let score = 0;
    x.forEach((b, i) => {
      score += b * w[i] + (i + 1 < x.length ? b * x[i + 1] * v[i] : 0);
    });
    if (score > bestScore) {
      bestScore = score;
      best = x;
    }
  }
  return best;
}

describeEachBackend('selection', () => {
  it('hard: exactly k, top-k of the logits / the correlated argmax', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = { word: tf.tensor2d(word), pair: tf.tensor2d(pair) };
      const topk = hardSelection('top-k', logits, k).arraySync();
      expect(topk).toEqual([
        [0, 0, 1, 1, 0, 1],
        [1, 1, 0, 0, 1, 0],
      ]);
      for (const r of ['l2x', 'softsub'] as const)
        expect(hardSelection(r, logits, k).arraySync()).toEqual(topk);
      const corr = hardSelection('correlated-top-k', logits, k).arraySync();
      expect(corr).toEqual([
        enumerateCorrelated(word[0], pair[0]),
        enumerateCorrelated(word[1], pair[1]),
      ]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('relaxed: E.F. top-k, correlated and SoftSub sum to k; Concrete in [0, 1] with mass ≤ k', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = { word: tf.tensor2d(word), pair: tf.tensor2d(pair) };
      for (const r of RELAXATIONS) {
        const x = relaxedSelection(r, logits, { k, temperature: 0.5 }, new RandomGenerator(1));
        expect(x.shape).toEqual([2, 6]);
        const rows = x.arraySync();
        for (const row of rows) {
          const sum = row.reduce((s, v) => s + v, 0);
          for (const v of row) expect(v).toBeGreaterThanOrEqual(-1e-6);
          if (r === 'l2x') {
            for (const v of row) expect(v).toBeLessThanOrEqual(1 + 1e-6);
            expect(sum).toBeLessThanOrEqual(k + 1e-4);
          } else expect(sum).toBeCloseTo(k, 4);
        }
        // Same generator state → same sample.
        const again = relaxedSelection(r, logits, { k, temperature: 0.5 }, new RandomGenerator(1));
        expect(again.arraySync()).toEqual(rows);
      }
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('padding is never selected (hard) and gets ~0 relaxed mass', () => {
    tf.tidy(() => {
      // The two highest logits of row 0 (positions 2, 5) are declared padding.
      const valid = tf.tensor2d([
        [1, 1, 0, 1, 1, 0],
        [1, 1, 1, 1, 1, 1],
      ]);
      const logits = maskPadding({ word: tf.tensor2d(word), pair: tf.tensor2d(pair) }, valid);
      for (const r of RELAXATIONS) {
        const hard = hardSelection(r, logits, k).arraySync();
        expect(hard[0][2] + hard[0][5]).toBe(0);
        expect(hard[0].reduce((s, v) => s + v, 0)).toBe(k);
        const soft = relaxedSelection(
          r,
          logits,
          { k, temperature: 0.5 },
          new RandomGenerator(2),
        ).arraySync();
        expect(soft[0][2] + soft[0][5]).toBeLessThan(1e-6);
      }
    });
  });
});

describe('subsetPrecisionCounts', () => {
  it('counts selected words inside the spans (hand-computed)', () => {
    // Review 0: spans [1, 3) and [4, 5); selected 0, 1, 4 → inside 1, 4 → 2 of 3.
    // Review 1: span [0, 2); selected 2, 3, 5 (5 is padding) → 0 of 3.
    const selection = [1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1];
    const counts = subsetPrecisionCounts(selection, 6, [
      [
        [1, 3],
        [4, 5],
      ],
      [[0, 2]],
    ]);
    expect(counts).toEqual({ inside: 2, selected: 6 });
    expect(() => subsetPrecisionCounts(selection, 5, [[], []])).toThrow(
      'selection must hold reviews·m = 10 entries, got 12',
    );
  });
});
