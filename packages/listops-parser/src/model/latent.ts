// The latent graph over a batch's tokens, [B, T, T] weights (row = head, column = child), from
// arc scores θ [B, T, T]. Training: a stochastic softmax trick — relax the structure's argmax at
// U = θ + noise (Gumbel; logistic for independent arcs) and temperature t. Evaluation: the hard
// structure at θ (no noise). Padding is handled exactly: the arborescence solver takes `lengths`;
// top-(n−1) and spanning trees get forced entries that fill the padded part (masks.ts).
import { type ConstantMatrix, constantMatrix, leftMultiply } from '@sst-tricks/nn';
import {
  hardArborescence,
  hardBinary,
  hardKSubset,
  hardSpanningTree,
  type RandomGenerator,
  relaxedArborescence,
  relaxedBinary,
  relaxedKSubset,
  relaxedSpanningTree,
  sampleGumbel,
  sampleLogistic,
} from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { arcMask, edgeCount, edgeMasks, foldMatrix, forcedPaddingDiagonal } from './masks.js';

export const LATENTS = ['arborescence', 'spanning-tree', 'top-k', 'independent', 'lstm'] as const;
/** 'lstm' is the baseline with no latent graph. */
export type ListOpsLatent = (typeof LATENTS)[number];
export type GraphLatent = Exclude<ListOpsLatent, 'lstm'>;

/** Utility given to arcs that must not be chosen (and, for top-k, minus it to forced ones). */
const EXCLUDED = 1e4;

export type LatentMode =
  | { training: true; generator: RandomGenerator; temperature: number }
  | { training: false };

/** Folding matrices per padded length, built once and kept (the spanning tree's edge ↔ arc maps). */
export class FoldCache {
  private readonly byLength = new Map<number, ConstantMatrix>();

  /** Pᵀ [E, T²]: edges = Pᵀ · vec(θ) sums θ_ij + θ_ji; its transpose unfolds edges symmetrically. */
  get(steps: number): ConstantMatrix {
    let m = this.byLength.get(steps);
    if (m === undefined) {
      const p = foldMatrix(steps);
      const e = edgeCount(steps);
      const t = new Float32Array(p.length);
      for (let r = 0; r < steps * steps; r++)
        for (let c = 0; c < e; c++) t[c * steps * steps + r] = p[r * e + c];
      // Kept: get() runs inside the model's tidy scopes, which must not free the cache.
      const made = constantMatrix(t, e, steps * steps);
      tf.keep(made.matrix);
      tf.keep(made.transposed);
      this.byLength.set(steps, made);
      m = made;
    }
    return m;
  }

  dispose(): void {
    for (const m of this.byLength.values()) {
      m.matrix.dispose();
      m.transposed.dispose();
    }
    this.byLength.clear();
  }
}

/** θ [B, T, T] → latent graph weights [B, T, T]; zero on every arc that does not exist. */
export function latentGraph(
  latent: GraphLatent,
  scores: tf.Tensor3D,
  lengths: Int32Array,
  mode: LatentMode,
  folds: FoldCache,
): tf.Tensor3D {
  const [batch, steps] = scores.shape;
  return tf.tidy(() => {
    const flat = tf.reshape(scores, [batch, steps * steps]) as tf.Tensor2D;
    const mask = tf.tensor2d(arcMask(lengths, steps), [batch, steps * steps]);
    const square = (x: tf.Tensor) => tf.reshape(x, [batch, steps, steps]) as tf.Tensor3D;
    const noisy = (noise: (shape: number[], g: RandomGenerator) => tf.Tensor, x: tf.Tensor2D) =>
      mode.training ? tf.add(x, noise(x.shape, mode.generator)) : x;
    switch (latent) {
      case 'arborescence': {
        const u = noisy(sampleGumbel, flat);
        const opts = { n: steps, lengths, rootMode: 'multi' as const };
        return square(
          mode.training
            ? relaxedArborescence(u, { ...opts, temperature: mode.temperature })
            : hardArborescence(u, opts),
        );
      }
      case 'independent': {
        const u = noisy(sampleLogistic, flat);
        const x = mode.training
          ? relaxedBinary(u, { temperature: mode.temperature })
          : hardBinary(u);
        return square(tf.mul(x, mask));
      }
      case 'top-k': {
        const forced = tf.tensor2d(forcedPaddingDiagonal(lengths, steps), [batch, steps * steps]);
        // Real arcs keep their utility, forced entries get +EXCLUDED, the rest −EXCLUDED:
        // offset = EXCLUDED · (2·forced + mask − 1) (forced and mask are disjoint).
        const offset = tf.mul(tf.sub(tf.add(tf.mul(forced, 2), mask), 1), EXCLUDED);
        const u = tf.add(tf.mul(noisy(sampleGumbel, flat), mask), offset);
        const k = steps - 1;
        const x = mode.training
          ? relaxedKSubset(u, { k, temperature: mode.temperature })
          : hardKSubset(u, { k });
        return square(tf.mul(x, mask));
      }
      case 'spanning-tree': {
        const fold = folds.get(steps);
        // Edge (i, j) scores θ_ij + θ_ji: the undirected tree has no orientation.
        const edgeScores = tf.transpose(leftMultiply(fold, tf.transpose(flat))) as tf.Tensor2D;
        const { real, forced } = edgeMasks(lengths, steps);
        const e = edgeCount(steps);
        const realMask = tf.tensor2d(real, [batch, e]);
        // Forced chain edges are bridges (utility 0 suffices); other padded edges are excluded.
        const excluded = tf.mul(
          tf.sub(1, tf.add(realMask, tf.tensor2d(forced, [batch, e]))),
          -EXCLUDED,
        );
        const u = tf.add(tf.mul(noisy(sampleGumbel, edgeScores), realMask), excluded);
        const x = mode.training
          ? relaxedSpanningTree(u, { n: steps, temperature: mode.temperature })
          : hardSpanningTree(u, { n: steps });
        // Back to a symmetric [B, T²] (messages flow both ways along an undirected edge).
        const arcs = tf.transpose(
          leftMultiply(
            { matrix: fold.transposed, transposed: fold.matrix },
            tf.transpose(tf.mul(x, realMask)) as tf.Tensor2D,
          ),
        );
        // Arcs into token 0 do not exist for the arc metrics, but messages to the root do: keep
        // the symmetric matrix without the arc mask.
        return square(arcs);
      }
    }
  });
}
