// Which decoder an NRI checkpoint was written with, from its metadata across the format's history.
import { describe, expect, it } from 'vitest';
import { checkpointSkipFirst, type NriCheckpointMetadata } from '../src/train-nri/resume.js';

const base: NriCheckpointMetadata = {
  latent: 'spanning-tree',
  nodes: 10,
  frames: 10,
  hidden: 64,
  temperature: 0.5,
  batchSize: 32,
};

describe('checkpointSkipFirst', () => {
  it('reads the recorded value, else infers it from when the checkpoint was written', () => {
    expect(checkpointSkipFirst({ ...base, skipFirst: false, tiedInit: true })).toBe(false);
    expect(checkpointSkipFirst({ ...base, skipFirst: true, tiedInit: false })).toBe(true);
    // Before "no edge" had a message MLP: neither field.
    expect(checkpointSkipFirst(base)).toBe(true);
    // Between the two changes: tiedInit recorded, skipFirst (then off) not.
    expect(checkpointSkipFirst({ ...base, tiedInit: false })).toBe(false);
  });
});
