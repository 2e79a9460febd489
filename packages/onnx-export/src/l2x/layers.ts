// The @sst-tricks/nn layers the L2X networks are made of, as ONNX nodes reading the trained
// weights by checkpoint name: Embedding (padding row zero), Conv1d (channels-first ONNX Conv)
// and a dense layer. Shared by the explainer and the predictor graphs.
import { PAD_ID } from '@sst-tricks/l2x';
import type { GraphBuilder, OnnxValue } from '../builder/graph-builder.js';
import type { WeightSource } from '../weights.js';
import { requireWeight } from '../weights.js';

/** A Conv1d filter [K·C_in, C_out] (row k·C_in + i, tf.conv1d's layout) as ONNX's [C_out, C_in, K]. */
export function convFilter(
  values: Float32Array,
  kernel: number,
  inputs: number,
  outputs: number,
): Float32Array {
  const out = new Float32Array(values.length);
  for (let k = 0; k < kernel; k++)
    for (let i = 0; i < inputs; i++)
      for (let o = 0; o < outputs; o++)
        out[(o * inputs + i) * kernel + k] = values[(k * inputs + i) * outputs + o];
  return out;
}

export class L2xLayers {
  constructor(
    private readonly g: GraphBuilder,
    private readonly weights: WeightSource,
  ) {}

  /** nn's Embedding `name` ([vocabulary, dim]) of ids → [..., dim]; the padding row is zero. */
  embedding(name: string, ids: OnnxValue, vocabulary: number, dim: number): OnnxValue {
    const table = requireWeight(this.weights, `${name}.table`, [vocabulary, dim]);
    // L2xModel maps id 0 to a zero row whatever the table holds.
    const rows = Float32Array.from(table.values);
    rows.fill(0, PAD_ID * dim, (PAD_ID + 1) * dim);
    const t = this.g.initializer(`${name}.table`, rows, [vocabulary, dim]);
    return this.g.gatherBy(t, ids, 0, name);
  }

  /**
   * nn's Conv1d `name` (kernel K, C_in → C_out) on x [batch, C_in, L] with zero `pads`;
   * `rows` takes only input channels from..from+count of a kernel-1 conv.
   */
  conv(
    name: string,
    x: OnnxValue,
    kernel: number,
    inputs: number,
    outputs: number,
    pads: readonly [number, number],
    rows?: { from: number; count: number },
  ): OnnxValue {
    const w = requireWeight(this.weights, `${name}.weights`, [kernel * inputs, outputs]);
    const b = requireWeight(this.weights, `${name}.bias`, [outputs]);
    const values =
      rows === undefined
        ? w.values
        : w.values.subarray(rows.from * outputs, (rows.from + rows.count) * outputs);
    const c = rows?.count ?? inputs;
    const filter = this.g.initializer(
      `${name}.weights${rows === undefined ? '' : '.local'}`,
      convFilter(values, kernel, c, outputs),
      [outputs, c, kernel],
    );
    const bias = this.g.initializer(`${name}.bias`, b.values, [outputs]);
    return this.g.conv1d(x, filter, bias, pads, name);
  }

  /** A dense layer `name` (weights [inputs, outputs], bias) of x [batch, inputs]. */
  dense(name: string, x: OnnxValue, inputs: number, outputs: number): OnnxValue {
    const w = requireWeight(this.weights, `${name}.weights`, [inputs, outputs]);
    const b = requireWeight(this.weights, `${name}.bias`, [outputs]);
    return this.g.add(
      this.g.matMul(x, this.g.initializer(`${name}.weights`, w.values, [inputs, outputs])),
      this.g.initializer(`${name}.bias`, b.values, [outputs]),
      name,
    );
  }
}
