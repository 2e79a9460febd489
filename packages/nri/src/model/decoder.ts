// The NRI MLP decoder (Kipf et al. 2018, MLPDecoder) and its multi-step rollout.
//
// One step: for every directed edge, the message of type k is relu(fc2_k(relu(fc1_k([sender,
// receiver])))) weighted by the edge's type-k weight; type 0 ("no edge") has no MLP when
// `skipFirst` (the reference's skip_first). Messages are SUMMED at receivers (no normalisation,
// as in the reference), then x' = x + fc3(relu(fc2(relu(fc1([x, Σ messages]))))).
//
// Edge weights are [E·B, edgeTypes] in edge-major rows: an independent latent's Gumbel-softmax
// sample as is; an undirected latent z [B, U] (spanning tree, top-k) through
// `undirectedEdgeWeights`, which gives types [1 − z, z] on both directions of each edge, so an
// edge {i, j} sends messages both ways.
//
// Rollout with teacher forcing every `predictionSteps` = p: chains start at the ground-truth
// frames 0, p, 2p, … and each predicts up to p frames ahead, never past frame T − 1. The
// reference also rolls a chain out from frame T − 1 (when p divides T − 1) and shorter chains
// past the end, all of whose outputs it then discards (PERF-NOTES 3); here a chain stops where
// its targets stop, which changes neither the loss nor its gradients. The chains run side by side
// as one larger batch (rows node-major, then chain, then item).

import type { DenseLayer, ParameterSet } from '@sst-tricks/nn';
import { applyDense } from '@sst-tricks/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { Relations } from './relations.js';

export interface DecoderOptions {
  /** D: features per node and frame (2 for positions). */
  features: number;
  /** Edge types K, including type 0. */
  edgeTypes: number;
  /**
   * Type 0 means "no edge" and sends nothing (default false: every type has its message MLP, as
   * the reference's skip_first = False that the SST runs use).
   */
  skipFirst?: boolean;
  /**
   * Start every edge type's message MLP from the same weights (default false, the reference's
   * independent draws). With independent draws, the random difference between the "edge" and
   * "no edge" messages decides early on whether the encoder drifts toward the true graph or
   * toward far-apart pairs; tied, the difference is learnt from the data (package README).
   */
  tiedInit?: boolean;
  /** Message MLP widths (paper 256, 256) and the output MLP's (paper 256). */
  messageHidden: number;
  messageOutput: number;
  hidden: number;
}

/** One rollout: predictions[d − 1] and targets[d − 1] are the frames predicted d steps ahead. */
export interface Rollout {
  /** [n·C_d·B, D] each, rows node-major, then chain, then item. */
  predictions: tf.Tensor2D[];
  targets: tf.Tensor2D[];
  /** chainStarts[c] = the ground-truth frame chain c starts from. */
  chainStarts: number[];
}

/** The chain starts and, per depth d = 1…, how many chains are still inside the trajectory. */
export function rolloutPlan(frames: number, predictionSteps: number) {
  if (!Number.isInteger(frames) || frames < 2) {
    throw new RangeError(`rollout: frames must be an integer ≥ 2, got ${frames}`);
  }
  if (!Number.isInteger(predictionSteps) || predictionSteps < 1) {
    throw new RangeError(`rollout: predictionSteps must be an integer ≥ 1, got ${predictionSteps}`);
  }
  const starts: number[] = [];
  for (let s = 0; s < frames - 1; s += predictionSteps) starts.push(s);
  const active: number[] = [];
  for (let d = 1; d <= predictionSteps; d++) {
    const count = starts.filter((s) => s + d <= frames - 1).length;
    if (count === 0) break;
    active.push(count);
  }
  return { starts, active };
}

/** z [B, U] for an undirected latent → [E·B, 2] weights (types [no edge, edge]). */
export function undirectedEdgeWeights(relations: Relations, z: tf.Tensor2D): tf.Tensor2D {
  const directed = relations.toDirected(z);
  return tf.concat([tf.sub(1, directed), directed], 1) as tf.Tensor2D;
}

export class Decoder {
  readonly messages: Array<{ fc1: DenseLayer; fc2: DenseLayer } | undefined>;
  readonly out1: DenseLayer;
  readonly out2: DenseLayer;
  readonly out3: DenseLayer;
  readonly firstType: number;

  constructor(
    params: ParameterSet,
    readonly relations: Relations,
    readonly options: DecoderOptions,
  ) {
    const { features, edgeTypes, messageHidden, messageOutput, hidden } = options;
    for (const [key, value] of Object.entries({
      features,
      edgeTypes,
      messageHidden,
      messageOutput,
      hidden,
    })) {
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`decoder: ${key} must be an integer ≥ 1, got ${value}`);
      }
    }
    this.firstType = options.skipFirst === true ? 1 : 0;
    // PyTorch's default nn.Linear init, as the reference decoder (it has no init_weights).
    this.messages = Array.from({ length: edgeTypes }, (_, k) =>
      k < this.firstType
        ? undefined
        : {
            fc1: params.dense(
              `decoder.message${k}.fc1`,
              2 * features,
              messageHidden,
              'torch-default',
            ),
            fc2: params.dense(
              `decoder.message${k}.fc2`,
              messageHidden,
              messageOutput,
              'torch-default',
            ),
          },
    );
    if (options.tiedInit === true) this.tieMessageWeights();
    this.out1 = params.dense('decoder.out1', features + messageOutput, hidden, 'torch-default');
    this.out2 = params.dense('decoder.out2', hidden, hidden, 'torch-default');
    this.out3 = params.dense('decoder.out3', hidden, features, 'torch-default');
  }

  /**
   * Every type's message MLP takes the first one's initial weights. They are still drawn (so the
   * other layers start the same either way) and then overwritten.
   */
  private tieMessageWeights(): void {
    const [first, ...rest] = this.messages.filter((mlp) => mlp !== undefined);
    if (first === undefined) return;
    for (const mlp of rest) {
      for (const layer of ['fc1', 'fc2'] as const) {
        mlp[layer].weights.assign(first[layer].weights);
        mlp[layer].bias.assign(first[layer].bias);
      }
    }
  }

  /** One step: x node rows [n·B, D], weights [E·B, K] → the next states [n·B, D]. */
  step(x: tf.Tensor2D, weights: tf.Tensor2D): tf.Tensor2D {
    const r = this.relations;
    const pre = r.nodeToEdge(x);
    const parts: tf.Tensor[] = [];
    this.messages.forEach((mlp, k) => {
      if (mlp === undefined) return;
      const m = tf.relu(applyDense(mlp.fc2, tf.relu(applyDense(mlp.fc1, pre)) as tf.Tensor2D));
      parts.push(tf.mul(m, tf.slice(weights, [0, k], [-1, 1])));
    });
    const sum = (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Tensor2D;
    const aggregated = r.edgeToNode(sum, r.incomingSum);
    const h = tf.relu(applyDense(this.out1, tf.concat([x, aggregated], 1) as tf.Tensor2D));
    const delta = applyDense(
      this.out3,
      tf.relu(applyDense(this.out2, h as tf.Tensor2D)) as tf.Tensor2D,
    );
    return tf.add(x, delta);
  }

  /**
   * frames [T, n·B, D] (layout.ts), weights [E·B, K]: the teacher-forced rollout. Frames are data
   * (no gradient flows into them).
   */
  rollout(frames: tf.Tensor3D, weights: tf.Tensor2D, predictionSteps: number): Rollout {
    const [t, rows, d] = frames.shape;
    const n = this.relations.nodes;
    const e = this.relations.directed;
    const k = this.options.edgeTypes;
    if (d !== this.options.features || rows % n !== 0) {
      throw new RangeError(
        `decoder: frames must be [T, n·B, ${this.options.features}] with n = ${n}, got [${frames.shape}]`,
      );
    }
    const b = rows / n;
    if (weights.rank !== 2 || weights.shape[0] !== e * b || weights.shape[1] !== k) {
      throw new RangeError(`decoder: weights must be [${e * b}, ${k}], got [${weights.shape}]`);
    }
    const { starts, active } = rolloutPlan(t, predictionSteps);
    const chains = starts.length;
    // [C', n·B, D] frames → rows (node, chain, item).
    const byChain = (offset: number, count: number): tf.Tensor2D => {
      const picked = tf.gather(
        frames,
        starts.slice(0, count).map((s) => s + offset),
      );
      const nodeMajor = tf.transpose(tf.reshape(picked, [count, n, b * d]), [1, 0, 2]);
      return tf.reshape(nodeMajor, [n * count * b, d]);
    };
    const w3 = tf.reshape(weights, [e, 1, b * k]);
    const tiled = (count: number): tf.Tensor2D =>
      tf.reshape(tf.tile(w3, [1, count, 1]), [e * count * b, k]);

    let x = byChain(0, chains);
    let w = tiled(chains);
    let current = chains;
    const predictions: tf.Tensor2D[] = [];
    const targets: tf.Tensor2D[] = [];
    active.forEach((count, index) => {
      if (count < current) {
        // The later chains have reached frame T − 1: drop their rows (a prefix stays).
        x = tf.reshape(tf.slice(tf.reshape(x, [n, current, b * d]), [0, 0, 0], [n, count, b * d]), [
          n * count * b,
          d,
        ]);
        w = tiled(count);
        current = count;
      }
      x = this.step(x, w);
      predictions.push(x);
      targets.push(byChain(index + 1, count));
    });
    return { predictions, targets, chainStarts: starts };
  }
}
