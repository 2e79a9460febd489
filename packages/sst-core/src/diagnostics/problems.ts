// The fixed small problems `sst bench gradients` runs, and the loss they share. The loss must be
// nonlinear on 𝒳: a loss ‖x − y‖² is linear on 0/1 vectors with a fixed Σx (x² = x), which would
// make E[loss] depend on the marginals only; (⟨a, x⟩ − b)² is not.
import * as tf from '@tensorflow/tfjs-core';
import {
  checkStructure,
  type DiagnosticStructure,
  type StructureKind,
  structureDimension,
} from './structures.js';

/** A loss in its two forms: float64 on one hard structure, and batched tfjs ([B, d] → [B]). */
export interface DiagnosticLoss {
  loss: (x: Float64Array) => number;
  lossTensor: (x: tf.Tensor) => tf.Tensor;
  /** e.g. "(⟨a, x⟩ − 1)², a = [1, −0.5, …]". */
  description: string;
}

export interface DiagnosticProblem extends DiagnosticLoss {
  structure: DiagnosticStructure;
  theta: Float64Array;
}

/** loss(x) = (⟨a, x⟩ − b)², in float64 and as a batched tfjs function. */
export function squaredLinearLoss(weights: ArrayLike<number>, offset: number): DiagnosticLoss {
  const a = Float64Array.from(weights);
  for (let i = 0; i < a.length; i++)
    if (!Number.isFinite(a[i]))
      throw new RangeError(`squaredLinearLoss: weights[${i}] must be finite, got ${a[i]}`);
  if (typeof offset !== 'number' || !Number.isFinite(offset))
    throw new RangeError(`squaredLinearLoss: offset must be a finite number, got ${offset}`);
  const fmt = (v: number) => String(Number(v.toPrecision(3)));
  return {
    loss: (x) => {
      let s = -offset;
      for (let i = 0; i < a.length; i++) s += a[i] * x[i];
      return s * s;
    },
    lossTensor: (x) =>
      tf.tidy(() =>
        tf.square(tf.sub(tf.sum(tf.mul(x, tf.tensor1d(Float32Array.from(a))), -1), offset)),
      ),
    description: `(⟨a, x⟩ − ${fmt(offset)})², a = [${Array.from(a, fmt).join(', ')}]`,
  };
}

const THETA = [0.8, -0.4, 0.3, 1.1, -0.9, 0.2];
const WEIGHTS = [1.0, -0.5, 2.0, 0.3, -1.2, 0.8];

/** The structures the bench uses by default: one-hot m = 5, k-subset m = 5 k = 2, tree n = 4. */
export const BENCHMARK_STRUCTURES: Readonly<Record<StructureKind, DiagnosticStructure>> = {
  'one-hot': { kind: 'one-hot', m: 5 },
  'k-subset': { kind: 'k-subset', m: 5, k: 2 },
  'spanning-tree': { kind: 'spanning-tree', n: 4 },
};

/** A fixed problem per structure: θ and a = the first d entries of two fixed vectors, b = 1. */
export function benchmarkProblem(
  structure: DiagnosticStructure | StructureKind,
): DiagnosticProblem {
  const s = checkStructure(
    typeof structure === 'string'
      ? (BENCHMARK_STRUCTURES[structure] ?? { kind: structure })
      : structure,
  );
  const d = structureDimension(s);
  const pick = (v: number[]) => Float64Array.from({ length: d }, (_, i) => v[i % v.length]);
  return { structure: s, theta: pick(THETA), ...squaredLinearLoss(pick(WEIGHTS), 1) };
}
