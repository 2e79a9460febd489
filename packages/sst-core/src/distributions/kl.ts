// KL terms of the perturbed utilities U = θ + noise to the noise's own zero-location prior,
// summed per batch item. Each is a float64 elementwise op (forward and derivative in float64,
// cast once), because the float32 forms cancel badly near θ = 0: θ + e^{−θ} − 1 ≈ θ²/2 loses
// every digit below |θ| ≈ 3e-4 in float32.
//
// Gumbel (DESIGN §3.6): KL(Gumbel(θ, 1) ‖ Gumbel(0, 1)) = θ + e^{−θ} − 1, derivative 1 − e^{−θ}.
//
// Logistic (binary variables, whose noise is logistic): with z ~ Logistic(0, 1),
//   KL(Logistic(θ, 1) ‖ Logistic(0, 1)) = θ + 2 E[softplus(−z − θ)] − 2 E[softplus(−z)],
// and since d/dθ E[softplus(−z − θ)] = −E[σ(−z − θ)] = −(1/(1 − e^{θ}) + θe^{θ}/(1 − e^{θ})²)
// (integrating over u = σ(z)), integrating from 0 gives the closed form
//   KL = θ · coth(θ/2) − 2 = θ(1 + q)/(1 − q) − 2,  q = e^{−|θ|},
// even in θ, ≈ θ²/6 near 0 (the logistic location Fisher information is 1/3) and ≈ |θ| − 2 for
// large |θ|; derivative sign(θ)·((1 + q)/(1 − q) − 2|θ|q/(1 − q)²).
import * as tf from '@tensorflow/tfjs-core';
import type { Float64Operand } from '../relaxations/custom-op.js';
import { float64Op } from '../relaxations/custom-op.js';

export type NoiseKind = 'gumbel' | 'logistic';

/** KL of one entry and its derivative, written into value[i] and slope[i]. */
type EntryKl = (theta: number, value: Float64Array, slope: Float64Array, i: number) => void;

const gumbelEntry: EntryKl = (theta, value, slope, i) => {
  const em1 = Math.expm1(-theta); // e^{−θ} − 1, exact near 0
  value[i] = theta + em1;
  slope[i] = -em1;
};

/** Below this |θ| the logistic KL uses its series (the closed form cancels). */
const LOGISTIC_SERIES_BELOW = 1e-2;

const logisticEntry: EntryKl = (theta, value, slope, i) => {
  const a = Math.abs(theta);
  if (a < LOGISTIC_SERIES_BELOW) {
    const t2 = theta * theta;
    // θ coth(θ/2) − 2 = θ²/6 − θ⁴/360 + θ⁶/15120 − …; the next term is below 1e-11 relative.
    value[i] = t2 * (1 / 6 - t2 / 360);
    slope[i] = theta * (1 / 3 - t2 / 90);
    return;
  }
  const q = Math.exp(-a);
  const oneMinusQ = -Math.expm1(-a);
  value[i] = (a * (1 + q)) / oneMinusQ - 2;
  const s = (1 + q) / oneMinusQ - (2 * a * q) / (oneMinusQ * oneMinusQ);
  slope[i] = theta < 0 ? -s : s;
};

const ENTRY_KL: Record<NoiseKind, EntryKl> = { gumbel: gumbelEntry, logistic: logisticEntry };

/**
 * Σ over each item's counted entries (mask = 1, or all entries) of the KL of every operand,
 * as a float32 tensor [batch], differentiable with respect to the operand tensors.
 */
export function klPerItem(
  kind: NoiseKind,
  operands: readonly Float64Operand[],
  masks: readonly (Float64Array | undefined)[],
): tf.Tensor {
  const entry = ENTRY_KL[kind];
  return tf.tidy(() => {
    const sums = operands.map((operand, k) => {
      const { data, layout } = operand;
      const mask = masks[k];
      const value = new Float64Array(data.length);
      const slope = new Float64Array(data.length);
      for (let i = 0; i < data.length; i++) {
        // Masked entries stay 0 and are never evaluated, so e^{−θ} of a −1e9 mask is harmless.
        if (mask === undefined || mask[i] !== 0) entry(data[i], value, slope, i);
      }
      const [kl] = float64Op([operand], [value], ([g]) => {
        for (let i = 0; i < g.length; i++) g[i] *= slope[i];
        return [g];
      });
      return tf.sum(tf.reshape(kl, [layout.batch, layout.itemSize]), 1);
    });
    return sums.length === 1 ? sums[0] : tf.addN(sums);
  });
}
