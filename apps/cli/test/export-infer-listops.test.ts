// `sst export listops` / `sst infer` in process at tiny sizes (cpu): a checkpoint of
// `sst train listops`, exported and run by onnxruntime-node on a ListOps TSV file (and the same
// expressions as JSON, as raw token ids, and in batches), gives the same parse heads as
// `sst parse --json` on the checkpoint, expression by expression; every bad input is one line on
// stderr and writes nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NriModel } from '@sst-tricks/nri';
import { exportNri, readModelMetadata, weightsFromVariables } from '@sst-tricks/onnx-export';
import { readCheckpoint } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithStdin } from './run-cli.js';

const TINY = [
  ...['--train-size', '200', '--valid-size', '32', '--test-size', '32'],
  ...['--max-depth', '2', '--max-length', '14', '--embedding', '8', '--hidden', '8'],
  ...['--width', '8', '--batch', '8', '--backend', 'cpu', '--seed', '2'],
];
let dir: string;
let run: string;
let tsv: string;
let modelPath: string;
const cli = (argv: string[]) => runWithStdin(argv, '');
const expressions = () =>
  readFileSync(tsv, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t')[1]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-export-infer-listops-'));
  run = join(dir, 'run');
  const trained = await cli([
    'train',
    'listops',
    ...TINY,
    '--steps',
    '20',
    '--eval-every',
    '20',
    '--out',
    run,
  ]);
  expect(trained.code, trained.stderr).toBe(0);
  tsv = join(dir, 'exprs.tsv');
  const made = await cli([
    'data',
    'listops',
    '--count',
    '10',
    '--max-depth',
    '3',
    '--max-length',
    '24',
    '--seed',
    '7',
    '--out',
    tsv,
  ]);
  expect(made.code, made.stderr).toBe(0);
  modelPath = join(dir, 'listops.onnx');
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sst export listops / sst infer', () => {
  it('exports, and infer on the TSV file gives the heads of sst parse --json, expression by expression', async () => {
    const exported = await cli(['export', 'listops', '--checkpoint', run, '--out', modelPath]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /wrote .*listops.onnx \(\d+ bytes; listops, arborescence latent, structure arborescence, step 20\)/,
    );
    const meta = readModelMetadata(new Uint8Array(readFileSync(modelPath)), modelPath);
    expect(meta.training).toMatchObject({ step: 20, seed: 2, hidden: 8, embedding: 8 });

    const inferred = await cli(['infer', modelPath, '--input', tsv]);
    expect(inferred.stderr).toBe('');
    const out = JSON.parse(inferred.stdout);
    expect(out.model).toEqual({
      kind: 'listops',
      latent: 'arborescence',
      structure: meta.structure,
    });
    expect(out.count).toBe(10);
    const lengths = new Set<number>();
    for (const [i, expression] of expressions().entries()) {
      const parsed = await cli([
        'parse',
        '--checkpoint',
        run,
        '--json',
        '--backend',
        'cpu',
        expression,
      ]);
      expect(parsed.code, parsed.stderr).toBe(0);
      const p = JSON.parse(parsed.stdout);
      expect(out.results[i].tokens).toEqual(p.tokens);
      expect(out.results[i].heads).toEqual(p.heads);
      expect(out.results[i].edges).toEqual(p.arcs);
      lengths.add(p.tokens.length);
    }
    expect(lengths.size).toBeGreaterThan(2); // one padded batch of several lengths
  }, 120_000);

  it('gives the same parses from JSON expressions, raw token ids and in batches (throughput on stderr)', async () => {
    const whole = JSON.parse((await cli(['infer', modelPath, '--input', tsv])).stdout).results;
    const heads = (results: Array<{ heads: number[] }>) => results.map((r) => r.heads);
    const batched = await cli(['infer', modelPath, '--input', tsv, '--batch', '4']);
    expect(batched.stderr).toMatch(
      /sst infer: 10 items in 3 runs of ≤ 4: [\d.]+ s, \d+ items\/s \(onnxruntime-node \+ arborescence solver\)/,
    );
    expect(JSON.parse(batched.stdout).results).toEqual(whole);
    const json = join(dir, 'exprs.json');
    writeFileSync(json, JSON.stringify(expressions()));
    expect(
      heads(JSON.parse((await cli(['infer', modelPath, '--input', json])).stdout).results),
    ).toEqual(heads(whole));
    const tokens: string[][] = whole.map((r: { tokens: string[] }) => r.tokens);
    const VOCAB = ['<pad>', '[MIN', '[MAX', '[MED', '[SM', '[FIRST', '[LAST', ']', ...'0123456789'];
    const n = Math.max(...tokens.map((t) => t.length));
    const ids = tokens.map((t) => [
      ...t.map((x) => VOCAB.indexOf(x)),
      ...new Array(n - t.length).fill(0),
    ]);
    writeFileSync(json, JSON.stringify({ token_ids: ids, lengths: tokens.map((t) => t.length) }));
    const raw = JSON.parse(
      (await cli(['infer', modelPath, '--input', json, '--scores'])).stdout,
    ).results;
    expect(heads(raw)).toEqual(heads(whole));
    expect(raw[0].scores).toHaveLength(tokens[0].length);
    expect(raw[0].scores[0]).toHaveLength(tokens[0].length);
    writeFileSync(json, JSON.stringify({ token_ids: ids }));
    const padded = JSON.parse((await cli(['infer', modelPath, '--input', json])).stdout).results;
    expect(heads(padded)).toEqual(heads(whole));
    writeFileSync(json, JSON.stringify(tokens[1]));
    expect(
      heads(JSON.parse((await cli(['infer', modelPath, '--input', json])).stdout).results),
    ).toEqual([whole[1].heads]);
  }, 60_000);

  it('bad inputs: one line on stderr naming the thing, nothing written', async () => {
    const oneLine = async (argv: string[], pattern: RegExp) => {
      const r = await cli(argv);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    };
    const bad = join(dir, 'bad.json');
    const infer = ['infer', modelPath, '--input', bad];
    writeFileSync(bad, JSON.stringify({ token_ids: [[2, 9, 1.5, 7]] }));
    await oneLine(infer, /token_ids\[0\]\[2\] must be an integer token id in 0..17, got 1.5/);
    writeFileSync(bad, JSON.stringify({ token_ids: [[2, 9, 7]], lengths: [4] }));
    await oneLine(infer, /lengths\[0\] must be an integer in 2..3 \(its row's length\), got 4/);
    writeFileSync(bad, JSON.stringify(['[MAX 2 ]', '[MAX 2 [MIN ]']));
    await oneLine(infer, /bad.json\[1\]: /);
    writeFileSync(bad, JSON.stringify([[[[0.5, 0.1]]]]));
    await oneLine(
      infer,
      /bad.json\[0\] must be an expression string, a list of tokens or a list of integer token ids/,
    );
    writeFileSync(bad, JSON.stringify({ trajectories: [] }));
    await oneLine(infer, /has no field "expressions" or "token_ids" \(fields: trajectories\)/);

    // An NRI model and its dataset, crossed with the listops model and its TSV file.
    const nriData = join(dir, 'nri');
    expect(
      (
        await cli([
          'data',
          'nri',
          '--split',
          'test',
          '--count',
          '2',
          '--nodes',
          '5',
          '--frames',
          '4',
          '--out',
          nriData,
        ])
      ).code,
    ).toBe(0);
    const nriFile = join(nriData, (await readdir(nriData))[0]);
    await oneLine(
      ['infer', modelPath, '--input', nriFile],
      /is an NRI dataset file, but .*listops.onnx is a listops model/,
    );
    const nri = new NriModel({
      nodes: 5,
      frames: 4,
      hidden: 8,
      latent: 'spanning-tree',
      temperature: 1,
      seed: 0,
    });
    const nriModel = join(dir, 'nri.onnx');
    writeFileSync(
      nriModel,
      exportNri(weightsFromVariables(nri.variables), {
        nodes: 5,
        frames: 4,
        features: 2,
        hidden: 8,
        latent: 'spanning-tree',
      }).bytes,
    );
    nri.dispose();
    await oneLine(
      ['infer', nriModel, '--input', tsv],
      /is a ListOps TSV file, but .*nri.onnx is a nri model/,
    );
    writeFileSync(bad, JSON.stringify(expressions()));
    await oneLine(['infer', nriModel, '--input', bad], /must be a finite number, got "\[/);

    // export listops from a checkpoint of another model, and export nri from a listops one.
    const manifest = readCheckpoint(run).path;
    const foreign = join(run, 'step-999.json');
    const text = JSON.parse(readFileSync(manifest, 'utf8'));
    text.metadata = { ...text.metadata, model: 'nri' };
    writeFileSync(foreign, JSON.stringify(text));
    await oneLine(
      ['export', 'listops', '--checkpoint', foreign, '--out', join(dir, 'w.onnx')],
      /step-999.json is not a ListOps checkpoint \(its metadata has model "nri", not "listops-parser"\)/,
    );
    await rm(foreign);
    await oneLine(
      ['export', 'nri', '--checkpoint', run, '--out', join(dir, 'n.onnx')],
      /is not an NRI checkpoint \(its metadata has model "listops-parser", not "nri"\)/,
    );
    for (const f of ['w.onnx', 'n.onnx']) expect(existsSync(join(dir, f))).toBe(false);
  }, 120_000);
});
