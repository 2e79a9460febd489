// `sst export nri` / `sst infer`, in process at tiny sizes (n = 5, T = 4, width 8, cpu): a trained
// checkpoint's exported encoder, run by onnxruntime-node on an NRI dataset file (and the same
// items as JSON, and in batches), gives the same trees as Kruskal on the logits of the model
// restored from the checkpoint in tfjs (its hard sample without noise); every bad input is one
// line on stderr and writes nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NriModel, readDatasetBatches } from '@sst-tricks/nri';
import {
  encodeMetadata,
  exportNri,
  GraphBuilder,
  readModelMetadata,
  weightsFromVariables,
} from '@sst-tricks/onnx-export';
import { nriEncoderLogits } from '@sst-tricks/onnx-export/parity';
import { selectBackend } from '@sst-tricks/sst-core';
import { kruskalArgmax } from '@sst-tricks/sst-solvers';
import { readCheckpoint, restoreVariables } from '@sst-tricks/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithStdin } from './run-cli.js';

const TINY = { nodes: 5, frames: 4, hidden: 8 };
let dir: string;
let run: string;
let data: string;
let modelPath: string;

const cli = (argv: string[]) => runWithStdin(argv, '');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-export-infer-'));
  run = join(dir, 'run');
  const flags = ['--nodes', '5', '--frames', '4', '--backend', 'cpu'];
  const trained = await cli([
    'train',
    'nri',
    '--latent',
    'spanning-tree',
    ...flags,
    '--hidden',
    '8',
    '--batch',
    '4',
    '--steps',
    '6',
    '--eval-every',
    '6',
    '--out',
    run,
    '--seed',
    '3',
  ]);
  expect(trained.code).toBe(0);
  const made = await cli([
    'data',
    'nri',
    '--split',
    'test',
    '--count',
    '12',
    '--out',
    join(dir, 'data'),
    '--nodes',
    '5',
    '--frames',
    '4',
    '--seed',
    '9',
  ]);
  expect(made.code).toBe(0);
  data = join(dir, 'data', (await readdir(join(dir, 'data')))[0]);
  modelPath = join(dir, 'model.onnx');
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The trees of the checkpoint's model: tfjs encoder logits (evaluation mode) → Kruskal. */
async function checkpointTrees(): Promise<number[][][]> {
  await selectBackend('cpu');
  const checkpoint = readCheckpoint(run);
  const model = new NriModel({ ...TINY, latent: 'spanning-tree', temperature: 1, seed: 0 });
  try {
    restoreVariables(model.variables, checkpoint);
    const trees: number[][][] = [];
    for await (const batch of readDatasetBatches(data, 100)) {
      const logits = nriEncoderLogits(model, batch.trajectories, batch.count);
      const mask = kruskalArgmax(Float64Array.from(logits), TINY.nodes);
      const edges: number[][] = [];
      for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push([i, j]);
      for (let b = 0; b < batch.count; b++)
        trees.push(edges.filter((_, e) => mask[b * edges.length + e] === 1));
    }
    return trees;
  } finally {
    model.dispose();
  }
}

describe('sst export nri / sst infer', () => {
  it('exports, and infer on the dataset recovers the checkpoint model’s trees', async () => {
    const exported = await cli(['export', 'nri', '--checkpoint', run, '--out', modelPath]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /wrote .*model.onnx \(\d+ bytes; nri, spanning-tree latent, structure spanning-tree, step 6\)/,
    );
    const meta = readModelMetadata(new Uint8Array(readFileSync(modelPath)), modelPath);
    expect(meta.structure).toEqual({ name: 'spanning-tree', nodes: 5 });
    expect(meta.training).toMatchObject({ step: 6, seed: 3, hidden: 8 });

    const inferred = await cli(['infer', modelPath, '--input', data]);
    expect(inferred.code).toBe(0);
    const out = JSON.parse(inferred.stdout);
    expect(out.model).toEqual({ kind: 'nri', latent: 'spanning-tree', structure: meta.structure });
    expect(out.count).toBe(12);
    expect(out.results.map((r: { edges: number[][] }) => r.edges)).toEqual(await checkpointTrees());
  }, 60_000);

  it('gives the same results from JSON input, in batches (throughput on stderr), with scores', async () => {
    const whole = JSON.parse((await cli(['infer', modelPath, '--input', data])).stdout);
    const batched = await cli(['infer', modelPath, '--input', data, '--batch', '5']);
    expect(batched.stderr).toMatch(/sst infer: 12 items in 3 runs of ≤ 5: [\d.]+ s, \d+ items\/s/);
    expect(JSON.parse(batched.stdout).results).toEqual(whole.results);
    const samples: number[][][][] = [];
    for await (const batch of readDatasetBatches(data, 2)) {
      for (let b = 0; b < batch.count; b++) {
        const t = batch.trajectories;
        samples.push(
          Array.from({ length: 4 }, (_, f) =>
            Array.from({ length: 5 }, (_, n) =>
              Array.from(t.subarray(((b * 4 + f) * 5 + n) * 2, ((b * 4 + f) * 5 + n) * 2 + 2)),
            ),
          ),
        );
      }
      break;
    }
    const json = join(dir, 'two.json');
    writeFileSync(json, JSON.stringify({ trajectories: samples }));
    const fromJson = JSON.parse(
      (await cli(['infer', modelPath, '--input', json, '--scores'])).stdout,
    );
    expect(fromJson.results.map((r: { edges: unknown }) => r.edges)).toEqual(
      whole.results.slice(0, 2).map((r: { edges: unknown }) => r.edges),
    );
    expect(fromJson.results[0].scores).toHaveLength(10);
    const one = join(dir, 'one.json');
    writeFileSync(one, JSON.stringify(samples[1]));
    expect(JSON.parse((await cli(['infer', modelPath, '--input', one])).stdout).results).toEqual(
      whole.results.slice(1, 2),
    );
  }, 60_000);

  it('top-k and independent models: the k best edges and the argmax edge types of the tfjs logits', async () => {
    await selectBackend('cpu');
    const x = Array.from({ length: 3 }, (_, b) =>
      Array.from({ length: 4 }, (_, f) =>
        Array.from({ length: 5 }, (_, n) => [
          Math.sin(b + f * 0.7 + n),
          Math.cos(b * 1.3 + n * 0.4 - f),
        ]),
      ),
    );
    const json = join(dir, 'three.json');
    writeFileSync(json, JSON.stringify(x));
    const flat = Float32Array.from(x.flat(3));
    for (const latent of ['top-k', 'independent'] as const) {
      const model = new NriModel({ ...TINY, latent, temperature: 1, seed: 4 });
      try {
        const path = join(dir, `${latent}.onnx`);
        const config = { ...TINY, features: 2, latent };
        writeFileSync(path, exportNri(weightsFromVariables(model.variables), config).bytes);
        const out = JSON.parse((await cli(['infer', path, '--input', json])).stdout);
        const logits = nriEncoderLogits(model, flat, 3);
        if (latent === 'top-k') {
          const best = (b: number) =>
            Array.from(logits.subarray(b * 10, b * 10 + 10), (v, e) => [v, e])
              .sort((p, q) => q[0] - p[0])
              .slice(0, 4)
              .map((p) => p[1])
              .sort((p, q) => p - q);
          expect(out.results.map((r: { selected: number[] }) => r.selected)).toEqual(
            [0, 1, 2].map(best),
          );
        } else {
          const types = (b: number) =>
            Array.from({ length: 20 }, (_, e) =>
              logits[(b * 20 + e) * 2 + 1] > logits[(b * 20 + e) * 2] ? 1 : 0,
            );
          expect(out.results.map((r: { types: number[] }) => r.types)).toEqual(
            [0, 1, 2].map(types),
          );
        }
      } finally {
        model.dispose();
      }
    }
    writeFileSync(json, JSON.stringify([[[[0, 'a']]]]));
    expect((await cli(['infer', modelPath, '--input', json])).stderr).toMatch(
      /\[0\]\[0\]\[0\]\[1\] must be a finite number, got "a"/,
    );
  }, 60_000);

  it('bad inputs: one line on stderr naming the thing, nothing written', async () => {
    const oneLine = (r: { stderr: string }) => expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await cli(['infer', join(dir, 'nope.onnx'), '--input', data]);
    expect(missing.stderr).toMatch(/^sst infer: .*nope.onnx: no such model file\n$/);
    const notOnnx = await cli(['infer', data, '--input', data]);
    expect(notOnnx.stderr).toMatch(/^sst infer: .*: not an ONNX model/);
    oneLine(notOnnx);
    const noInput = await cli(['infer', modelPath, '--input', join(dir, 'missing.json')]);
    expect(noInput.stderr).toMatch(/--input .*missing.json: no such file/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ trajectories: [[[[0, 0]]]] }));
    const shape = await cli(['infer', modelPath, '--input', bad]);
    expect(shape.stderr).toMatch(
      /trajectories has shape \[1, 1, 1, 2\]; .*model.onnx expects \[batch, 4, 5, 2\]/,
    );
    writeFileSync(bad, JSON.stringify({ positions: [] }));
    expect((await cli(['infer', modelPath, '--input', bad])).stderr).toMatch(
      /has no field "trajectories" \(the model's input; fields: positions\)/,
    );
    writeFileSync(bad, '[[1, 2], [3]]');
    expect((await cli(['infer', modelPath, '--input', bad])).stderr).toMatch(
      /--input .*bad.json\[1\] must be an array of 2 \(the array is ragged\)/,
    );

    // An ONNX file of another model kind, given an NRI dataset.
    const g = new GraphBuilder('other');
    const x = g.input('tokens', 'float32', ['batch', 4, 5, 2], 'tokens');
    g.output(g.elu(x, 1, 'scores'), 'scores');
    const other = join(dir, 'other.onnx');
    const metadata = encodeMetadata({
      packageVersion: '0',
      modelKind: 'listops',
      latent: 'arborescence',
      structure: { name: 'top-k', k: 1, items: 40 },
      training: {},
    });
    writeFileSync(
      other,
      g.toBytes({ producerName: 't', producerVersion: '0', docString: 'd', metadata }),
    );
    expect((await cli(['infer', other, '--input', data])).stderr).toMatch(
      /is an NRI dataset file, but .*other.onnx is a listops model/,
    );

    // export: unknown kind, missing checkpoint, a checkpoint of another model, missing --out dir.
    expect(
      (await cli(['export', 'foo', '--checkpoint', run, '--out', join(dir, 'l.onnx')])).stderr,
    ).toMatch(/no exporter for model kind "foo" \(known: nri, listops, l2x\)/);
    expect(
      (
        await cli([
          'export',
          'nri',
          '--checkpoint',
          join(dir, 'none'),
          '--out',
          join(dir, 'n.onnx'),
        ])
      ).stderr,
    ).toMatch(/--checkpoint .*none.*does not exist/);
    const manifest = readCheckpoint(run).path;
    const foreign = join(run, 'step-999.json');
    const text = JSON.parse(readFileSync(manifest, 'utf8'));
    text.metadata = { ...text.metadata, model: 'l2x' };
    writeFileSync(foreign, JSON.stringify(text));
    const wrong = await cli([
      'export',
      'nri',
      '--checkpoint',
      foreign,
      '--out',
      join(dir, 'w.onnx'),
    ]);
    expect(wrong.stderr).toMatch(
      /step-999.json is not an NRI checkpoint \(its metadata has model "l2x", not "nri"\)/,
    );
    await rm(foreign);
    const nodir = await cli([
      'export',
      'nri',
      '--checkpoint',
      run,
      '--out',
      join(dir, 'no', 'm.onnx'),
    ]);
    expect(nodir.stderr).toMatch(/--out .*: the directory .*no does not exist/);
    for (const f of ['l.onnx', 'n.onnx', 'w.onnx']) expect(existsSync(join(dir, f))).toBe(false);
  }, 60_000);
});
