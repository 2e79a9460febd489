// packages/nn's LSTM weights → ONNX LSTM's. The tfjs layer keeps x·W_ih with W_ih [in, 4H] whose
// column blocks are the gates [i, f, g, o] (PyTorch's order); ONNX's W [dirs, 4H, in] holds
// the transposed blocks in the order [i, o, f, c] (c = the cell candidate g), R likewise for the
// recurrent weights, and B [dirs, 8H] = [W_b, R_b] in the same gate order (ONNX adds both, as
// the tfjs layer does).
import type { Weight } from '../weights.js';

export interface TfjsLstmDirection {
  /** [in, 4H], gates [i, f, g, o]. */
  weightsInput: Weight;
  /** [H, 4H]. */
  weightsHidden: Weight;
  biasInput: Weight;
  biasHidden: Weight;
}

/** ONNX gate block k takes the tfjs block TFJS_BLOCK[k]: i ← i, o ← o, f ← f, c ← g. */
const TFJS_BLOCK = [0, 3, 1, 2] as const;

/** [rows, 4H] (tfjs) → [4H, rows] (ONNX), gate blocks reordered, written at `out[offset…]`. */
function transposeGates(w: Weight, rows: number, h: number, out: Float32Array, offset: number) {
  for (let k = 0; k < 4; k++)
    for (let u = 0; u < h; u++) {
      const column = TFJS_BLOCK[k] * h + u;
      for (let j = 0; j < rows; j++)
        out[offset + (k * h + u) * rows + j] = w.values[j * 4 * h + column];
    }
}

function reorderBias(b: Weight, h: number, out: Float32Array, offset: number) {
  for (let k = 0; k < 4; k++)
    out.set(b.values.subarray(TFJS_BLOCK[k] * h, (TFJS_BLOCK[k] + 1) * h), offset + k * h);
}

/** W [dirs, 4H, in], R [dirs, 4H, H], B [dirs, 8H] for the directions in order. */
export function onnxLstmWeights(
  directions: readonly TfjsLstmDirection[],
  inputs: number,
  h: number,
): { w: Float32Array; r: Float32Array; b: Float32Array } {
  const k = directions.length;
  const w = new Float32Array(k * 4 * h * inputs);
  const r = new Float32Array(k * 4 * h * h);
  const b = new Float32Array(k * 8 * h);
  directions.forEach((d, i) => {
    transposeGates(d.weightsInput, inputs, h, w, i * 4 * h * inputs);
    transposeGates(d.weightsHidden, h, h, r, i * 4 * h * h);
    reorderBias(d.biasInput, h, b, i * 8 * h);
    reorderBias(d.biasHidden, h, b, i * 8 * h + 4 * h);
  });
  return { w, r, b };
}
