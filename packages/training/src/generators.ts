// The run's two random streams, both derived from one seed: the model's (noise inside `loss`) and
// the data's (batch sampling). Separate streams keep a change in batch composition from changing
// the model's noise and vice versa; both states go into every checkpoint.
import { RandomGenerator } from '@sst-tricks/sst-core';

export interface RunGenerators {
  readonly model: RandomGenerator;
  readonly data: RandomGenerator;
}

const TWO_POW_21 = 2097152;

export function createGenerators(seed: number): RunGenerators {
  const model = new RandomGenerator(seed);
  // A 53-bit seed for the data stream, drawn from a generator of its own so the model's stream
  // still starts at `new RandomGenerator(seed)` (what a model's own tests use).
  const root = new RandomGenerator(seed);
  root.nextUint32();
  const dataSeed = root.nextUint32() * TWO_POW_21 + (root.nextUint32() >>> 11);
  return { model, data: new RandomGenerator(dataSeed) };
}
