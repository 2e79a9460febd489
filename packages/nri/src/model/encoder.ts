// The NRI MLP encoder (Kipf et al. 2018, MLPEncoder with factor = True):
//   node MLP → node2edge → edge MLP (= skip) → edge2node → node MLP → node2edge
//   → concat [x, skip] → edge MLP → dense to the logits.
// edge2node is the mean over each node's n − 1 incoming edges; the reference divides the sum by
// n instead, a constant factor (n − 1)/n that the next linear layer absorbs.
//
// Output, by `output`:
//   'undirected': one logit per UNDIRECTED edge, [B, n(n−1)/2] in (i<j) row-major order, for the
//     spanning-tree and top-k latents. The network scores both directions and the logit of {i, j}
//     is the average of the two directed logits, so it does not depend on the node order.
//   'directed': `edgeTypes` logits per DIRECTED edge, [E·B, edgeTypes] in edge-major rows
//     (row = edge·B + item, edges in the reference's receiver-major order), for the independent
//     latent (a Gumbel-softmax per row).
import type { DenseLayer, ModeOptions, ParameterSet } from '@sst-tricks/nn';
import { applyDense, dense, Mlp, matMulPlain } from '@sst-tricks/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { Relations } from './relations.js';

export interface EncoderOptions {
  /** T·D: frames × features per node. */
  inputs: number;
  /** Hidden width (paper 256). */
  hidden: number;
  output: 'undirected' | 'directed';
  /** Logits per directed edge when output = 'directed' (paper 2). */
  edgeTypes?: number;
  /**
   * Start the output layer at zero (weights and bias; default false: xavier-normal, bias 0.1), so
   * that every logit is 0 for every input and q(U | x) starts equal to the Gumbel(0) prior. The
   * weights are still drawn (the other layers start the same either way) and then overwritten.
   */
  zeroOutput?: boolean;
}

export class Encoder {
  readonly mlp1: Mlp;
  readonly mlp2: Mlp;
  readonly mlp3: Mlp;
  readonly mlp4: Mlp;
  readonly out: DenseLayer;
  readonly outputs: number;

  constructor(
    params: ParameterSet,
    readonly relations: Relations,
    readonly options: EncoderOptions,
  ) {
    const { inputs, hidden, output } = options;
    if (output !== 'undirected' && output !== 'directed') {
      throw new TypeError(
        `encoder: output must be 'undirected' or 'directed', got ${String(output)}`,
      );
    }
    const types = options.edgeTypes ?? 2;
    if (output === 'directed' && (!Number.isInteger(types) || types < 1)) {
      throw new RangeError(`encoder: edgeTypes must be an integer ≥ 1, got ${types}`);
    }
    this.outputs = output === 'directed' ? types : 1;
    // The NRI block (fc → ELU → fc → ELU → batch norm) is the Mlp defaults.
    this.mlp1 = new Mlp(params, 'encoder.mlp1', { sizes: [inputs, hidden, hidden] });
    this.mlp2 = new Mlp(params, 'encoder.mlp2', { sizes: [2 * hidden, hidden, hidden] });
    this.mlp3 = new Mlp(params, 'encoder.mlp3', { sizes: [hidden, hidden, hidden] });
    this.mlp4 = new Mlp(params, 'encoder.mlp4', { sizes: [3 * hidden, hidden, hidden] });
    this.out = params.dense('encoder.out', hidden, this.outputs, 'xavier-normal');
    if (options.zeroOutput === true) {
      tf.tidy(() => {
        this.out.weights.assign(tf.zerosLike(this.out.weights));
        this.out.bias.assign(tf.zerosLike(this.out.bias));
      });
    }
  }

  /**
   * x: node rows [n·B, T·D] (see layout.ts). `replicas` (data-parallel training): x holds one
   * replica's items of a `totalItems`-item batch, and batch norm sums its statistics over all
   * replicas (node rows n·totalItems, edge rows E·totalItems).
   */
  apply(
    x: tf.Tensor2D,
    mode: ModeOptions,
    replicas?: { sum(x: tf.Tensor): tf.Tensor; totalItems: number },
  ): tf.Tensor2D {
    const expected = this.options.inputs;
    if (x.rank !== 2 || x.shape[1] !== expected || x.shape[0] % this.relations.nodes !== 0) {
      throw new RangeError(
        `encoder: input must be [n·B, ${expected}] with n = ${this.relations.nodes}, got [${x.shape}]`,
      );
    }
    const r = this.relations;
    const over = (rowsPerItem: number): ModeOptions =>
      replicas === undefined
        ? mode
        : {
            ...mode,
            crossReplica: { sum: replicas.sum, totalRows: rowsPerItem * replicas.totalItems },
          };
    const nodeMode = over(r.nodes);
    const edgeMode = over(r.directed);
    let h = this.mlp1.apply(x, nodeMode);
    // mlp2(nodeToEdge(h)) and mlp4([nodeToEdge(h), skip]), with the first layers' products on
    // node rows (edgeFirstLayer).
    h = this.mlp2.applyFromFirstLayer(edgeFirstLayer(r, this.mlp2.layers[0], h), edgeMode);
    const skip = h;
    h = this.mlp3.apply(r.edgeToNode(h), nodeMode);
    h = this.mlp4.applyFromFirstLayer(edgeFirstLayer(r, this.mlp4.layers[0], h, skip), edgeMode);
    const logits = applyDense(this.out, h);
    return this.options.output === 'undirected' ? r.toUndirected(logits) : logits;
  }
}

/**
 * The first dense layer of an edge MLP whose input rows are [sender's h, receiver's h, extra]
 * (nodeToEdge(h), then `extra` edge columns if given), before its activation. Its weight rows
 * split the same way, [W_s; W_r; W_x], and nodeToEdge(h)·[W_s; W_r] = sumToEdges(h·W_s, h·W_r):
 * the two products run on the n·B node rows rather than the E·B edge rows, n − 1 times fewer
 * flops. The same function, in another order of float32 additions.
 */
function edgeFirstLayer(
  r: Relations,
  layer: DenseLayer,
  h: tf.Tensor2D,
  extra?: tf.Tensor2D,
): tf.Tensor2D {
  const f = h.shape[1];
  const parts = extra === undefined ? [f, f] : [f, f, extra.shape[1]];
  const [ws, wr, wx] = tf.split(layer.weights as tf.Tensor2D, parts, 0) as tf.Tensor2D[];
  const routed = r.sumToEdges(matMulPlain(h, ws), matMulPlain(h, wr));
  const own =
    extra === undefined ? (layer.bias as tf.Tensor1D) : dense(extra, wx, layer.bias as tf.Tensor1D);
  return tf.add(routed, own) as tf.Tensor2D;
}
