// The data a run trains and evaluates on: seeded generated splits (the default) or TSV files,
// and the batches the loop asks for.
import type { BatchContext } from '@sst-tricks/training';
import { generateSplits } from '../data/generator.js';
import { type ListOpsExample, readListOpsFile } from '../data/tsv.js';
import { encodeBatch, type ListOpsBatch } from '../model/batch.js';

export interface GeneratedDataOptions {
  /** Examples per split (default train 5000, valid 500, test 500). */
  train?: number;
  valid?: number;
  test?: number;
  /** Generator settings (defaults: depth 3, length 30, no SM — the CPU configuration). */
  maxDepth?: number;
  maxLength?: number;
  sm?: boolean;
  /** Generator seed (default 0; independent of the model's seed so seeds share one data set). */
  seed?: number;
}

export interface DataFiles {
  train: string;
  valid: string;
  test?: string;
}

export interface Splits {
  train: ListOpsExample[];
  valid: ListOpsExample[];
  test: ListOpsExample[];
}

export const DEFAULT_DATA: Required<GeneratedDataOptions> = {
  train: 5000,
  valid: 500,
  test: 500,
  maxDepth: 3,
  maxLength: 30,
  sm: false,
  seed: 0,
};

export function loadSplits(data: GeneratedDataOptions | DataFiles): Splits {
  if ('valid' in data && typeof data.valid === 'string') {
    const files = data as DataFiles;
    const valid = readListOpsFile(files.valid);
    return {
      train: readListOpsFile(files.train),
      valid,
      test: files.test === undefined ? valid : readListOpsFile(files.test),
    };
  }
  const o = { ...DEFAULT_DATA, ...(data as GeneratedDataOptions) };
  return generateSplits(
    { train: o.train, valid: o.valid, test: o.test },
    { seed: o.seed, maxDepth: o.maxDepth, maxLength: o.maxLength, sm: o.sm },
  );
}

/** A stateless batch function: `size` examples drawn uniformly (with replacement) by the loop's data generator. */
export function trainingBatches(
  examples: readonly ListOpsExample[],
  size: number,
): (context: BatchContext) => ListOpsBatch {
  if (examples.length === 0) throw new RangeError('trainListOps: the training set is empty');
  return ({ generator }) => {
    const picked: ListOpsExample[] = [];
    for (let i = 0; i < size; i++) {
      picked.push(examples[Math.floor(generator.nextUniform() * examples.length)]);
    }
    return encodeBatch(picked);
  };
}

/** Consecutive batches of `size` over a whole split, in file order. */
export function evaluationBatches(
  examples: readonly ListOpsExample[],
  size: number,
): ListOpsBatch[] {
  const out: ListOpsBatch[] = [];
  for (let i = 0; i < examples.length; i += size)
    out.push(encodeBatch(examples.slice(i, i + size)));
  return out;
}
