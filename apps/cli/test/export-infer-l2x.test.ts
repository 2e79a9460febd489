// `sst export l2x` / `sst infer` on tiny trained L2X checkpoints (correlated-top-k and top-k,
// cpu): on the checkpoint's annotated test reviews, infer (padded to the training length)
// selects exactly the words `sst eval l2x`'s evaluation selects — the same subset precision,
// and the same masks as the restored model's `explain` on `encodeReviews` — and on review text
// (each at its own length) the words `sst explain --json` selects. Bad inputs: one line on
// stderr, nothing written.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aspectIndex,
  encodeReviews,
  parseAnnotations,
  subsetPrecisionCounts,
  Vocabulary,
} from '@sst-tricks/l2x';
import { NriModel } from '@sst-tricks/nri';
import { exportNri, readModelMetadata, weightsFromVariables } from '@sst-tricks/onnx-export';
import { selectBackend } from '@sst-tricks/sst-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadL2xCheckpoint } from '../src/eval-l2x/load-model.js';
import { runWithStdin } from './run-cli.js';

const RELAXATIONS = ['correlated-top-k', 'top-k'] as const;
const MAX_LENGTH = 40;
const TEXTS = [
  'the nose is not very inviting . pours a hazy amber .',
  'aroma of citrus and caramel , but the taste is weak',
  'a bit watery',
];
let dir: string;
let data: string;
const run = (r: string) => join(dir, `run-${r}`);
const onnx = (r: string) => join(dir, `${r}.onnx`);
const cli = (argv: string[]) => runWithStdin(argv, '');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-export-infer-l2x-'));
  data = join(dir, 'data');
  const made = await cli([
    'data',
    'l2x',
    '--out',
    data,
    '--train',
    '80',
    '--heldout',
    '1',
    '--test',
    '24',
  ]);
  expect(made.code).toBe(0);
  for (const relaxation of RELAXATIONS) {
    const trained = await cli([
      'train',
      'l2x',
      '--aspect',
      'aroma',
      '--k',
      '4',
      '--relaxation',
      relaxation,
      '--data-dir',
      data,
      '--steps',
      '4',
      '--batch',
      '4',
      '--hidden',
      '8',
      '--embedding',
      '8',
      '--max-length',
      String(MAX_LENGTH),
      '--out',
      run(relaxation),
      '--backend',
      'cpu',
    ]);
    expect(trained.code).toBe(0);
    const exported = await cli([
      'export',
      'l2x',
      '--checkpoint',
      run(relaxation),
      '--out',
      onnx(relaxation),
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toMatch(
      new RegExp(
        `wrote .*${relaxation}.onnx \\(\\d+ bytes; l2x, ${relaxation} latent, structure ${relaxation}, step 4\\)`,
      ),
    );
  }
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sst export l2x / sst infer', () => {
  for (const relaxation of RELAXATIONS) {
    it(`${relaxation}: infer on annotations.json selects what sst eval l2x selects`, async () => {
      const annotations = join(data, 'annotations.json');
      const inferred = await cli(['infer', onnx(relaxation), '--input', annotations]);
      expect(inferred.stderr).toBe('');
      const out = JSON.parse(inferred.stdout);
      expect(out.model).toEqual({
        kind: 'l2x',
        latent: relaxation,
        structure: relaxation === 'top-k' ? { name: 'top-k', k: 4 } : { name: relaxation, k: 4 },
        aspect: 'aroma',
      });
      expect(out.padding).toBe('max-length');
      const reviews = parseAnnotations(readFileSync(annotations, 'utf8'), annotations);
      expect(out.count).toBe(reviews.length);
      // The evaluation's own selection: the restored checkpoint's explain on encodeReviews.
      await selectBackend('cpu');
      const { model, vocabulary } = loadL2xCheckpoint(run(relaxation));
      const set = encodeReviews(reviews, vocabulary, aspectIndex('aroma'), MAX_LENGTH);
      const { selection } = model.explain(set);
      model.dispose();
      const mask = new Float32Array(reviews.length * MAX_LENGTH);
      out.results.forEach((r: { selected: number[]; words: string[] }, i: number) => {
        for (const s of r.selected) mask[i * MAX_LENGTH + s] = 1;
        expect(r.words).toEqual(r.selected.map((s) => reviews[i].tokens[s]));
      });
      expect(Array.from(mask)).toEqual(Array.from(selection));
      // …and so the same subset precision `sst eval l2x` prints.
      const evaluated = JSON.parse(
        (await cli(['eval', 'l2x', '--checkpoint', run(relaxation), '--backend', 'cpu'])).stdout,
      );
      const spans = reviews.map((r) => (r.spans ?? [])[aspectIndex('aroma')]);
      const c = subsetPrecisionCounts(mask, MAX_LENGTH, spans);
      expect(c.inside / c.selected).toBeCloseTo(evaluated.precision, 12);
    }, 60_000);

    it(`${relaxation}: --pad review on review text selects what sst explain --json selects`, async () => {
      const json = join(dir, `texts-${relaxation}.json`);
      writeFileSync(json, JSON.stringify({ reviews: TEXTS }));
      const out = JSON.parse(
        (await cli(['infer', onnx(relaxation), '--input', json, '--pad', 'review', '--scores']))
          .stdout,
      );
      for (const [i, text] of TEXTS.entries()) {
        const explained = await cli(['explain', '--checkpoint', run(relaxation), '--json', text]);
        const e = JSON.parse(explained.stdout);
        expect(out.results[i].selected).toEqual(e.selected);
        expect(out.results[i].words).toEqual(e.selected.map((s: number) => e.tokens[s]));
        expect(out.results[i].scores).toHaveLength(e.tokens.length);
      }
      // Token ids in, the same selection out (words from the metadata vocabulary).
      const vocabulary = new Vocabulary(
        readModelMetadata(new Uint8Array(readFileSync(onnx(relaxation))), 'm').vocabulary ?? [],
      );
      const ids = join(dir, `ids-${relaxation}.json`);
      const tokens = out.results.map((_: unknown, i: number) =>
        TEXTS[i]
          .replace(/([.,])/g, ' $1 ')
          .split(/\s+/)
          .filter((t) => t !== ''),
      );
      writeFileSync(
        ids,
        JSON.stringify({ token_ids: tokens.map((t: string[]) => t.map((w) => vocabulary.id(w))) }),
      );
      const fromIds = JSON.parse(
        (await cli(['infer', onnx(relaxation), '--input', ids, '--pad', 'review'])).stdout,
      );
      expect(fromIds.results.map((r: { selected: number[] }) => r.selected)).toEqual(
        out.results.map((r: { selected: number[] }) => r.selected),
      );
    }, 60_000);
  }

  it('gives the same results in batches, with the throughput on stderr; reads reviews files', async () => {
    const path = onnx('correlated-top-k');
    const input = join(data, 'annotations.json');
    const whole = JSON.parse((await cli(['infer', path, '--input', input])).stdout);
    const batched = await cli(['infer', path, '--input', input, '--batch', '5']);
    expect(batched.stderr).toMatch(
      /^sst infer: 24 reviews in 5 runs of ≤ 5: [\d.]+ s, \d+ reviews\/s \(onnxruntime-node \+ correlated-top-k solver, --pad max-length\)\n$/,
    );
    expect(JSON.parse(batched.stdout).results).toEqual(whole.results);
    const train = JSON.parse(
      (await cli(['infer', path, '--input', join(data, 'train.txt')])).stdout,
    );
    expect(train.count).toBe(80);
  }, 60_000);

  it('--predictor writes the rating predictor (kind l2x-predictor), which infer refuses', async () => {
    const path = join(dir, 'predictor.onnx');
    const exported = await cli([
      'export',
      'l2x',
      '--checkpoint',
      run('top-k'),
      '--out',
      path,
      '--predictor',
    ]);
    expect(exported.stdout).toMatch(
      /wrote .*predictor.onnx \(\d+ bytes; l2x-predictor, top-k latent/,
    );
    expect(readModelMetadata(new Uint8Array(readFileSync(path)), path).modelKind).toBe(
      'l2x-predictor',
    );
    const inferred = await cli(['infer', path, '--input', join(data, 'annotations.json')]);
    expect(inferred.code).toBe(1);
    expect(inferred.stderr).toMatch(/expected one input and one output, the model has 2 and 1\n$/);
  }, 60_000);

  it('bad inputs: one line on stderr, nothing on stdout or disk', async () => {
    const l2x = onnx('correlated-top-k');
    const nriModel = new NriModel({
      nodes: 5,
      frames: 4,
      hidden: 8,
      latent: 'spanning-tree',
      temperature: 1,
      seed: 1,
    });
    const nri = join(dir, 'nri.onnx');
    writeFileSync(
      nri,
      exportNri(weightsFromVariables(nriModel.variables), {
        nodes: 5,
        frames: 4,
        features: 2,
        hidden: 8,
        latent: 'spanning-tree',
      }).bytes,
    );
    nriModel.dispose();
    const nriJson = join(dir, 'nri-input.json');
    writeFileSync(nriJson, JSON.stringify([[[[0.5, 0.25]]]]));
    const binary = join(dir, 'binary.bin');
    writeFileSync(binary, Buffer.from([1, 0, 2, 0, 3]));
    const write = (name: string, value: unknown) => {
      const p = join(dir, name);
      writeFileSync(p, JSON.stringify(value));
      return p;
    };
    const nriRun = join(dir, 'run-nri');
    const nriTrained = await cli([
      'train',
      'nri',
      '--latent',
      'spanning-tree',
      '--nodes',
      '5',
      '--frames',
      '4',
      '--hidden',
      '8',
      '--batch',
      '4',
      '--steps',
      '1',
      '--eval-every',
      '1',
      '--backend',
      'cpu',
      '--out',
      nriRun,
    ]);
    expect(nriTrained.code).toBe(0);
    const cases: [string[], RegExp][] = [
      [
        ['export', 'nri', '--checkpoint', nriRun, '--out', join(dir, 'x.onnx'), '--predictor'],
        /--predictor applies to l2x only/,
      ],
      [
        ['export', 'l2x', '--checkpoint', nriRun, '--out', join(dir, 'x.onnx')],
        /is not an L2X checkpoint \(its metadata has model "nri", not "l2x"\)/,
      ],
      [['infer', l2x, '--input', nriJson], /token_ids|reviews|must be a token id/],
      [['infer', l2x, '--input', binary], /a binary file \(an NRI dataset\?\), not reviews/],
      [['infer', nri, '--input', join(data, 'train.txt')], /--input .*train.txt/],
      [
        ['infer', nri, '--input', write('texts.json', { reviews: TEXTS })],
        /has no field "trajectories"/,
      ],
      [
        ['infer', nri, '--input', join(data, 'annotations.json'), '--pad', 'review'],
        /--pad applies to l2x models only/,
      ],
      [
        ['infer', l2x, '--input', write('float.json', { token_ids: [[2, 3.5, 4]] })],
        /token_ids\[0\]\[1\] must be a token id, an integer in \[0, \d+\), got 3.5/,
      ],
      [
        ['infer', l2x, '--input', write('range.json', [[2, 99999]])],
        /\[0\]\[1\] must be a token id, an integer in \[0, \d+\), got 99999/,
      ],
      [
        ['infer', l2x, '--input', write('empty.json', { reviews: [] })],
        /must be a non-empty array of reviews/,
      ],
      [
        ['infer', l2x, '--input', join(data, 'annotations.json'), '--pad', 'none'],
        /--pad must be one of max-length, review, got "none"/,
      ],
      [
        ['export', 'l2x', '--checkpoint', join(dir, 'nope'), '--out', join(dir, 'x.onnx')],
        /--checkpoint/,
      ],
      [
        ['export', 'nri', '--checkpoint', run('top-k'), '--out', join(dir, 'x.onnx')],
        /is not an NRI checkpoint \(its metadata has model "l2x", not "nri"\)/,
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(argv);
      expect(result.code, argv.join(' ')).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(dir, 'x.onnx'))).toBe(false);
  }, 60_000);
});
