// The checkpoint files: round trip, atomic layout, and a clear CheckpointError for every way a
// checkpoint can be missing, corrupt or not match the model.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { pruneCheckpoints } from '../src/checkpoint/store.js';
import {
  type CheckpointContents,
  CheckpointError,
  latestCheckpoint,
  listCheckpoints,
  readCheckpoint,
  restoreVariables,
  train,
  writeCheckpoint,
} from '../src/index.js';
import { describeOnCpu } from './backends.js';
import { temporaryDirectories } from './helpers.js';
import { createToyModel, toyBatch } from './toy-model.js';

function contents(step: number, overrides: Partial<CheckpointContents> = {}): CheckpointContents {
  return {
    step,
    variables: [
      {
        name: 'w',
        dtype: 'float32',
        shape: [2, 3],
        values: Float32Array.of(1, -2, 3.5, 1e-30, -0, 7),
        trainable: true,
      },
      {
        name: 'stats/count',
        dtype: 'int32',
        shape: [],
        values: Int32Array.of(-5),
        trainable: false,
      },
    ],
    optimizer: {
      weights: [
        { name: 'iter', dtype: 'int32', shape: [], values: Int32Array.of(step) },
        { name: 'w/m', dtype: 'float32', shape: [2, 3], values: new Float32Array(6).fill(0.25) },
      ],
      extras: [
        {
          name: 'accBeta1',
          dtype: 'float32',
          shape: [],
          values: Float32Array.of(0.9 ** (step + 1)),
        },
      ],
    },
    generators: {
      model: new RandomGenerator(1).getState(),
      data: new RandomGenerator(2).getState(),
    },
    data: { epoch: 3, order: [2, 0, 1] },
    options: {
      steps: 100,
      seed: 1,
      optimizer: { className: 'Adam', config: { learningRate: 0.001 }, builtIn: true },
      clipGradientNorm: null,
      evaluationEvery: 10,
      evaluationSeed: 1,
      checkpointEvery: 10,
      logEvery: 1,
    },
    progress: {
      elapsedSeconds: 1.5,
      loss: 0.125,
      evaluations: [{ step: 10, metrics: { mse: 0.5 } }],
    },
    metadata: { model: 'toy', note: 'spaces [1,   2] kept', layers: [[4, 16], []], extra: {} },
    ...overrides,
  };
}

const directory = temporaryDirectories();

describeOnCpu('checkpoint files', () => {
  it('round-trip every tensor bit for bit, with the manifest as written', () => {
    const dir = directory();
    const path = writeCheckpoint(dir, contents(20));
    expect(path).toBe(join(dir, 'step-000000020.json'));
    expect(readFileSync(path, 'utf8')).toContain('"shape": [2, 3],');
    const loaded = readCheckpoint(path);
    const original = contents(20);
    expect(loaded.variables).toEqual(original.variables);
    expect(Object.is(loaded.variables[0].values[4], -0)).toBe(true);
    expect(loaded.optimizer).toEqual(original.optimizer);
    expect(loaded.manifest).toMatchObject({
      format: 'sst-tricks-checkpoint',
      version: 1,
      step: 20,
      payload: { file: 'step-000000020.bin', bytes: 4 * (6 + 1 + 1 + 6 + 1) },
      generators: original.generators,
      data: original.data,
      options: original.options,
      progress: original.progress,
      metadata: original.metadata,
    });
    expect(loaded.manifest.variables[1]).toEqual({
      name: 'stats/count',
      dtype: 'int32',
      shape: [],
      offset: 24,
      length: 1,
      trainable: false,
    });
    // A directory reads as its newest checkpoint.
    writeCheckpoint(dir, contents(30));
    expect(readCheckpoint(dir).manifest.step).toBe(30);
  });

  it('finds the newest manifest and ignores temporary files and payloads without a manifest', () => {
    const dir = directory();
    writeCheckpoint(dir, contents(10));
    writeCheckpoint(dir, contents(200));
    // What a kill leaves behind mid-write: a temporary file, and a payload whose manifest never came.
    writeFileSync(join(dir, 'step-000000300.json.tmp-123-0'), '{"torn');
    writeFileSync(join(dir, 'step-000000300.bin'), 'xx');
    expect(latestCheckpoint(dir)).toBe(join(dir, 'step-000000200.json'));
    expect(latestCheckpoint(join(dir, 'absent'))).toBeNull();
    writeCheckpoint(dir, contents(1000));
    pruneCheckpoints(dir, 2);
    expect(listCheckpoints(dir).map(({ step }) => step)).toEqual([200, 1000]);
    expect(existsSync(join(dir, 'step-000000010.bin'))).toBe(false);
    expect(existsSync(join(dir, 'step-000000300.bin'))).toBe(false);
    expect(existsSync(join(dir, 'step-000000300.json.tmp-123-0'))).toBe(false);
    expect(existsSync(join(dir, 'step-000000200.bin'))).toBe(true);
  });

  it('rejects a corrupt, truncated, missing or foreign payload', () => {
    const dir = directory();
    const path = writeCheckpoint(dir, contents(5));
    const bin = join(dir, 'step-000000005.bin');
    const good = readFileSync(bin);

    const flipped = Buffer.from(good);
    flipped[7] ^= 1;
    writeFileSync(bin, flipped);
    expect(() => readCheckpoint(path)).toThrow(
      /step-000000005\.json: payload step-000000005\.bin does not match the manifest's SHA-256/,
    );

    writeFileSync(bin, good.subarray(0, good.length - 4));
    expect(() => readCheckpoint(path)).toThrow(/has 56 bytes, the manifest says 60/);

    writeFileSync(bin, Buffer.alloc(0));
    expect(() => readCheckpoint(path)).toThrow(CheckpointError);

    writeFileSync(bin, good);
    expect(readCheckpoint(path).manifest.step).toBe(5);
    const other = writeCheckpoint(directory(), contents(5, { data: null }));
    writeFileSync(bin, readFileSync(other.replace('.json', '.bin')));
    expect(readCheckpoint(path).variables[0].values[0]).toBe(1); // same tensors: still valid
    writeCheckpoint(dir, contents(6));
    writeFileSync(join(dir, 'step-000000006.bin'), good); // step 5's payload under step 6's manifest
    expect(() => readCheckpoint(join(dir, 'step-000000006.json'))).toThrow(/SHA-256/);

    writeFileSync(bin, good);
    rmSync(bin);
    expect(() => readCheckpoint(path)).toThrow(/its payload step-000000005\.bin is missing/);
    expect(() => readCheckpoint(join(dir, 'nope.json'))).toThrow(/nope\.json does not exist/);
    expect(() => readCheckpoint(directory())).toThrow(/no checkpoint in/);
  });

  it('rejects a manifest that is not JSON, not a checkpoint, another version or inconsistent', () => {
    const dir = directory();
    const path = writeCheckpoint(dir, contents(5));
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    const write = (value: unknown) =>
      writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));

    write('{"format": "sst-tricks-checkpoint", "vers');
    expect(() => readCheckpoint(path)).toThrow(/the manifest is not valid JSON/);
    write({ ...manifest, format: 'keras' });
    expect(() => readCheckpoint(path)).toThrow(/not a checkpoint manifest \(format "keras"/);
    write({ ...manifest, version: 2 });
    expect(() => readCheckpoint(path)).toThrow(
      /format version 2 is not supported \(this package reads version 1\)/,
    );
    const variables = structuredClone(manifest.variables);
    variables[0].shape = [3, 3];
    write({ ...manifest, variables });
    expect(() => readCheckpoint(path)).toThrow(
      /manifest\.variables\[0\]\.length must be the product of its shape \(9\), got 6/,
    );
    variables[0].shape = [2, 3];
    variables[0].offset = 1000;
    write({ ...manifest, variables });
    expect(() => readCheckpoint(path)).toThrow(
      /manifest\.variables\[0\]\.offset must be a multiple of 4 with the tensor inside the 60-byte payload, got 1000/,
    );
    write({ ...manifest, step: -1 });
    expect(() => readCheckpoint(path)).toThrow(
      /manifest\.step must be a non-negative integer, got -1/,
    );
    write({ ...manifest, payload: { ...manifest.payload, file: '../etc/passwd' } });
    expect(() => readCheckpoint(path)).toThrow(/manifest\.payload\.file must be a file name/);
    const { data: _, ...withoutData } = manifest;
    write(withoutData);
    expect(() => readCheckpoint(path)).toThrow(/manifest\.data must be present/);
  });

  it('restores weights only into a model of the same shape', () => {
    const dir = directory();
    writeCheckpoint(dir, contents(1));
    const checkpoint = readCheckpoint(dir);
    const w = tf.tidy(() => tf.variable(tf.zeros([2, 3])));
    const count = tf.tidy(() => tf.variable(tf.scalar(0, 'int32'), false));
    restoreVariables({ w, 'stats/count': count }, checkpoint);
    expect(Array.from(w.dataSync())).toEqual(Array.from(Float32Array.of(1, -2, 3.5, 1e-30, -0, 7)));
    expect(count.dataSync()[0]).toBe(-5);

    const wide = tf.tidy(() => tf.variable(tf.zeros([3, 2])));
    expect(() => restoreVariables({ w: wide, 'stats/count': count }, checkpoint)).toThrow(
      /variable 'w' has shape \[2, 3\] in the checkpoint but \[3, 2\] in the model/,
    );
    expect(() => restoreVariables({ w, extra: wide }, checkpoint)).toThrow(
      /do not match the model \(missing from the checkpoint: extra; not in the model: stats\/count\)/,
    );
    const floatCount = tf.tidy(() => tf.variable(tf.scalar(0), false));
    expect(() => restoreVariables({ w, 'stats/count': floatCount }, checkpoint)).toThrow(
      /is int32 in the checkpoint but float32/,
    );
    tf.dispose([w, count, wide, floatCount]);
  });

  it('refuses to resume a model of another shape, and to start fresh over old checkpoints', async () => {
    const dir = directory();
    const model = createToyModel(new RandomGenerator(1));
    await train({ model, data: toyBatch, steps: 3, checkpoint: { directory: dir } });
    model.dispose();

    const w = tf.tidy(() => tf.variable(tf.zeros([5, 5])));
    const other = { variables: { 'hidden/kernel': w }, loss: () => tf.sum(w) };
    await expect(
      train({
        model: other,
        data: () => null,
        steps: 6,
        checkpoint: { directory: dir },
        resume: true,
      }),
    ).rejects.toThrow(
      /resuming from step-000000003\.json: the checkpoint's variables do not match the model \(not in the model: hidden\/bias, output\/kernel, output\/bias\)/,
    );
    await expect(
      train({ model: other, data: () => null, steps: 6, checkpoint: { directory: dir } }),
    ).rejects.toThrow(/already holds checkpoints \(step-000000003\.json\); pass resume: true/);
    await expect(
      train({ model: other, data: () => null, steps: 6, resume: join(dir, 'missing') }),
    ).rejects.toThrow(/does not exist/);
    const again = createToyModel(new RandomGenerator(1));
    await expect(
      train({
        model: again,
        data: toyBatch,
        steps: 6,
        seed: 4,
        checkpoint: { directory: dir },
        resume: true,
      }),
    ).rejects.toThrow(/options\.seed 4 differs from the seed 0 of the run being resumed/);
    await expect(
      train({
        model: again,
        data: toyBatch,
        steps: 2,
        checkpoint: { directory: dir },
        resume: true,
      }),
    ).rejects.toThrow(/options\.steps must be ≥ the checkpoint's step 3 to resume, got 2/);
    const sgd = tf.train.sgd(0.1);
    await expect(
      train({
        model: again,
        data: toyBatch,
        optimizer: sgd,
        checkpoint: { directory: dir },
        resume: true,
      }),
    ).rejects.toThrow(/the checkpoint holds Adam state but the optimizer is SGD/);
    sgd.dispose();
    again.dispose();
    w.dispose();
  });
});
