// From a real training checkpoint (a few trainNri steps, so the batch-norm statistics moved):
// the exported file matches the model restored from the same checkpoint, and passes Python's
// onnx.checker with full shape inference where /usr/bin/python3 has onnx (Debian python3-onnx).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NriModel, trainNri } from '@sst-tricks/nri';
import { describeOnCpu } from '@sst-tricks/sst-core/testing';
import { readCheckpoint, restoreVariables } from '@sst-tricks/training';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportNriCheckpoint, getExporter, NRI_INPUT, NRI_OUTPUT } from '../src/index.js';
import { nriEncoderLogits, runParity } from '../src/parity/index.js';

const PYTHON = '/usr/bin/python3';
const hasPythonOnnx = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
const shape = { nodes: 5, frames: 4, hidden: 8 };
let dir: string;

describeOnCpu('NRI checkpoint export', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onnx-nri-'));
    const { model } = await trainNri({
      ...shape,
      latent: 'spanning-tree',
      temperature: 0.5,
      batchSize: 4,
      steps: 3,
      checkpointDirectory: dir,
      seed: 5,
    });
    model.dispose();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches the restored model at batch 1, 4 and 16', async () => {
    const checkpoint = readCheckpoint(dir);
    const exported = getExporter('nri').exportCheckpoint(checkpoint);
    expect(exported.metadata.training).toMatchObject({ step: 3, seed: 5 });
    const model = new NriModel({ ...shape, latent: 'spanning-tree', temperature: 0.5, seed: 0 });
    try {
      restoreVariables(model.variables, checkpoint);
      const results = await runParity({
        bytes: exported.bytes,
        inputName: NRI_INPUT,
        outputName: NRI_OUTPUT,
        inputShape: (b) => [b, shape.frames, shape.nodes, 2],
        reference: (input, b) => nriEncoderLogits(model, input, b),
        batchSizes: [1, 4, 16],
        seed: 2,
      });
      for (const r of results) expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    } finally {
      model.dispose();
    }
  });

  it.skipIf(!hasPythonOnnx)('passes onnx.checker.check_model(full_check=True)', () => {
    const path = join(dir, 'model.onnx');
    writeFileSync(path, exportNriCheckpoint(readCheckpoint(dir)).bytes);
    const script = `import onnx, sys\nm = onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\nprint(m.opset_import[0].version, [p.key for p in m.metadata_props])`;
    const out = execFileSync(PYTHON, ['-c', script, path], { encoding: 'utf8' });
    expect(out).toContain('17');
    expect(out).toContain('sst.structure');
  });
});
