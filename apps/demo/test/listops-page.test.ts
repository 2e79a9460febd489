// The ListOps page's parts in Node: the tokenizer names a bad token, the parse is the maximum
// arborescence by brute-force enumeration, the tree is drawn as listops-parser's renderTree
// draws it, and the committed model files are the ones their card describes, with the parse of
// `applyStructure` (onnx-export) and the value of the two graphs in onnxruntime-node.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type GeneratedDataOptions,
  goldHeads,
  loadSplits,
  parseTokens,
  renderTree,
  VOCABULARY,
} from '@sst-tricks/listops-parser';
import { applyStructure, readModelMetadata } from '@sst-tricks/onnx-export';
import { openSession } from '@sst-tricks/onnx-export/parity';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { enumerateArborescences } from '@sst-tricks/sst-solvers/testing';
import { describe, expect, it } from 'vitest';
import card from '../model-files/listops-arborescence.json';
import { tokenize } from '../src/models/listops/expression';
import { parseHeads, treeLines } from '../src/models/listops/parse-tree';

const file = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'model-files', name)));

describe('ListOps page', () => {
  it('tokenizes with the card’s vocabulary (the model’s), naming a bad token', () => {
    expect(card.vocabulary).toEqual(VOCABULARY);
    const { tokens, ids } = tokenize(' ( [MAX 2 ( [MIN 3 4 ] ) ] ) ', card.vocabulary);
    expect(tokens).toEqual(['[MAX', '2', '[MIN', '3', '4', ']', ']']);
    expect(Array.from(ids)).toEqual(tokens.map((t) => VOCABULARY.indexOf(t)));
    expect(() => tokenize('[MAX 2 x ]', card.vocabulary)).toThrow(
      /token 3 must be one of .* got "x"/,
    );
    expect(() => tokenize('[MAX', card.vocabulary)).toThrow(/≥ 2 tokens/);
    expect(() => tokenize('[MAX <pad> ]', card.vocabulary)).toThrow(/got "<pad>"/);
  });

  it('parses with the maximum arborescence (brute-force enumeration) and draws renderTree’s tree', () => {
    const random = new RandomGenerator(3);
    for (let round = 0; round < 10; round++) {
      const n = 2 + (round % 5);
      const scores = Float32Array.from(random.uniforms(n * n), (u) => 4 * u - 2);
      const heads = parseHeads(scores, n);
      const best = enumerateArborescences(Float64Array.from(scores), n).argmax;
      for (let c = 1; c < n; c++) expect(best[heads[c] * n + c]).toBe(1);
      const tokens = Array.from({ length: n }, (_, i) => `t${i}`);
      expect(`${treeLines(tokens, heads).join('\n')}\n`).toBe(renderTree(tokens, heads));
    }
    expect(() => parseHeads(new Float32Array(8), 3)).toThrow(/n² = 9 values for n = 3, got 8/);
  });

  it('the committed files are the card’s; page parse = applyStructure’s, a value in 0–9', async () => {
    const scorer = file(card.scorer.file);
    const value = file(card.value.file);
    for (const [bytes, entry] of [
      [scorer, card.scorer],
      [value, card.value],
    ] as const) {
      expect(bytes.length).toBe(entry.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    expect(scorer.length + value.length).toBeLessThan(300 * 1024);
    const meta = readModelMetadata(scorer, card.scorer.file);
    expect(meta.structure).toEqual(card.scorer.structure);
    const { tokens, ids } = tokenize('[MAX 2 [MIN 3 4 ] 0 ]', card.vocabulary);
    const n = tokens.length;
    const feeds = {
      token_ids: { data: ids, dims: [1, n] },
      lengths: { data: Int32Array.of(n), dims: [1] },
    };
    const scoring = await openSession('node', scorer);
    const scores = (await scoring.run(feeds)).arc_scores.data;
    await scoring.release();
    const heads = parseHeads(scores, n);
    const [hard] = applyStructure(meta.structure, scores, { lengths: [n] });
    expect(hard.structure === 'arborescence' && hard.heads).toEqual(heads);
    const valuing = await openSession('node', value);
    const logits = (
      await valuing.run({ ...feeds, heads: { data: Int32Array.from(heads), dims: [1, n] } })
    ).value_logits;
    await valuing.release();
    expect(logits.dims).toEqual([1, 10]);
    expect(logits.data.every(Number.isFinite)).toBe(true);
  });

  it('has the card’s test accuracy and arc precision under onnxruntime-node (recomputed)', async () => {
    const scorer = file(card.scorer.file);
    const meta = readModelMetadata(scorer, card.scorer.file);
    const data = (meta.training.checkpoint as { data: GeneratedDataOptions }).data;
    const test = loadSplits(data).test;
    expect(test).toHaveLength(card.test.items);
    const scoring = await openSession('node', scorer);
    const valuing = await openSession('node', file(card.value.file));
    let right = 0;
    let arcsRight = 0;
    let arcs = 0;
    try {
      for (let start = 0; start < test.length; start += 100) {
        const part = test.slice(start, start + 100);
        const n = Math.max(...part.map((e) => e.tokens.length));
        const ids = new Int32Array(part.length * n);
        part.forEach((e, b) => {
          ids.set(tokenize(e.tokens.join(' '), card.vocabulary).ids, b * n);
        });
        const lengths = Int32Array.from(part, (e) => e.tokens.length);
        const feeds = {
          token_ids: { data: ids, dims: [part.length, n] },
          lengths: { data: lengths, dims: [part.length] },
        };
        const scores = (await scoring.run(feeds)).arc_scores.data;
        const parses = applyStructure(meta.structure, scores, { lengths });
        const heads = new Int32Array(part.length * n).fill(-1);
        parses.forEach((p, b) => {
          if (p.structure === 'arborescence') heads.set(p.heads, b * n);
        });
        const logits = (
          await valuing.run({ ...feeds, heads: { data: heads, dims: [part.length, n] } })
        ).value_logits.data;
        part.forEach((e, b) => {
          const row = Array.from(logits.subarray(b * 10, b * 10 + 10));
          if (row.indexOf(Math.max(...row)) === e.label) right++;
          const gold = goldHeads(parseTokens(e.tokens), e.tokens.length);
          for (let c = 1; c < e.tokens.length; c++) if (heads[b * n + c] === gold[c]) arcsRight++;
          arcs += e.tokens.length - 1;
        });
      }
    } finally {
      await scoring.release();
      await valuing.release();
    }
    expect(right / test.length).toBe(card.test.metrics.accuracy);
    expect(arcsRight / arcs).toBeCloseTo(card.test.metrics.arcPrecision, 12);
  }, 60_000);
});
