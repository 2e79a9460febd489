// The real-format loader on a hand-written file pair, round trips, and malformed input.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatAnnotations,
  formatReviews,
  L2xDataError,
  parseAnnotations,
  parseReviews,
} from '../src/index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const reviewsText = readFileSync(fixture('reviews.txt'), 'utf8');
const annotationsText = readFileSync(fixture('annotations.json'), 'utf8');

describe('reviews file', () => {
  it('reads the hand-written file', () => {
    const reviews = parseReviews(reviewsText, 'reviews.txt');
    expect(reviews).toHaveLength(2);
    expect(reviews[0].ratings).toEqual([0.7, 0.8, 0.6, 0.7, 0.75]);
    expect(reviews[0].tokens.slice(0, 4)).toEqual(['pours', 'a', 'hazy', 'gold']);
    expect(reviews[1].tokens).toEqual(['smells', 'skunky', '.', 'thin', 'body', '.']);
  });

  it('round-trips byte for byte', () => {
    expect(formatReviews(parseReviews(reviewsText, 'f'))).toBe(reviewsText);
  });

  it.each([
    ['0.1 0.2 0.3 0.4 0.5 no tab', 'f:1: expected "<five ratings>\\t<tokens>", found no tab'],
    ['0.1 0.2 0.3 0.4\tfour ratings', 'f:1: expected 5 ratings before the tab, got 4'],
    ['0.1 0.2 x 0.4 0.5\tt', 'f:1: rating 2 must be a number in [0, 1], got "x"'],
    ['0.1 0.2 1.5 0.4 0.5\tt', 'f:1: rating 2 must be a number in [0, 1], got 1.5'],
    ['0.1 0.2 0.3 0.4 0.5\t  ', 'f:1: the review has no tokens'],
  ])('rejects %j with file and line', (line, message) => {
    expect(() => parseReviews(line, 'f')).toThrow(message);
    expect(() => parseReviews(`0 0 0 0 0\tok\n${line}\n`, 'f')).toThrow(
      message.replace('f:1', 'f:2'),
    );
    expect(() => parseReviews(line, 'f')).toThrow(L2xDataError);
  });
});

describe('annotations file', () => {
  it('reads the hand-written file; a missing aspect key is no span', () => {
    const reviews = parseAnnotations(annotationsText, 'annotations.json');
    expect(reviews[0].spans).toEqual([[[0, 5]], [[5, 12]], [], [], []]);
    expect(reviews[1].spans).toEqual([[], [[0, 3]], [[3, 6]], [], []]);
    expect(reviews[1].ratings).toEqual([0.2, 0.1, 0.3, 0.2, 0.2]);
  });

  it('round-trips (the written file parses to the same reviews)', () => {
    const reviews = parseAnnotations(annotationsText, 'a');
    const again = parseAnnotations(formatAnnotations(reviews), 'a');
    expect(again).toEqual(reviews);
  });

  it.each([
    [
      '{"x": ["a"], "y": [0, 0, 0, 0, 0], "1": [[0, 2]]}',
      'a:1: "1"[0] must be [start, end) with 0 ≤ start < end ≤ 1',
    ],
    ['{"x": ["a"], "y": [0, 0, 0, 0, 0], "1": [[1, 1]]}', 'a:1: "1"[0] must be [start, end)'],
    ['{"x": ["a"], "y": [0, 0, 0, 0]}', 'a:1: "y" must be a list of 5 ratings'],
    ['{"x": [], "y": [0, 0, 0, 0, 0]}', 'a:1: "x" must be a non-empty list'],
    ['{"x": ["a"], "y": [0, 0, 0, 0, 2]}', 'a:1: "y"[4] must be a number in [0, 1], got 2'],
    ['{"x": ["a"], "y": [0, 0, 0, 0, 0], "0": 3}', 'a:1: "0" must be a list of [start, end) spans'],
    ['[1, 2]', 'a:1: expected a JSON object'],
    ['{"x": ', 'a:1: not JSON'],
  ])('rejects %s with file and line', (line, message) => {
    expect(() => parseAnnotations(line, 'a')).toThrow(message);
    const good = '{"x": ["a"], "y": [0, 0, 0, 0, 0]}';
    expect(() => parseAnnotations(`${good}\n${good}\n${line}`, 'a')).toThrow(
      message.replace('a:1', 'a:3'),
    );
  });
});
