// Every malformed request: non-zero exit, one line on stderr naming the field and value, no stack.
import { describe, expect, it } from 'vitest';
import { runWithStdin } from './run-cli.js';

const tree = { structure: 'spanning-tree', op: 'marginals', scores: [1, 2, 3] };

const cases: [string, string, RegExp][] = [
  ['empty stdin', '', /got nothing/],
  ['bad JSON', '{"structure": ', /not valid JSON/],
  ['bad JSON quoting a multi-line input', 'nul\n\n', /not valid JSON/],
  [
    'infinite score',
    '{"structure":"k-subset","op":"marginals","scores":[1,2,1e999],"k":1}',
    /field "scores\[2\]" must be a finite number, got Infinity/,
  ],
  [
    'infinite temperature',
    '{"structure":"one-hot","op":"marginals","scores":[1,2],"temperature":-1e999}',
    /field "temperature" must be a finite number, got -Infinity/,
  ],
  ['not an object', '[1,2]', /must be a JSON object/],
  [
    'unknown field',
    JSON.stringify({ ...tree, temprature: 1 }),
    /field "temprature" is not a known field/,
  ],
  [
    'unknown structure',
    JSON.stringify({ ...tree, structure: 'forest' }),
    /field "structure" must be one of .*got "forest"/,
  ],
  [
    'unknown op',
    JSON.stringify({ ...tree, op: 'sample' }),
    /field "op" must be one of .*got "sample"/,
  ],
  [
    'missing scores',
    JSON.stringify({ structure: 'one-hot', op: 'argmax' }),
    /field "scores" must be a non-empty array.*got nothing/,
  ],
  [
    'empty scores',
    JSON.stringify({ ...tree, scores: [] }),
    /field "scores" must be a non-empty array/,
  ],
  [
    'string score',
    JSON.stringify({ ...tree, scores: [1, 'x', 3] }),
    /field "scores\[1\]" must be a finite number, got "x"/,
  ],
  [
    'NaN score (null in JSON)',
    JSON.stringify({ ...tree, scores: [1, Number.NaN, 3] }),
    /field "scores\[1\]" must be a finite number, got null/,
  ],
  [
    'ragged batch',
    JSON.stringify({
      ...tree,
      scores: [
        [1, 2, 3],
        [1, 2],
      ],
    }),
    /field "scores\[1\]" must have length 3 like scores\[0\] \(ragged batch\), got an array of length 2$/m,
  ],
  [
    'mixed batch',
    JSON.stringify({ ...tree, scores: [[1, 2, 3], 4] }),
    /field "scores\[1\]" must be an array of numbers/,
  ],
  [
    'bad tree length',
    JSON.stringify({ ...tree, scores: [1, 2, 3, 4] }),
    /scores must hold n\(n-1\)\/2 edge weights.*got 4/,
  ],
  [
    'bad batched tree length',
    JSON.stringify({ ...tree, scores: [[1, 2]] }),
    /scores\[0\] must hold n\(n-1\)\/2/,
  ],
  [
    'temperature zero',
    JSON.stringify({ ...tree, temperature: 0 }),
    /field "temperature" must be > 0, got 0/,
  ],
  [
    'temperature negative',
    JSON.stringify({ ...tree, temperature: -1 }),
    /field "temperature" must be > 0, got -1/,
  ],
  [
    'temperature string',
    JSON.stringify({ ...tree, temperature: 'hot' }),
    /field "temperature" must be a finite number, got "hot"/,
  ],
  [
    'maxRange zero',
    JSON.stringify({ ...tree, maxRange: 0 }),
    /field "maxRange" must be > 0, got 0/,
  ],
  [
    'maxRange on one-hot',
    JSON.stringify({ structure: 'one-hot', op: 'argmax', scores: [1], maxRange: 3 }),
    /field "maxRange" applies only to structure "spanning-tree"/,
  ],
  [
    'k missing',
    JSON.stringify({ structure: 'k-subset', op: 'argmax', scores: [1, 2] }),
    /field "k" is required/,
  ],
  [
    'k too big',
    JSON.stringify({ structure: 'k-subset', op: 'argmax', scores: [1, 2], k: 3 }),
    /field "k" must be an integer in 0..2 \(the number of scores per item\), got 3/,
  ],
  [
    'k negative',
    JSON.stringify({ structure: 'k-subset', op: 'argmax', scores: [1, 2], k: -1 }),
    /field "k" must be an integer in 0..2 .*, got -1/,
  ],
  [
    'k fractional',
    JSON.stringify({ structure: 'k-subset', op: 'argmax', scores: [1, 2], k: 1.5 }),
    /field "k" must be an integer in 0..2 .*, got 1.5/,
  ],
  [
    'k on a tree',
    JSON.stringify({ ...tree, k: 1 }),
    /field "k" applies only to structure "k-subset"/,
  ],
  ['vjp without g', JSON.stringify({ ...tree, op: 'vjp' }), /field "g" is required for op "vjp"/],
  [
    'vjp g wrong length',
    JSON.stringify({ ...tree, op: 'vjp', g: [1, 2] }),
    /field "g" must have the shape of scores \(3\)/,
  ],
  [
    'vjp g unbatched for a batch',
    JSON.stringify({ ...tree, op: 'vjp', scores: [[1, 2, 3]], g: [1, 2, 3] }),
    /field "g" must have the shape of scores \(1×3\)/,
  ],
  [
    'vjp g NaN',
    JSON.stringify({ ...tree, op: 'vjp', g: [1, 'NaN', 3] }),
    /field "g\[1\]" must be a finite number/,
  ],
  [
    'regularizer not offered by the structure',
    JSON.stringify({ ...tree, regularizer: 'euclidean' }),
    /field "regularizer" must be one of "ef-entropy", got "euclidean"/,
  ],
  [
    'unknown regularizer',
    JSON.stringify({
      structure: 'k-subset',
      op: 'marginals',
      scores: [1, 2],
      k: 1,
      regularizer: 'l1',
    }),
    /field "regularizer" must be one of "ef-entropy", "euclidean", "categorical-entropy", "binary-entropy", got "l1"/,
  ],
  [
    'rootMode on a tree',
    JSON.stringify({ ...tree, rootMode: 'single' }),
    /field "rootMode" applies only to structure/,
  ],
  [
    'unknown rootMode',
    JSON.stringify({
      structure: 'arborescence',
      op: 'argmax',
      scores: [0, 1, 2, 0],
      rootMode: 'forest',
    }),
    /field "rootMode" must be one of "multi", "single", got "forest"/,
  ],
  [
    'arborescence of one node',
    JSON.stringify({ structure: 'arborescence', op: 'argmax', scores: [0] }),
    /field "scores" must hold an n×n row-major matrix \(n\*n numbers, n >= 2\), got an array of length 1/,
  ],
  [
    'correlated scores not an object',
    JSON.stringify({ structure: 'correlated-k-subset', op: 'argmax', scores: [1, 2], k: 1 }),
    /field "scores" must be an object with fields "word", "pair", got \[1,2\]/,
  ],
  [
    'correlated pair of the wrong length',
    JSON.stringify({
      structure: 'correlated-k-subset',
      op: 'argmax',
      scores: { word: [1, 2, 3], pair: [1] },
      k: 1,
    }),
    /field "scores.pair" must hold m-1 = 2 adjacent-pair scores, got an array of length 1/,
  ],
  [
    'correlated unknown part',
    JSON.stringify({
      structure: 'correlated-k-subset',
      op: 'argmax',
      scores: { word: [1, 2], pair: [1], pairs: [] },
      k: 1,
    }),
    /field "scores.pairs" is not a part of scores/,
  ],
  [
    'correlated batch mismatch',
    JSON.stringify({
      structure: 'correlated-k-subset',
      op: 'argmax',
      scores: { word: [[1, 2]], pair: [1] },
      k: 1,
    }),
    /field "scores.pair" must be a batch of 1 like scores.word, got a single item/,
  ],
  [
    'permutation not square',
    JSON.stringify({ structure: 'permutation', op: 'argmax', scores: [1, 2, 3] }),
    /field "scores" must hold an n×n row-major matrix \(n\*n numbers, n >= 1\), got an array of length 3$/m,
  ],
  [
    'g with marginals',
    JSON.stringify({ ...tree, g: [1, 2, 3] }),
    /field "g" applies only to op "vjp"/,
  ],
];

describe('sst solve rejects malformed requests', () => {
  for (const [name, stdin, message] of cases) {
    it(name, async () => {
      const result = await runWithStdin(['solve'], stdin);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^sst solve: /);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('sst usage errors', () => {
  it('an unknown command exits 2 naming it', async () => {
    const result = await runWithStdin(['sovle'], '');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'sst: unknown command "sovle" (known: solve, bench, data, train, eval, export, infer, parse, explain)\n',
    );
  });

  it('no command prints the usage on stderr and exits 2', async () => {
    const result = await runWithStdin([], '');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^usage: sst <command>/);
  });

  it('a stray argument to solve is rejected', async () => {
    const result = await runWithStdin(['solve', 'request.json'], '{}');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'sst solve: takes no arguments, got "request.json" (the request is read from stdin)\n',
    );
  });

  it('--help prints the request format and exits 0', async () => {
    const result = await runWithStdin(['solve', '--help'], '');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n {2}one-hot +regularizer: ef-entropy \| sparsemax\n/);
  });
});

describe('failures that are not the request', () => {
  it('a solver RangeError the request checks cannot foresee is still a one-line user error', async () => {
    // Finite scores whose quotient by a tiny temperature overflows float64.
    const request = {
      structure: 'one-hot',
      op: 'marginals',
      scores: [1e308, 1],
      temperature: 1e-10,
    };
    const result = await runWithStdin(['solve'], JSON.stringify(request));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^sst solve: scores \/ temperature must be finite/);
  });
});
