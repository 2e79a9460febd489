// The trajectory the NRI page shows: sample `index` of the graph-layout test split for base seed
// `seed`, generated in the page by @sst-tricks/nri's own generator — the same sample that
// `sst data nri --split test --seed SEED` writes at that index (each sample has its own seed
// stream, so it never depends on how many are generated).
import { generateGraphLayout, MAX_SAMPLE_INDEX } from '@sst-tricks/nri/generators';

export interface NriSample {
  seed: number;
  index: number;
  frames: number;
  nodes: number;
  /** `[frames, nodes, 2]` positions, row-major (the encoder's input for one item). */
  trajectories: Float32Array;
  /** 0/1 indicators of the true tree's edges, (i<j) row-major. */
  trueTree: Float64Array;
}

export function nriSample(seed: number, index: number, nodes: number, frames: number): NriSample {
  const batch = generateGraphLayout(seed, 'test', index, 1, { nodes, frames });
  return {
    seed,
    index,
    frames,
    nodes,
    trajectories: batch.trajectories,
    trueTree: Float64Array.from(batch.edges),
  };
}

export interface SampleChoice {
  seed: number;
  index: number;
}

export const DEFAULT_CHOICE: SampleChoice = { seed: 1, index: 0 };

function integerParameter(name: string, text: string | null, fallback: number, max: number) {
  if (text === null) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < 0 || value > max)
    throw new RangeError(
      `the page's ${name} parameter must be an integer in [0, ${max}], got ${JSON.stringify(text)}`,
    );
  return value;
}

/** Reads `?seed=S&sample=I` from a page URL's query string (defaults: DEFAULT_CHOICE). */
export function sampleChoiceFromQuery(query: string): SampleChoice {
  const params = new URLSearchParams(query);
  return {
    seed: integerParameter(
      'seed',
      params.get('seed'),
      DEFAULT_CHOICE.seed,
      Number.MAX_SAFE_INTEGER,
    ),
    index: integerParameter('sample', params.get('sample'), DEFAULT_CHOICE.index, MAX_SAMPLE_INDEX),
  };
}
