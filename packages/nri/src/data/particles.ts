// Springs and charged particles (NRI, Kipf et al. 2018) as data sources: the public simulator
// and seeded sampling of whole trajectories.
//
// Each sample has its own generator (see seed-stream.ts) and draws, in this order:
//   springs: n(n−1)/2 uniforms, edge (i<j) present iff u < 1/2 (the reference's
//            spring_prob = [1/2, 0, 1/2] over strengths [0, 0.5, 1]);
//   charged: n uniforms, charge q_i = −1 iff u < 1/2, else +1; edge (i<j) recorded as 1 iff
//            q_i = q_j (the reference loader's (q_i q_j + 1)/2);
// then 2n N(0, 1) values (Box–Muller) × locStd for the positions and 2n N(0, 1) values for the
// velocities, each ball's velocity rescaled to norm velNorm, as in the reference.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeValue } from '@sst-tricks/sst-solvers';
import { fillStandardNormal } from './normal.js';
import { MAX_PARTICLES, type ParticleParams, resolveParticleParams } from './particle-params.js';
import { integrateParticles, type ParticleKind, type ParticleTrajectory } from './particle-sim.js';
import { allocateBatch, type SampleBatch } from './sample-batch.js';
import { MAX_SAMPLE_INDEX, type Split, sampleSeed } from './seed-stream.js';
import { checkInteger, checkPositions, checkSeed, checkTree } from './validate.js';

export {
  CHARGED_DEFAULTS,
  MAX_PARTICLES,
  type ParticleParams,
  resolveParticleParams,
  SPRINGS_DEFAULTS,
} from './particle-params.js';
export type { ParticleDynamics, ParticleKind, ParticleTrajectory } from './particle-sim.js';

/** An initial state. Springs need `edges` ((i<j) row-major, ≥ 0); charged particles `charges`. */
export interface ParticleInitialState {
  /** `[n][2]` positions. */
  readonly loc: Float64Array;
  /** `[n][2]` velocities. */
  readonly vel: Float64Array;
  readonly edges?: ArrayLike<number>;
  readonly charges?: ArrayLike<number>;
}

// The n×n interaction matrix `integrateParticles` takes.
function couplingMatrix(kind: ParticleKind, state: ParticleInitialState, n: number): Float64Array {
  const coupling = new Float64Array(n * n);
  if (kind === 'springs') {
    checkTree('edges', state.edges, n);
    const edges = state.edges as ArrayLike<number>;
    let e = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++, e++) {
        coupling[i * n + j] = edges[e];
        coupling[j * n + i] = edges[e];
      }
    return coupling;
  }
  const q = state.charges;
  if (!(Array.isArray(q) || ArrayBuffer.isView(q)))
    throw new TypeError(`charges must be an array of n numbers, got ${describeValue(q)}`);
  const charges = q as ArrayLike<unknown>;
  if (charges.length !== n)
    throw new RangeError(`charges must have n = ${n} entries, got ${charges.length}`);
  for (let i = 0; i < n; i++) {
    const v = charges[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new RangeError(`charges[${i}] must be a finite number, got ${describeValue(v)}`);
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      coupling[i * n + j] = (charges[i] as number) * (charges[j] as number);
  return coupling;
}

/**
 * Simulates one trajectory from a given initial state (not modified).
 * @returns `[frames][n][2]` positions and velocities after sampleFreq, 2·sampleFreq, … steps.
 */
export function simulateParticles(
  kind: ParticleKind,
  state: ParticleInitialState,
  options: Partial<Omit<ParticleParams, 'nodes' | 'locStd' | 'velNorm'>> = {},
): ParticleTrajectory {
  const n = checkPositions('loc', state?.loc);
  if (checkPositions('vel', state.vel) !== n)
    throw new RangeError(`vel must have the length of loc (${2 * n}), got ${state.vel.length}`);
  if (n > MAX_PARTICLES)
    throw new RangeError(`loc must hold at most ${MAX_PARTICLES} balls, got ${n}`);
  const params = resolveParticleParams(kind, { ...options, nodes: n });
  const coupling = couplingMatrix(kind, state, n);
  return integrateParticles(
    kind,
    Float64Array.from(state.loc),
    Float64Array.from(state.vel),
    coupling,
    params,
  );
}

/** One sampled trajectory with its latent edges and initial state. */
export interface ParticleSample extends ParticleTrajectory {
  /** 0/1 latent edges, (i<j) row-major. */
  readonly edges: Uint8Array;
  /** Charged particles only: the charges ±1. */
  readonly charges?: Float64Array;
  /** The initial state `[n][2]` (not a recorded frame). */
  readonly initialLoc: Float64Array;
  readonly initialVel: Float64Array;
}

/** Draws one trajectory from `generator` (see the header comment for the draw order). */
export function sampleParticles(
  kind: ParticleKind,
  generator: RandomGenerator,
  options: Partial<ParticleParams> = {},
): ParticleSample {
  if (!(generator instanceof RandomGenerator))
    throw new TypeError(`generator must be a RandomGenerator, got ${String(generator)}`);
  const params = resolveParticleParams(kind, options);
  const n = params.nodes;
  const edges = new Uint8Array((n * (n - 1)) / 2);
  const coupling = new Float64Array(n * n);
  let charges: Float64Array | undefined;
  if (kind === 'springs') {
    const u = generator.uniforms(edges.length);
    let e = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++, e++) {
        edges[e] = u[e] < 0.5 ? 1 : 0;
        coupling[i * n + j] = edges[e];
        coupling[j * n + i] = edges[e];
      }
  } else {
    charges = generator.uniforms(n).map((u) => (u < 0.5 ? -1 : 1));
    let e = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) coupling[i * n + j] = charges[i] * charges[j];
      for (let j = i + 1; j < n; j++, e++) edges[e] = charges[i] === charges[j] ? 1 : 0;
    }
  }
  const loc = new Float64Array(2 * n);
  fillStandardNormal(generator, loc, 0, 2 * n);
  for (let c = 0; c < 2 * n; c++) loc[c] *= params.locStd;
  const vel = new Float64Array(2 * n);
  fillStandardNormal(generator, vel, 0, 2 * n);
  for (let i = 0; i < n; i++) {
    const norm = Math.hypot(vel[2 * i], vel[2 * i + 1]);
    // norm = 0 needs two exact-zero uniforms (probability 2^−106); leave such a ball at rest.
    const scale = norm > 0 ? params.velNorm / norm : 0;
    vel[2 * i] *= scale;
    vel[2 * i + 1] *= scale;
  }
  const initialLoc = Float64Array.from(loc);
  const initialVel = Float64Array.from(vel);
  const trajectory = integrateParticles(kind, loc, vel, coupling, params);
  return { ...trajectory, edges, ...(charges ? { charges } : {}), initialLoc, initialVel };
}

/**
 * Samples `start .. start + count − 1` of a split (each from its own seed stream, so sample i
 * never depends on `start` or `count`), as float32 features (x, y, vx, vy) per ball and frame.
 */
export function generateParticles(
  kind: ParticleKind,
  seed: number,
  split: Split,
  start: number,
  count: number,
  options: Partial<ParticleParams> = {},
): SampleBatch {
  checkSeed('seed', seed);
  checkInteger('start', start, 0, MAX_SAMPLE_INDEX);
  checkInteger('count', count, 0, MAX_SAMPLE_INDEX + 1 - start);
  const params = resolveParticleParams(kind, options);
  const { nodes: n, frames } = params;
  const m = (n * (n - 1)) / 2;
  const batch = allocateBatch(start, count, frames, n, 4);
  for (let s = 0; s < count; s++) {
    const generator = new RandomGenerator(sampleSeed(seed, split, start + s));
    const sample = sampleParticles(kind, generator, params);
    batch.edges.set(sample.edges, s * m);
    let out = s * frames * n * 4;
    for (let c = 0; c < frames * n; c++, out += 4) {
      batch.trajectories[out] = sample.loc[2 * c];
      batch.trajectories[out + 1] = sample.loc[2 * c + 1];
      batch.trajectories[out + 2] = sample.vel[2 * c];
      batch.trajectories[out + 3] = sample.vel[2 * c + 1];
    }
  }
  return batch;
}
