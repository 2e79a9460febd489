// Batch norm in inference form is a per-feature affine map y = x·scale + shift. Every op between
// one NRI MLP's batch norm and the next dense layer is linear and acts on rows (gathering node
// rows to edges, concatenating, averaging incoming edges with weights summing to 1), so the map
// commutes with them and folds exactly into the next dense layer: W' = diag(scale)·W,
// b' = b + shiftᵀ·W (computed in float64, rounded once to float32).
import type { Weight } from '../weights.js';

export interface Affine {
  readonly scale: Float64Array;
  readonly shift: Float64Array;
}

/** Batch norm's running-statistics form: scale = γ/√(var + ε), shift = β − mean·scale. */
export function batchNormAffine(
  gamma: Weight,
  beta: Weight,
  runningMean: Weight,
  runningVariance: Weight,
  epsilon: number,
): Affine {
  const n = gamma.values.length;
  const scale = new Float64Array(n);
  const shift = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    scale[i] = gamma.values[i] / Math.sqrt(runningVariance.values[i] + epsilon);
    shift[i] = beta.values[i] - runningMean.values[i] * scale[i];
  }
  return { scale, shift };
}

/** The identity map on `n` features. */
export function identityAffine(n: number): Affine {
  return { scale: new Float64Array(n).fill(1), shift: new Float64Array(n) };
}

/** The affine map of a concatenation of features. */
export function concatAffine(parts: readonly Affine[]): Affine {
  const total = parts.reduce((a, p) => a + p.scale.length, 0);
  const scale = new Float64Array(total);
  const shift = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    scale.set(p.scale, at);
    shift.set(p.shift, at);
    at += p.scale.length;
  }
  return { scale, shift };
}

/** The dense layer x ↦ (x·scale + shift)·W + b as x ↦ x·W' + b'. */
export function foldIntoDense(
  affine: Affine,
  weights: Weight,
  bias: Weight,
): { weights: Float32Array; bias: Float32Array } {
  const [inputs, outputs] = weights.shape;
  const w = new Float32Array(inputs * outputs);
  const b = Float64Array.from(bias.values);
  for (let i = 0; i < inputs; i++) {
    const s = affine.scale[i];
    const t = affine.shift[i];
    for (let j = 0; j < outputs; j++) {
      const wij = weights.values[i * outputs + j];
      w[i * outputs + j] = s * wij;
      b[j] += t * wij;
    }
  }
  return { weights: w, bias: Float32Array.from(b) };
}
