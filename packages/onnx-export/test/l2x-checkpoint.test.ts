// From a real training checkpoint (a few trainL2x steps on synthetic reviews): the exported
// explainer matches the model restored from the same checkpoint on the checkpoint's own encoded
// reviews, its metadata carries the vocabulary and configuration, it passes Python's
// onnx.checker where /usr/bin/python3 has onnx, and a checkpoint of another model is refused.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { L2xModel, syntheticReviews, trainL2x, Vocabulary } from '@sst-tricks/l2x';
import { describeOnCpu } from '@sst-tricks/sst-core/testing';
import type { LoadedCheckpoint } from '@sst-tricks/training';
import { readCheckpoint, restoreVariables } from '@sst-tricks/training';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  exportL2x,
  exportL2xCheckpoint,
  getExporter,
  l2xConfigFromMetadata,
  OnnxExportError,
  readModelMetadata,
  weightsFromVariables,
} from '../src/index.js';
import { l2xExplainerLogits, openL2xSession } from '../src/parity/index.js';
import { smallL2xConfig, smallL2xModel } from './l2x-helpers.js';

const PYTHON = '/usr/bin/python3';
const hasPythonOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
const sizes = { embedding: 8, hidden: 12, k: 4, maxLength: 40 } as const;
let dir: string;

describeOnCpu('L2X checkpoint export', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onnx-l2x-'));
    const { model } = await trainL2x({
      data: {
        train: syntheticReviews(0, 'train', 60),
        heldout: [],
        test: syntheticReviews(0, 'test', 8),
      },
      aspect: 'aroma',
      relaxation: 'correlated-top-k',
      ...sizes,
      batchSize: 4,
      steps: 3,
      checkpointDirectory: dir,
      seed: 5,
    });
    model.dispose();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches the restored model on encoded reviews; metadata has the vocabulary', async () => {
    const checkpoint = readCheckpoint(dir);
    const exported = getExporter('l2x').exportCheckpoint(checkpoint);
    const meta = checkpoint.manifest.metadata as { vocabulary: string[] };
    const read = readModelMetadata(exported.bytes, 'model.onnx');
    expect(read.modelKind).toBe('l2x');
    expect(read.latent).toBe('correlated-top-k');
    expect(read.structure).toEqual({ name: 'correlated-top-k', k: 4 });
    expect(read.vocabulary).toEqual(meta.vocabulary);
    expect(read.training).toMatchObject({ ...sizes, aspect: 'aroma', step: 3, seed: 5 });
    expect((read.training.checkpoint as Record<string, unknown>).vocabulary).toBeUndefined();
    const vocabulary = new Vocabulary(meta.vocabulary);
    const model = new L2xModel({
      vocabulary: vocabulary.size,
      relaxation: 'correlated-top-k',
      k: 4,
      temperature: 0.5,
      embedding: 8,
      hidden: 12,
      seed: 0,
    });
    const session = await openL2xSession('node', exported.bytes);
    try {
      restoreVariables(model.variables, checkpoint);
      // Unseen reviews (some words <unk>), padded to the training length as `sst eval l2x` does.
      const reviews = syntheticReviews(1, 'test', 6).map((r) => r.tokens);
      const ids = vocabulary.encode(reviews, sizes.maxLength);
      const expected = l2xExplainerLogits(model, ids, 6, sizes.maxLength);
      const actual = await session.run(ids, 6, sizes.maxLength);
      const diff = (a: Float32Array, b: Float32Array) =>
        a.reduce((d, v, i) => Math.max(d, Math.abs(v - b[i])), 0);
      expect(diff(actual.word, expected.word)).toBeLessThanOrEqual(1e-4);
      expect(diff(actual.pair as Float32Array, expected.pair as Float32Array)).toBeLessThanOrEqual(
        1e-4,
      );
    } finally {
      await session.release();
      model.dispose();
    }
  });

  it('refuses a checkpoint of another model, naming it', () => {
    const checkpoint = readCheckpoint(dir);
    const other = {
      ...checkpoint,
      manifest: { ...checkpoint.manifest, metadata: { model: 'nri', latent: 'spanning-tree' } },
    } as unknown as LoadedCheckpoint;
    expect(() => exportL2xCheckpoint(other)).toThrow(OnnxExportError);
    expect(() => exportL2xCheckpoint(other)).toThrow(
      /is not an L2X checkpoint \(its metadata has model "nri", not "l2x"\)/,
    );
    expect(() => getExporter('nri').exportCheckpoint(checkpoint)).toThrow(
      /is not an NRI checkpoint \(its metadata has model "l2x", not "nri"\)/,
    );
    expect(() => l2xConfigFromMetadata({ model: 'l2x', relaxation: 'x' }, 'c')).toThrow(
      /metadata relaxation must be one of l2x, softsub, top-k, correlated-top-k, got "x"/,
    );
  });

  it('names a mis-shaped or missing variable', () => {
    const model = smallL2xModel('top-k');
    try {
      const weights = new Map(weightsFromVariables(model.variables));
      expect(() => exportL2x(weights, { ...smallL2xConfig('top-k'), hidden: 10 })).toThrow(
        /variable 'explainer.conv1.weights' has shape \[24, 12\], the model configuration needs \[24, 10\]/,
      );
      weights.delete('explainer.merge.weights');
      expect(() => exportL2x(weights, smallL2xConfig('top-k'))).toThrow(
        /variable 'explainer.merge.weights' is missing/,
      );
      // A top-k model has no pair layer: exporting it as correlated names the missing layer.
      expect(() =>
        exportL2x(weightsFromVariables(model.variables), smallL2xConfig('correlated-top-k')),
      ).toThrow(/variable 'explainer.pair.weights' is missing/);
    } finally {
      model.dispose();
    }
  });

  it.skipIf(!hasPythonOnnx)('passes onnx.checker.check_model(full_check=True)', () => {
    const path = join(dir, 'model.onnx');
    writeFileSync(path, exportL2xCheckpoint(readCheckpoint(dir)).bytes);
    const script = `import onnx, sys\nm = onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\nprint(m.opset_import[0].version, [o.name for o in m.graph.output], [p.key for p in m.metadata_props])`;
    const out = execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' });
    expect(out).toContain("17 ['word_logits', 'pair_logits']");
    expect(out).toContain('sst.vocabulary');
  });
});
