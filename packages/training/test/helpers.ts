// Shared by the loop's tests: temporary directories and a comparable snapshot of a finished run.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { readCheckpoint, readMetricsLog } from '../src/index.js';

/** A fresh (empty, existing) temporary directory per call, all removed after the file's tests. */
export function temporaryDirectories(): () => string {
  const root = mkdtempSync(join(tmpdir(), 'sst-training-'));
  let count = 0;
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return () => {
    const path = join(root, `run-${count++}`);
    mkdirSync(path);
    return path;
  };
}

/**
 * Everything that must be bit-identical between an uninterrupted run and a resumed one: the
 * newest checkpoint (payload hash = weights and optimizer state; generators; data position; loss
 * and evaluation history) and the metrics log without wall times.
 */
export function snapshot(directory: string) {
  const { manifest } = readCheckpoint(directory);
  return {
    step: manifest.step,
    payload: manifest.payload.sha256,
    variables: manifest.variables,
    optimizer: manifest.optimizer,
    generators: manifest.generators,
    data: manifest.data,
    loss: manifest.progress.loss,
    evaluations: manifest.progress.evaluations,
    log: readMetricsLog(join(directory, 'metrics.jsonl')).map(({ elapsed: _, ...rest }) => rest),
  };
}
