// The pure drawing decisions: mark strengths, the circle layout, the log bar scale and the
// logarithmic temperature slider.
import { describe, expect, it } from 'vitest';
import { logBars } from '../src/gradients/bars';
import { circleLayout, marks } from '../src/playground/drawing-model';
import { gumbelNoise } from '../src/playground/noise';
import {
  formatTemperature,
  sliderFromTemperature,
  temperatureFromSlider,
} from '../src/playground/temperature';
import { playgroundView } from '../src/playground/view-model';

describe('marks', () => {
  it('edge opacity is the marginal itself, clamped to [0, 1] only against rounding', () => {
    const view = playgroundView({
      structure: 'spanning-tree',
      size: 6,
      k: 1,
      temperature: 0.8,
      logits: new Float64Array(15),
      noise: gumbelNoise(15, 9),
    });
    const drawn = marks(view.relaxed);
    expect(drawn.map((m) => m.strength)).toEqual(Array.from(view.relaxed));
    expect(drawn.reduce((a, m) => a + m.strength, 0)).toBeCloseTo(5, 9);
    expect(marks(new Float64Array([1 + 1e-12, -1e-13])).map((m) => m.strength)).toEqual([1, 0]);
  });

  it('a non-finite value is an error naming its slot', () => {
    expect(() => marks(new Float64Array([0.2, Number.NaN]))).toThrow(/slot 1 .* NaN/);
  });

  it('circleLayout puts n distinct nodes inside the unit square, node 0 on top', () => {
    const points = circleLayout(10);
    expect(points[0].y).toBeCloseTo(0.08, 12);
    for (const p of points) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(1);
    }
    const keys = new Set(points.map((p) => `${p.x.toFixed(6)},${p.y.toFixed(6)}`));
    expect(keys.size).toBe(10);
  });
});

describe('logBars', () => {
  it('scales by log10 over the given decades from the maximum', () => {
    const bars = logBars([
      { label: 'a', value: 100 },
      { label: 'b', value: 10 },
      { label: 'c', value: 0.01 },
      { label: 'd', value: 0 },
    ]);
    expect(bars.map((b) => b.fraction)).toEqual([1, 2 / 3, 0, 0]);
  });
  it('rejects negative or NaN values', () => {
    expect(() => logBars([{ label: 'x', value: -1 }])).toThrow(/x .* got -1/);
    expect(() => logBars([{ label: 'y', value: Number.NaN }])).toThrow(RangeError);
  });
});

describe('temperature slider', () => {
  it('maps 0..100 to 10^-2..10^1 and back', () => {
    expect(temperatureFromSlider(0)).toBeCloseTo(0.01, 12);
    expect(temperatureFromSlider(100)).toBeCloseTo(10, 12);
    for (const p of [0, 13, 50, 99])
      expect(sliderFromTemperature(temperatureFromSlider(p))).toBeCloseTo(p, 9);
    expect(formatTemperature(0.05)).toBe('0.050');
    expect(() => temperatureFromSlider(101)).toThrow(/got 101/);
    expect(() => sliderFromTemperature(0)).toThrow(/got 0/);
  });
});
