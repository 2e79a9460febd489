// Vocabulary ids, padding/truncation, embedding files and the data directory round trip.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  embeddingsFromText,
  PAD_ID,
  readDataDirectory,
  syntheticReviews,
  UNK_ID,
  Vocabulary,
  writeDataDirectory,
} from '../src/index.js';

describe('Vocabulary', () => {
  const v = Vocabulary.build([
    ['b', 'a', 'b'],
    ['c', 'a', 'b'],
  ]);

  it('orders by count, ties alphabetically, after <pad> and <unk>', () => {
    expect(v.words).toEqual(['<pad>', '<unk>', 'b', 'a', 'c']);
    expect(Vocabulary.build([['x', 'y', 'y']], 2).words).toEqual(['<pad>', '<unk>', 'y']);
  });

  it('pads at the end and truncates; unknown words map to <unk>', () => {
    expect(
      Array.from(
        v.encode(
          [
            ['a', 'zzz'],
            ['c', 'b', 'a', 'b'],
          ],
          3,
        ),
      ),
    ).toEqual([3, UNK_ID, PAD_ID, 4, 2, 3]);
  });

  it('rejects bad arguments', () => {
    expect(() => v.encode([['a']], 0)).toThrow('length must be an integer ≥ 1, got 0');
    expect(() => Vocabulary.build([], 0)).toThrow('minCount must be an integer ≥ 1, got 0');
    expect(() => new Vocabulary(['a'])).toThrow('words must start with <pad>, <unk>');
  });
});

describe('embeddingsFromText', () => {
  const v = Vocabulary.build([['good', 'beer']]);
  const initial = (dim: number) => new Float32Array(v.size * dim).fill(9);

  it('copies known words and keeps the initial rows of the others', () => {
    const e = embeddingsFromText('beer 1 2\nunseen 5 5\ngood 3 -4.5\n', 'e.txt', v, initial);
    expect(e.dim).toBe(2);
    expect(e.found).toBe(2);
    const row = (w: string) => Array.from(e.table.slice(v.id(w) * 2, v.id(w) * 2 + 2));
    expect(row('good')).toEqual([3, -4.5]);
    expect(row('beer')).toEqual([1, 2]);
    expect(Array.from(e.table.slice(0, 2))).toEqual([9, 9]);
  });

  it('names the file and line of a malformed vector', () => {
    expect(() => embeddingsFromText('good 1 2\nbeer 1\n', 'e.txt', v, initial)).toThrow(
      'e.txt:2: expected 2 numbers after the word, got 1',
    );
    expect(() => embeddingsFromText('good 1 x\n', 'e.txt', v, initial)).toThrow(
      'e.txt:1: value 2 must be a finite number, got "x"',
    );
    expect(() => embeddingsFromText('\n', 'e.txt', v, initial)).toThrow(
      'e.txt:1: the file holds no vectors',
    );
  });
});

describe('data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'l2x-data-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes synthetic data in the real format and reads back the same reviews', () => {
    const data = {
      train: syntheticReviews(1, 'train', 20).map(({ tokens, ratings }) => ({ tokens, ratings })),
      heldout: syntheticReviews(1, 'heldout', 5).map(({ tokens, ratings }) => ({
        tokens,
        ratings,
      })),
      test: syntheticReviews(1, 'test', 5),
    };
    writeDataDirectory(dir, data);
    expect(readDataDirectory(dir)).toEqual(data);
    expect(readFileSync(join(dir, 'train.txt'), 'utf8').split('\n')[0]).toMatch(
      /^(0|1|0\.\d) (0|1|0\.\d) (0|1|0\.\d) (0|1|0\.\d) (0|1|0\.\d)\t\S/,
    );
  });
});
