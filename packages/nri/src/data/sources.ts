// The data sources a dataset can hold, behind one interface: resolve parameters, generate a
// range of samples of a split.
import { describeValue } from '@sst-tricks/sst-solvers';
import {
  type GraphLayoutParams,
  generateGraphLayout,
  resolveGraphLayoutParams,
} from './graph-layout.js';
import { generateParticles, type ParticleParams, resolveParticleParams } from './particles.js';
import type { SampleBatch } from './sample-batch.js';
import { SPLITS, type Split } from './seed-stream.js';
import { checkSeed } from './validate.js';

export const SOURCE_KINDS = ['graph-layout', 'springs', 'charged'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export type SourceParams = GraphLayoutParams | ParticleParams;

/** Everything that determines a dataset's content. */
export interface DatasetSpec {
  readonly kind: SourceKind;
  readonly split: Split;
  /** The base seed; every sample's own seed derives from it (seed-stream.ts). */
  readonly seed: number;
  /** All generator parameters, defaults filled in. */
  readonly params: SourceParams;
}

export interface DatasetSpecInput {
  readonly kind: SourceKind;
  readonly split: Split;
  readonly seed: number;
  readonly params?: Partial<GraphLayoutParams> | Partial<ParticleParams>;
}

export function checkSourceKind(kind: unknown): SourceKind {
  if (!SOURCE_KINDS.includes(kind as SourceKind))
    throw new RangeError(
      `kind must be one of ${SOURCE_KINDS.join(', ')}, got ${describeValue(kind)}`,
    );
  return kind as SourceKind;
}

export function checkSplit(split: unknown): Split {
  if (!SPLITS.includes(split as Split))
    throw new RangeError(`split must be one of ${SPLITS.join(', ')}, got ${describeValue(split)}`);
  return split as Split;
}

/** Checks a spec and fills in the source's default parameters. */
export function resolveSpec(input: DatasetSpecInput): DatasetSpec {
  if (typeof input !== 'object' || input === null)
    throw new TypeError(`spec must be an object, got ${describeValue(input)}`);
  const kind = checkSourceKind(input.kind);
  const params =
    kind === 'graph-layout'
      ? resolveGraphLayoutParams(input.params as Partial<GraphLayoutParams>)
      : resolveParticleParams(kind, input.params as Partial<ParticleParams>);
  return { kind, split: checkSplit(input.split), seed: checkSeed('seed', input.seed), params };
}

/** Features per node and frame: (x, y) for graph layout, (x, y, vx, vy) for particles. */
export function featuresOf(kind: SourceKind): number {
  return kind === 'graph-layout' ? 2 : 4;
}

/** Samples `start .. start + count − 1` of the spec's split. */
export function generateSamples(spec: DatasetSpec, start: number, count: number): SampleBatch {
  if (spec.kind === 'graph-layout')
    return generateGraphLayout(spec.seed, spec.split, start, count, spec.params);
  return generateParticles(
    spec.kind,
    spec.seed,
    spec.split,
    start,
    count,
    spec.params as ParticleParams,
  );
}
