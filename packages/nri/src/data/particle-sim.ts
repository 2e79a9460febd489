// The particle simulators of the original NRI paper (Kipf et al. 2018, data/synthetic_sim.py of
// ethanfetaya/NRI, MIT): balls in a box [−box, box]², moved by the same integration loop as that
// code, operation for operation:
//   F = clip(Σ_j f_ij (p_i − p_j), ±0.1/Δt);  v += Δt·F            (once, before the loop)
//   for step = 1 .. : p += Δt·v; reflect at the walls; record (p, v) every `sampleFreq` steps;
//                     F = clip(...); v += Δt·F
// with f_ij = −strength·A_ij for springs (A symmetric 0/1, zero diagonal) and
// f_ij = strength·q_i q_j / |p_i − p_j|³ for charged particles (like charges repel). The state at
// step 0 is not recorded: frame f is the state after (f + 1)·sampleFreq steps, as in the
// reference, where the initial frame is overwritten. Float64 throughout.

export type ParticleKind = 'springs' | 'charged';

export interface ParticleDynamics {
  /** Half-width of the box: balls reflect at ±boxSize (reference: 5). */
  readonly boxSize: number;
  /** Force scale (reference: 0.1 for springs, 1 for charged). */
  readonly interactionStrength: number;
  /** Integration step (reference: 0.001). */
  readonly deltaT: number;
  /** Steps between recorded frames (reference: 100). */
  readonly sampleFreq: number;
  /** Recorded frames (reference: 49 = 5000 steps / 100 − 1). */
  readonly frames: number;
}

/** One simulated trajectory, node-major: `[frames][n][2]` positions and velocities. */
export interface ParticleTrajectory {
  readonly loc: Float64Array;
  readonly vel: Float64Array;
}

// Elastic reflection at the walls, coordinate by coordinate, as the reference's `_clamp`.
function reflect(loc: Float64Array, vel: Float64Array, box: number): void {
  for (let c = 0; c < loc.length; c++) {
    if (loc[c] > box) {
      loc[c] = 2 * box - loc[c];
      vel[c] = -Math.abs(vel[c]);
    }
    if (loc[c] < -box) {
      loc[c] = -2 * box - loc[c];
      vel[c] = Math.abs(vel[c]);
    }
  }
}

// v += Δt · clip(F). `coupling` is n×n: A_ij for springs, q_i q_j for charged particles. The
// charged distance is |p_i|² + |p_j|² − 2 p_i·p_j, the reference's `_l2` formula, rather than
// |p_i − p_j|², so the rounding matches it; r³ = l2·sqrt(l2) instead of the reference's
// l2^1.5 (a few times faster than pow, and as close to the fixture: 1.1e-11 after 4900 steps).
function kick(
  kind: ParticleKind,
  loc: Float64Array,
  vel: Float64Array,
  coupling: Float64Array,
  n: number,
  dynamics: ParticleDynamics,
): void {
  const maxF = 0.1 / dynamics.deltaT;
  const strength = dynamics.interactionStrength;
  for (let i = 0; i < n; i++) {
    const xi = loc[2 * i];
    const yi = loc[2 * i + 1];
    let fx = 0;
    let fy = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const xj = loc[2 * j];
      const yj = loc[2 * j + 1];
      let size: number;
      if (kind === 'springs') size = -strength * coupling[i * n + j];
      else {
        const l2 = xi * xi + yi * yi + (xj * xj + yj * yj) - 2 * (xi * xj + yi * yj);
        size = (strength * coupling[i * n + j]) / (l2 * Math.sqrt(l2));
      }
      fx += size * (xi - xj);
      fy += size * (yi - yj);
    }
    vel[2 * i] += dynamics.deltaT * Math.min(Math.max(fx, -maxF), maxF);
    vel[2 * i + 1] += dynamics.deltaT * Math.min(Math.max(fy, -maxF), maxF);
  }
}

/**
 * Runs the reference integration from an initial state. No checks: callers validate.
 * @param loc initial positions `[n][2]`, modified in place (ends as the last state)
 * @param vel initial velocities `[n][2]`, modified in place
 * @param coupling n×n row-major interaction matrix (see `kick`)
 */
export function integrateParticles(
  kind: ParticleKind,
  loc: Float64Array,
  vel: Float64Array,
  coupling: Float64Array,
  dynamics: ParticleDynamics,
): ParticleTrajectory {
  const n = loc.length / 2;
  const size = 2 * n;
  const out = {
    loc: new Float64Array(dynamics.frames * size),
    vel: new Float64Array(dynamics.frames * size),
  };
  reflect(loc, vel, dynamics.boxSize);
  kick(kind, loc, vel, coupling, n, dynamics);
  const steps = dynamics.frames * dynamics.sampleFreq;
  for (let step = 1; step <= steps; step++) {
    for (let c = 0; c < size; c++) loc[c] += dynamics.deltaT * vel[c];
    reflect(loc, vel, dynamics.boxSize);
    if (step % dynamics.sampleFreq === 0) {
      const frame = step / dynamics.sampleFreq - 1;
      out.loc.set(loc, frame * size);
      out.vel.set(vel, frame * size);
    }
    // The reference keeps integrating to its full length; nothing after the last frame is seen.
    if (step < steps) kick(kind, loc, vel, coupling, n, dynamics);
  }
  return out;
}
