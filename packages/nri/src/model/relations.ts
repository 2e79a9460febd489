// Fixed relation matrices on K_n. Directed edges follow the reference's order: e runs over the
// ordered pairs (i, j), i ≠ j, row-major, with receiver i and sender j (rel_rec = one-hot of i,
// rel_send = one-hot of j). Undirected edges are the pairs i < j, row-major, as in the data.
//
// Activations are 2-D with node-major rows (row = node·B + item) and edge-major rows
// (row = edge·B + item). Then [n·B, F] is [n, B·F] by a free reshape, and routing features to
// edges is ONE plain matMul by a constant [E, n] matrix for the whole batch: no batched matMul
// (which wasm runs outside XNNPACK) and no transposes of activations.

import type { ConstantMatrix } from '@sst-tricks/nn';
import { constantMatrix, leftMultiply } from '@sst-tricks/nn';
import * as tf from '@tensorflow/tfjs-core';

/** Index of the undirected edge {i, j} (i ≠ j) in (i<j) row-major order. */
export function undirectedIndex(i: number, j: number, n: number): number {
  const [a, b] = i < j ? [i, j] : [j, i];
  return a * n - (a * (a + 1)) / 2 + (b - a - 1);
}

/** Index of the directed edge with receiver i and sender j. */
export function directedIndex(i: number, j: number, n: number): number {
  return i * (n - 1) + (j < i ? j : j - 1);
}

export class Relations {
  readonly directed: number;
  readonly undirected: number;
  /** [E, n]: one-hot of each directed edge's receiver / sender. */
  readonly receivers: ConstantMatrix;
  readonly senders: ConstantMatrix;
  /** [E, 2n]: [senders | receivers], both routings in one product (sumToEdges). */
  readonly sendersAndReceivers: ConstantMatrix;
  /** [n, E]: mean over each node's n − 1 incoming edges. */
  readonly incomingMean: ConstantMatrix;
  /** [n, E]: the sum over each node's incoming edges (the decoder's message aggregation). */
  readonly incomingSum: ConstantMatrix;
  /** [U, E]: the average of the two directions of each undirected edge. */
  readonly symmetrise: ConstantMatrix;
  /** [E, U]: each directed edge copies its undirected edge. */
  readonly expand: ConstantMatrix;

  constructor(readonly nodes: number) {
    if (!Number.isInteger(nodes) || nodes < 2) {
      throw new RangeError(`nodes must be an integer ≥ 2, got ${nodes}`);
    }
    const n = nodes;
    const e = n * (n - 1);
    const u = e / 2;
    this.directed = e;
    this.undirected = u;
    const rec = new Float32Array(e * n);
    const send = new Float32Array(e * n);
    const both = new Float32Array(e * 2 * n);
    const mean = new Float32Array(n * e);
    const sym = new Float32Array(u * e);
    const expand = new Float32Array(e * u);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const d = directedIndex(i, j, n);
        const k = undirectedIndex(i, j, n);
        rec[d * n + i] = 1;
        send[d * n + j] = 1;
        both[d * 2 * n + j] = 1;
        both[d * 2 * n + n + i] = 1;
        mean[i * e + d] = 1 / (n - 1);
        sym[k * e + d] = 0.5;
        expand[d * u + k] = 1;
      }
    }
    this.receivers = constantMatrix(rec, e, n);
    this.senders = constantMatrix(send, e, n);
    this.sendersAndReceivers = constantMatrix(both, e, 2 * n);
    this.incomingMean = constantMatrix(mean, n, e);
    // Σ over incoming edges is rel_recᵀ: the same two tensors, roles swapped (disposed once).
    this.incomingSum = { matrix: this.receivers.transposed, transposed: this.receivers.matrix };
    this.symmetrise = constantMatrix(sym, u, e);
    this.expand = constantMatrix(expand, e, u);
  }

  /** Node rows [n·B, F] → edge rows [E·B, 2F]: [sender features, receiver features]. */
  nodeToEdge(x: tf.Tensor2D): tf.Tensor2D {
    const [rows, f] = x.shape;
    const wide = tf.reshape(x, [this.nodes, (rows / this.nodes) * f]) as tf.Tensor2D;
    const batchRows = (this.directed * rows) / this.nodes;
    const s = tf.reshape(leftMultiply(this.senders, wide), [batchRows, f]);
    const r = tf.reshape(leftMultiply(this.receivers, wide), [batchRows, f]);
    return tf.concat([s, r], 1) as tf.Tensor2D;
  }

  /**
   * Node rows fromSender, fromReceiver [n·B, F] → edge rows [E·B, F]: each edge's sender's row of
   * the first plus its receiver's row of the second. With fromSender = x·W_s and fromReceiver =
   * x·W_r this is nodeToEdge(x)·[W_s; W_r], with the products on n·B rows instead of E·B
   * (n − 1 times fewer flops).
   */
  sumToEdges(fromSender: tf.Tensor2D, fromReceiver: tf.Tensor2D): tf.Tensor2D {
    const [rows, f] = fromSender.shape;
    if (fromReceiver.shape[0] !== rows || fromReceiver.shape[1] !== f) {
      throw new RangeError(
        `sumToEdges: both inputs must have one shape, got [${fromSender.shape}] and [${fromReceiver.shape}]`,
      );
    }
    const wide = [fromSender, fromReceiver].map((x) =>
      tf.reshape(x, [this.nodes, (rows / this.nodes) * f]),
    );
    const stacked = tf.concat(wide, 0) as tf.Tensor2D;
    return tf.reshape(leftMultiply(this.sendersAndReceivers, stacked), [
      (this.directed * rows) / this.nodes,
      f,
    ]);
  }

  /** Edge rows [E·B, F] → node rows [n·B, F] by `matrix` ([n, E]: a mean or a sum). */
  edgeToNode(x: tf.Tensor2D, matrix: ConstantMatrix = this.incomingMean): tf.Tensor2D {
    const [rows, f] = x.shape;
    const wide = tf.reshape(x, [this.directed, (rows / this.directed) * f]) as tf.Tensor2D;
    return tf.reshape(leftMultiply(matrix, wide), [(this.nodes * rows) / this.directed, f]);
  }

  /** Directed edge rows [E·B, 1] → [B, U]: the average of both directions of each edge. */
  toUndirected(x: tf.Tensor2D): tf.Tensor2D {
    const wide = tf.reshape(x, [this.directed, x.shape[0] / this.directed]) as tf.Tensor2D;
    return tf.transpose(leftMultiply(this.symmetrise, wide));
  }

  /** [B, U] → directed edge rows [E·B, 1]: edge {i, j} acts in both directions. */
  toDirected(z: tf.Tensor2D): tf.Tensor2D {
    const expanded = leftMultiply(this.expand, tf.transpose(z));
    return tf.reshape(expanded, [this.directed * z.shape[0], 1]);
  }

  dispose(): void {
    for (const m of [
      this.receivers,
      this.senders,
      this.sendersAndReceivers,
      this.incomingMean,
      this.symmetrise,
      this.expand,
    ]) {
      m.matrix.dispose();
      m.transposed.dispose();
    }
  }
}
