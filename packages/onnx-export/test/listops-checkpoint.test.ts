// From a real training checkpoint (a few trainListOps steps): the exported arc scorer matches the
// model restored from the same checkpoint on the validation expressions and on random batches,
// and the arborescence read off the ONNX scores by applyStructure is the model's own hard parse
// (its evaluation-mode latent graph), item for item. The file passes Python's onnx.checker
// where /usr/bin/python3 has onnx.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkListOpsMetadata,
  encodeBatch,
  loadSplits,
  modelFromMetadata,
  predictedArcs,
  trainListOps,
} from '@sst-tricks/listops-parser';
import { describeOnCpu } from '@sst-tricks/sst-core/testing';
import { readCheckpoint, restoreVariables } from '@sst-tricks/training';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  applyStructure,
  getExporter,
  LISTOPS_LENGTHS_INPUT,
  LISTOPS_OUTPUT,
  LISTOPS_TOKENS_INPUT,
} from '../src/index.js';
import { listOpsArcScores, openSession, runListOpsParity } from '../src/parity/index.js';

const PYTHON = '/usr/bin/python3';
const hasPythonOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
const data = { train: 64, valid: 24, test: 8, maxDepth: 2, maxLength: 16, seed: 2 };
let dir: string;

describeOnCpu('ListOps checkpoint export', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onnx-listops-'));
    const { model } = await trainListOps({
      latent: 'arborescence',
      embedding: 8,
      hidden: 8,
      width: 8,
      rounds: 2,
      batchSize: 8,
      learningRate: 1e-2,
      steps: 4,
      data,
      checkpointDirectory: dir,
      seed: 6,
    });
    model.dispose();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches the restored model, and its parses are the model’s hard latent graph', async () => {
    const checkpoint = readCheckpoint(dir);
    const exported = getExporter('listops').exportCheckpoint(checkpoint);
    expect(exported.metadata.training).toMatchObject({ step: 4, seed: 6, hidden: 8 });
    const model = modelFromMetadata(checkListOpsMetadata(checkpoint.manifest.metadata, 'c'));
    try {
      restoreVariables(model.variables, checkpoint);
      const random = await runListOpsParity({
        bytes: exported.bytes,
        model,
        shapes: [
          [1, 5],
          [4, 11],
          [16, 20],
        ],
        seed: 8,
      });
      for (const r of random) expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-4);

      // The validation expressions, batched (several lengths): ONNX scores → applyStructure.
      const batch = encodeBatch(loadSplits(data).valid);
      const { size: b, steps: n } = batch;
      const ids = new Int32Array(b * n);
      for (let i = 0; i < b; i++) for (let t = 0; t < n; t++) ids[i * n + t] = batch.ids[t * b + i];
      const session = await openSession('node', exported.bytes);
      const scores = (
        await session.run({
          [LISTOPS_TOKENS_INPUT]: { data: ids, dims: [b, n] },
          [LISTOPS_LENGTHS_INPUT]: { data: batch.lengths, dims: [b] },
        })
      )[LISTOPS_OUTPUT].data;
      await session.release();
      const reference = listOpsArcScores(model, ids, batch.lengths);
      let diff = 0;
      for (let i = 0; i < scores.length; i++)
        diff = Math.max(diff, Math.abs(scores[i] - reference[i]));
      expect(diff).toBeLessThanOrEqual(1e-4);
      const parses = applyStructure(exported.metadata.structure, scores, {
        lengths: batch.lengths,
      });
      const out = model.forward(batch, { training: false });
      const graph = out.graph?.dataSync() as Float32Array;
      tf.dispose([out.logits, out.graph]);
      expect(parses).toHaveLength(b);
      for (let i = 0; i < b; i++) {
        const arcs = predictedArcs('arborescence', graph, i, batch.lengths[i], n);
        expect(parses[i].edges).toEqual(arcs);
      }
      // Not every parse is the flat one (the test would not notice a constant output).
      expect(parses.some((p) => (p.edges ?? []).some(([h]) => h !== 0))).toBe(true);
    } finally {
      model.dispose();
    }
  });

  it.skipIf(!hasPythonOnnx)('passes onnx.checker.check_model(full_check=True)', () => {
    const path = join(dir, 'model.onnx');
    writeFileSync(path, getExporter('listops').exportCheckpoint(readCheckpoint(dir)).bytes);
    const script = `import onnx, sys\nm = onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\nprint(m.opset_import[0].version, [p.key for p in m.metadata_props])`;
    const out = execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' });
    expect(out).toContain('17');
    expect(out).toContain('sst.structure');
  });
});
