// The structures L2X exports read its logits with: top-k without a fixed width and the
// correlated chain argmax (checked against enumerating every k-subset), their metadata form and
// errors; and the builder's sequence operators (derived symbolic lengths, checked shapes).
import { describe, expect, it } from 'vitest';
import {
  applyStructure,
  GraphBuilder,
  OnnxExportError,
  parseStructure,
  SLICE_TO_END,
  structureWidth,
} from '../src/index.js';
import { seeded } from './l2x-helpers.js';

/** The best k-subset of m words under Σ word + Σ pair over adjacent selected words, by brute force. */
function enumerateBest(word: number[], pair: number[], k: number): number[] {
  let best: number[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let mask = 0; mask < 1 << word.length; mask++) {
    const set = word.map((_, i) => i).filter((i) => (mask >> i) & 1);
    if (set.length !== k) continue;
    let score = set.reduce((s, i) => s + word[i], 0);
    for (const i of set) if (set.includes(i + 1)) score += pair[i];
    if (score > bestScore) {
      bestScore = score;
      best = set;
    }
  }
  return best;
}

describe('variable-width structures', () => {
  it('correlated-top-k: the enumerated best chain selection, per row', () => {
    const generator = seeded(9);
    const [batch, m, k] = [5, 7, 3];
    const word = Float32Array.from(generator.uniforms(batch * m), (u) => 4 * u - 2);
    const pair = Float32Array.from(generator.uniforms(batch * (m - 1)), (u) => 6 * u - 3);
    const out = applyStructure({ name: 'correlated-top-k', k }, word, { items: m, pair });
    for (let b = 0; b < batch; b++) {
      const w = Array.from(word.subarray(b * m, (b + 1) * m));
      const p = Array.from(pair.subarray(b * (m - 1), (b + 1) * (m - 1)));
      expect(out[b]).toEqual({ structure: 'correlated-top-k', selected: enumerateBest(w, p, k) });
    }
  });

  it('top-k without items: the k highest of each row of the given width', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.3, 0.8, 5, 4, 3, 2]);
    expect(applyStructure({ name: 'top-k', k: 2 }, scores, { items: 4 })).toEqual([
      { structure: 'top-k', selected: [1, 3] },
      { structure: 'top-k', selected: [0, 1] },
    ]);
    expect(structureWidth({ name: 'top-k', k: 2 }, 9)).toBe(9);
    expect(structureWidth({ name: 'top-k', k: 2, items: 6 })).toBe(6);
  });

  it('rejects a missing width, k above it, missing or non-finite pair scores', () => {
    const word = new Float32Array(6);
    expect(() => applyStructure({ name: 'top-k', k: 2 }, word)).toThrow(
      /top-k without a fixed width needs items/,
    );
    expect(() => applyStructure({ name: 'top-k', k: 4 }, word, { items: 3 })).toThrow(
      /3 items per row, fewer than k = 4/,
    );
    expect(() => applyStructure({ name: 'correlated-top-k', k: 2 }, word, { items: 3 })).toThrow(
      /correlated-top-k needs 4 values \(\[2, 2\]\), got none/,
    );
    const pair = Float32Array.from([0, Number.NaN, 0, 0]);
    expect(() =>
      applyStructure({ name: 'correlated-top-k', k: 2 }, word, { items: 3, pair }),
    ).toThrow(/pair scores: value 1 is NaN, not finite/);
  });

  it('parses both from metadata JSON, and rejects a bad k', () => {
    expect(parseStructure({ name: 'correlated-top-k', k: 10 })).toEqual({
      name: 'correlated-top-k',
      k: 10,
    });
    expect(parseStructure({ name: 'top-k', k: 10 })).toEqual({ name: 'top-k', k: 10 });
    expect(parseStructure({ name: 'top-k', k: 3, items: 6 })).toEqual({
      name: 'top-k',
      k: 3,
      items: 6,
    });
    expect(() => parseStructure({ name: 'correlated-top-k', k: -1 })).toThrow(
      /structure.k must be an integer ≥ 0, got -1/,
    );
  });
});

describe('sequence operators', () => {
  it('derive symbolic lengths: a valid k2 conv and a slice dropping one word agree', () => {
    const g = new GraphBuilder('seq');
    const x = g.input('x', 'float32', ['batch', 4, 'n'], 'x [batch, 4, n]');
    const w = g.initializer('w', new Float32Array(8), [1, 4, 2]);
    const b = g.initializer('b', new Float32Array(1), [1]);
    const conv = g.squeeze(g.conv1d(x, w, b, [0, 0], 'pair'), [1]);
    expect(conv.shape).toEqual(['batch', 'n_minus_1']);
    const mask = g.reduceMax(x, [1], false, 'm');
    const left = g.slice(mask, [0], [-1], [1]);
    const right = g.slice(mask, [1], [SLICE_TO_END], [1]);
    expect(left.shape).toEqual(['batch', 'n_minus_1']);
    const y = g.add(conv, g.max(left, right));
    expect(y.shape).toEqual(['batch', 'n_minus_1']);
    g.output(y, 'y [batch, n − 1]');
    expect(() =>
      g.toBytes({ producerName: 'p', producerVersion: '1', docString: 'd', metadata: {} }),
    ).not.toThrow();
  });

  it('reject mismatched channels, kernel shapes and unsqueezable axes', () => {
    const g = new GraphBuilder('bad');
    const x = g.input('x', 'float32', ['batch', 4, 'n'], 'x');
    const b = g.initializer('b', new Float32Array(2), [2]);
    expect(() =>
      g.conv1d(x, g.initializer('w3', new Float32Array(12), [2, 3, 2]), b, [0, 0]),
    ).toThrow(/channels do not chain/);
    expect(() =>
      g.conv1d(x, g.initializer('w', new Float32Array(16), [2, 4, 2]), b, [2, 2]),
    ).not.toThrow();
    expect(() => g.squeeze(x, [1])).toThrow(OnnxExportError);
    expect(() => g.slice(x, [0], [3], [2])).toThrow(/on symbolic dimension n a slice must be/);
  });
});
