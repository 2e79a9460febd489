// The L2X page's parts in Node: the committed model files are what their card describes (sizes,
// hashes, the explainer's metadata and vocabulary), the page's selection is the best k-subset by
// enumeration (correlated chain and top-k), and token ids map unknown words to <unk>; the
// committed explainer + the page's selection reproduce the card's `sst explain` example under
// onnxruntime-node.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModelMetadata } from '@sst-tricks/onnx-export';
import { openL2xSession } from '@sst-tricks/onnx-export/parity';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describe, expect, it } from 'vitest';
import card from '../model-files/l2x-aroma.json';
import { selectionMask } from '../src/models/l2x/selection';
import { tokenIds, tokenize } from '../src/models/l2x/tokenize';

const read = (file: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'model-files', file)));

/** Best k-subset of n words under Σ word + Σ pair over adjacent selected words, by brute force. */
function bestSubset(word: Float32Array, pair: Float32Array | undefined, k: number): number[] {
  let best: number[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let mask = 0; mask < 1 << word.length; mask++) {
    const set = Array.from(word, (_, i) => i).filter((i) => (mask >> i) & 1);
    if (set.length !== k) continue;
    let score = set.reduce((s, i) => s + word[i], 0);
    if (pair) for (const i of set) if (set.includes(i + 1)) score += pair[i];
    if (score > bestScore) {
      bestScore = score;
      best = set;
    }
  }
  return best;
}

const chosen = (mask: Float64Array) =>
  Array.from(mask, (v, i) => (v === 1 ? i : -1)).filter((i) => i >= 0);

describe('the committed L2X models', () => {
  it('are the files their card describes, the vocabulary the explainer’s own', () => {
    for (const part of [card.explainer, card.predictor]) {
      const bytes = read(part.file);
      expect(bytes.length).toBe(part.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(part.sha256);
    }
    expect(card.explainer.bytes + card.predictor.bytes).toBeLessThan(300 * 1024);
    const meta = readModelMetadata(read(card.explainer.file), card.explainer.file);
    expect(meta.vocabulary).toEqual(card.vocabulary);
    expect(meta.structure).toEqual(card.model.structure);
    expect(readModelMetadata(read(card.predictor.file), 'p').modelKind).toBe('l2x-predictor');
  });

  it('select the card’s `sst explain` example with the page’s tokeniser and selection', async () => {
    const tokens = tokenize(card.example.text);
    expect(tokens).toEqual(card.example.tokens);
    const ids = tokenIds(tokens, card.vocabulary);
    const session = await openL2xSession('node', read(card.explainer.file));
    try {
      const out = await session.run(ids, 1, ids.length);
      expect(chosen(selectionMask(card.model.structure, out.word, out.pair))).toEqual(
        card.example.selected,
      );
    } finally {
      await session.release();
    }
  });
});

describe('selectionMask', () => {
  it('is the best k-subset by enumeration: correlated chain and top-k (n = 8, k = 3)', () => {
    const random = new RandomGenerator(2);
    for (let round = 0; round < 10; round++) {
      const word = Float32Array.from(random.uniforms(8), (u) => 4 * u - 2);
      const pair = Float32Array.from(random.uniforms(7), (u) => 4 * u - 2);
      expect(chosen(selectionMask({ name: 'correlated-top-k', k: 3 }, word, pair))).toEqual(
        bestSubset(word, pair, 3),
      );
      expect(chosen(selectionMask({ name: 'top-k', k: 3 }, word, undefined))).toEqual(
        bestSubset(word, undefined, 3),
      );
    }
  });

  it('rejects missing pair logits and unknown structures, naming them', () => {
    expect(() =>
      selectionMask({ name: 'correlated-top-k', k: 1 }, new Float32Array(3), undefined),
    ).toThrow(/needs 2 pair logits/);
    expect(() =>
      selectionMask({ name: 'spanning-tree', k: 1 }, new Float32Array(3), undefined),
    ).toThrow(/got spanning-tree/);
  });
});

describe('tokenIds', () => {
  it('maps words to their ids and unknown words to 1 (<unk>)', () => {
    expect(tokenize('Pours a HAZY amber, zzz!')).toEqual([
      'pours',
      'a',
      'hazy',
      'amber',
      ',',
      'zzz',
      '!',
    ]);
    const ids = tokenIds(['pours', 'zzz-not-a-word'], card.vocabulary);
    expect(ids[0]).toBe(card.vocabulary.indexOf('pours'));
    expect(ids[1]).toBe(1);
  });
});
