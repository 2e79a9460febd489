// LSTM over padded batches, PyTorch's nn.LSTM maths: gates [i, f, g, o] = x·W_ih + b_ih + h·W_hh
// + b_hh, c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'); every weight and bias starts
// U(±1/√hidden). Layout: TIME-MAJOR rows, x [T·B, inputs] with row t·B + b, so the input
// projection of all time steps is one big plain matMul and each step's rows are one contiguous
// slice; the recurrent product h·W_hh uses plain matMuls in its gradient too (PERF-NOTES 1).
// Masking by per-sequence `lengths`: at t ≥ lengths[b] the state is carried unchanged and the
// output row is zero. The backward direction runs t = T−1 … 0 from a zero state, so a padded
// position leaves it zero and each sequence's backward pass starts at its own last token.
import * as tf from '@tensorflow/tfjs-core';
import { checkInteger } from './check.js';
import { dense, matMulPlain } from './dense.js';
import type { ParameterSet } from './parameters.js';

export interface LstmOptions {
  inputs: number;
  hidden: number;
  /** Also run a reversed direction; outputs concatenate [forward, backward]. Default false. */
  bidirectional?: boolean;
}

export interface LstmResult {
  /** [T·B, hidden] (or [T·B, 2·hidden] bidirectional), time-major; zero at padded positions. */
  output: tf.Tensor2D;
  /** Per direction ([forward] or [forward, backward]): final h and c, [B, hidden] each. */
  final: Array<{ h: tf.Tensor2D; c: tf.Tensor2D }>;
}

interface Direction {
  weightsInput: tf.Variable;
  weightsHidden: tf.Variable;
  biasInput: tf.Variable;
  biasHidden: tf.Variable;
}

export class Lstm {
  readonly directions: Direction[];
  readonly inputs: number;
  readonly hidden: number;

  /** Variables `<name>.<forward|backward>.{weightsInput, weightsHidden, biasInput, biasHidden}`. */
  constructor(
    params: ParameterSet,
    readonly name: string,
    options: LstmOptions,
  ) {
    this.inputs = checkInteger(name, 'inputs', options.inputs, 1);
    this.hidden = checkInteger(name, 'hidden', options.hidden, 1);
    const names = options.bidirectional === true ? ['forward', 'backward'] : ['forward'];
    const bound = 1 / Math.sqrt(this.hidden);
    const h4 = 4 * this.hidden;
    this.directions = names.map((d) => ({
      weightsInput: params.uniform(`${name}.${d}.weightsInput`, [this.inputs, h4], bound),
      weightsHidden: params.uniform(`${name}.${d}.weightsHidden`, [this.hidden, h4], bound),
      biasInput: params.uniform(`${name}.${d}.biasInput`, [h4], bound),
      biasHidden: params.uniform(`${name}.${d}.biasHidden`, [h4], bound),
    }));
  }

  /** x [T·B, inputs] time-major; lengths[b] ∈ [0, T] valid steps of sequence b. */
  apply(x: tf.Tensor2D, lengths: readonly number[] | Int32Array): LstmResult {
    const batch = lengths.length;
    if (batch < 1) throw new RangeError(`${this.name}: lengths must be non-empty, got length 0`);
    if (x.rank !== 2 || x.shape[1] !== this.inputs || x.shape[0] % batch !== 0) {
      throw new RangeError(
        `${this.name}: x must be [T·${batch}, ${this.inputs}] (time-major), got [${x.shape}]`,
      );
    }
    const steps = x.shape[0] / batch;
    for (let b = 0; b < batch; b++) {
      const l = lengths[b];
      if (!Number.isInteger(l) || l < 0 || l > steps) {
        throw new RangeError(
          `${this.name}: lengths[${b}] must be an integer in [0, ${steps}], got ${l}`,
        );
      }
    }
    return tf.tidy(() => {
      const masks: tf.Tensor2D[] = [];
      for (let t = 0; t < steps; t++) {
        masks.push(
          tf.tensor2d(
            Array.from(lengths, (l) => (t < l ? 1 : 0)),
            [batch, 1],
          ),
        );
      }
      const runs = this.directions.map((d, k) => this.run(d, x, masks, batch, k === 1));
      const output =
        runs.length === 1
          ? runs[0].output
          : (tf.concat(
              runs.map((r) => r.output),
              1,
            ) as tf.Tensor2D);
      return { output, final: runs.map((r) => r.final) };
    });
  }

  private run(d: Direction, x: tf.Tensor2D, masks: tf.Tensor2D[], batch: number, reverse: boolean) {
    const H = this.hidden;
    const steps = masks.length;
    // All time steps' input projections (and both biases) in one plain matMul.
    const bias = tf.add(d.biasInput, d.biasHidden) as tf.Tensor1D;
    const projected = dense(x, d.weightsInput as tf.Tensor2D, bias);
    let h = tf.zeros([batch, H]) as tf.Tensor2D;
    let c = tf.zeros([batch, H]) as tf.Tensor2D;
    const outputs: tf.Tensor2D[] = new Array(steps);
    for (let s = 0; s < steps; s++) {
      const t = reverse ? steps - 1 - s : s;
      const gates = tf.add(
        tf.slice(projected, [t * batch, 0], [batch, 4 * H]),
        matMulPlain(h, d.weightsHidden as tf.Tensor2D),
      );
      const [gi, gf, gg, go] = tf.split(gates, 4, 1);
      const cNew = tf.add(tf.mul(tf.sigmoid(gf), c), tf.mul(tf.sigmoid(gi), tf.tanh(gg)));
      const hNew = tf.mul(tf.sigmoid(go), tf.tanh(cNew));
      const m = masks[t];
      const keep = tf.sub(1, m);
      // A padded step carries the state and outputs zeros.
      outputs[t] = tf.mul(hNew, m) as tf.Tensor2D;
      h = tf.add(outputs[t], tf.mul(h, keep)) as tf.Tensor2D;
      c = tf.add(tf.mul(cNew, m), tf.mul(c, keep)) as tf.Tensor2D;
    }
    return { output: tf.concat(outputs, 0) as tf.Tensor2D, final: { h, c } };
  }
}
