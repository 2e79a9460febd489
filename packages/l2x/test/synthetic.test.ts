// The synthetic generator: deterministic by seed, exact annotations (every annotated sentence is
// about its aspect, every other sentence is filler), ratings on the real data's grid, correlated.
import { describe, expect, it } from 'vitest';
import { FILLER, LEXICON, OVERALL_OPENERS } from '../src/data/synthetic/lexicon.js';
import { ASPECTS, inSpans, intensify, negate, syntheticReviews } from '../src/index.js';

const reviews = syntheticReviews(3, 'test', 300);

function sentences(tokens: readonly string[], start: number, end: number): string[] {
  return tokens
    .slice(start, end)
    .join(' ')
    .split(' .')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

describe('syntheticReviews', () => {
  it('is deterministic by seed, and seeds and splits differ', () => {
    expect(syntheticReviews(3, 'test', 300)).toEqual(reviews);
    expect(syntheticReviews(4, 'test', 5)).not.toEqual(reviews.slice(0, 5));
    expect(syntheticReviews(3, 'train', 5)).not.toEqual(reviews.slice(0, 5));
    expect(syntheticReviews(3, 'test', 10)).toEqual(reviews.slice(0, 10));
  });

  it('annotates exactly the sentences about each aspect; the rest is filler', () => {
    for (const r of reviews) {
      const spans = r.spans ?? [];
      expect(spans).toHaveLength(5);
      r.tokens.forEach((_, i) => {
        // No token is in two aspects' spans.
        expect(spans.filter((s) => inSpans(s, i)).length).toBeLessThanOrEqual(1);
      });
      spans.forEach((aspectSpans, a) => {
        expect(aspectSpans.length).toBeGreaterThan(0);
        for (const [start, end] of aspectSpans) {
          expect(r.tokens[end - 1]).toBe('.');
          expect(start === 0 || r.tokens[start - 1] === '.').toBe(true);
          for (const s of sentences(r.tokens, start, end)) {
            const name = ASPECTS[a];
            const openers =
              name === 'overall'
                ? OVERALL_OPENERS
                : [...LEXICON[name].subjects, ...LEXICON[name].verbs];
            expect(
              openers.some((o) => s.startsWith(`${o} `)),
              `${name}: ${s}`,
            ).toBe(true);
          }
        }
      });
      // Outside the spans: whole filler sentences only.
      const outside = r.tokens.filter((_, i) => !spans.some((s) => inSpans(s, i)));
      for (const s of sentences(outside, 0, outside.length)) expect(FILLER).toContain(s);
    }
  });

  it('rates on the tenths grid in [0, 1], with correlated aspects', () => {
    for (const r of reviews) {
      for (const x of r.ratings) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        expect(Math.abs(x * 10 - Math.round(x * 10))).toBeLessThan(1e-9);
      }
    }
    const col = (a: number) => reviews.map((r) => r.ratings[a]);
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const corr = (x: number[], y: number[]) => {
      const mx = mean(x);
      const my = mean(y);
      const c = mean(x.map((v, i) => (v - mx) * (y[i] - my)));
      return c / Math.sqrt(mean(x.map((v) => (v - mx) ** 2)) * mean(y.map((v) => (v - my) ** 2)));
    };
    // Correlated through the latent quality, but far from identical.
    const r = corr(col(1), col(3));
    expect(r).toBeGreaterThan(0.3);
    expect(r).toBeLessThan(0.9);
  });

  it('modifiers follow their formulas', () => {
    expect(intensify(0.7, 1.5)).toBeCloseTo(0.8, 12);
    expect(intensify(0.9, 1.7)).toBe(1);
    expect(negate(0.85)).toBeCloseTo(0.29, 12);
    expect(negate(0.15)).toBeCloseTo(0.71, 12);
  });

  it('rejects bad arguments naming them', () => {
    expect(() => syntheticReviews(0.5, 'train', 1)).toThrow('seed must be an integer');
    expect(() => syntheticReviews(0, 'valid' as 'train', 1)).toThrow(
      'split must be train, heldout or test, got "valid"',
    );
    expect(() => syntheticReviews(0, 'train', -1)).toThrow('count must be an integer ≥ 0, got -1');
  });
});
