// Parameters of the particle simulators: the reference's defaults for each kind, and checks.
import { describeValue } from '@sst-tricks/sst-solvers';
import type { ParticleDynamics, ParticleKind } from './particle-sim.js';
import { checkInteger, checkPositive, MAX_FRAMES } from './validate.js';

export interface ParticleParams extends ParticleDynamics {
  /** Balls n (reference: 5). */
  readonly nodes: number;
  /** Standard deviation of the initial positions (reference: 0.5 springs, 1 charged). */
  readonly locStd: number;
  /** Norm of every initial velocity (reference: 0.5). */
  readonly velNorm: number;
}

/** The reference's defaults (SpringSim(), length 5000, sample_freq 100). */
export const SPRINGS_DEFAULTS: ParticleParams = {
  nodes: 5,
  frames: 49,
  sampleFreq: 100,
  boxSize: 5,
  locStd: 0.5,
  velNorm: 0.5,
  interactionStrength: 0.1,
  deltaT: 0.001,
};

/** The reference's defaults (ChargedParticlesSim(), length 5000, sample_freq 100). */
export const CHARGED_DEFAULTS: ParticleParams = {
  ...SPRINGS_DEFAULTS,
  locStd: 1,
  interactionStrength: 1,
};

/** Largest ball count: the O(n²) force loop runs every step, so keep it modest. */
export const MAX_PARTICLES = 100;

export function checkParticleKind(kind: unknown): ParticleKind {
  if (kind !== 'springs' && kind !== 'charged')
    throw new RangeError(`kind must be 'springs' or 'charged', got ${describeValue(kind)}`);
  return kind;
}

/** Fills in the kind's defaults and checks every parameter. */
export function resolveParticleParams(
  kind: ParticleKind,
  options: Partial<ParticleParams> = {},
): ParticleParams {
  const d = checkParticleKind(kind) === 'springs' ? SPRINGS_DEFAULTS : CHARGED_DEFAULTS;
  return {
    nodes: checkInteger('nodes', options.nodes ?? d.nodes, 2, MAX_PARTICLES),
    frames: checkInteger('frames', options.frames ?? d.frames, 1, MAX_FRAMES),
    sampleFreq: checkInteger('sampleFreq', options.sampleFreq ?? d.sampleFreq, 1, 1_000_000),
    boxSize: checkPositive('boxSize', options.boxSize ?? d.boxSize),
    locStd: checkPositive('locStd', options.locStd ?? d.locStd),
    velNorm: checkPositive('velNorm', options.velNorm ?? d.velNorm),
    interactionStrength: checkPositive(
      'interactionStrength',
      options.interactionStrength ?? d.interactionStrength,
    ),
    deltaT: checkPositive('deltaT', options.deltaT ?? d.deltaT),
  };
}
