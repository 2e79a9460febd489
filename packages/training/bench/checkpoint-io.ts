// What a checkpoint costs: writing (SHA-256, two atomic file replacements with fsync) and reading
// (parse, checksum, decode) a checkpoint of a model with one million float32 parameters and its
// Adam moments (12 MB of payload), the order of an NRI encoder/decoder at width 256.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { type CheckpointContents, readCheckpoint, writeCheckpoint } from '../src/index.js';

const PARAMETERS = 1_000_000;

function contents(step: number): CheckpointContents {
  const values = () => Float32Array.from(new RandomGenerator(step).uniforms(PARAMETERS));
  const generator = new RandomGenerator(1).getState();
  return {
    step,
    variables: [
      { name: 'w', dtype: 'float32', shape: [1000, 1000], values: values(), trainable: true },
    ],
    optimizer: {
      weights: [
        { name: 'iter', dtype: 'int32', shape: [], values: Int32Array.of(step) },
        { name: 'w/m', dtype: 'float32', shape: [1000, 1000], values: values() },
        { name: 'w/v', dtype: 'float32', shape: [1000, 1000], values: values() },
      ],
      extras: [],
    },
    generators: { model: generator, data: generator },
    data: null,
    options: {
      steps: 1000,
      seed: 0,
      optimizer: { className: 'Adam', config: null, builtIn: true },
      clipGradientNorm: null,
      evaluationEvery: null,
      evaluationSeed: null,
      checkpointEvery: 100,
      logEvery: 1,
    },
    progress: { elapsedSeconds: 0, loss: null, evaluations: [] },
    metadata: null,
  };
}

export function benchCheckpointIo(rounds = 5): void {
  const directory = mkdtempSync(join(tmpdir(), 'sst-bench-ckpt-'));
  const write: number[] = [];
  const read: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const data = contents(round + 1);
    let start = performance.now();
    const path = writeCheckpoint(directory, data);
    const written = performance.now() - start;
    start = performance.now();
    readCheckpoint(path);
    const readMs = performance.now() - start;
    if (round > 0) {
      write.push(written);
      read.push(readMs);
    }
  }
  rmSync(directory, { recursive: true, force: true });
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `\n1M float32 parameters + Adam moments (12 MB payload), median of ${rounds}: write ${median(write).toFixed(1)} ms, read + verify ${median(read).toFixed(1)} ms (${tmpdir()})`,
  );
}
