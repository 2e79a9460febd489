// The tfjs side of NRI parity: the model's own encoder forward in evaluation mode (batch norm on
// running statistics), its output rearranged to the ONNX output's batch-major layout.
import type { NriModel } from '@sst-tricks/nri';
import { nriBatch } from '@sst-tricks/nri';
import * as tf from '@tensorflow/tfjs-core';

/** Encoder logits of `model` for trajectories [batch, T, n, D], in the ONNX layout. */
export function nriEncoderLogits(
  model: NriModel,
  trajectories: Float32Array,
  batch: number,
): Float32Array {
  const o = model.options;
  const shape = { count: batch, frames: o.frames, nodes: o.nodes, features: o.features };
  const input = nriBatch(trajectories, shape);
  try {
    const logits = tf.tidy(() => model.encoder.apply(input.encoderInput, { training: false }));
    const values = logits.dataSync() as Float32Array;
    logits.dispose();
    if (o.latent !== 'independent') return Float32Array.from(values); // [B, U] already
    // tfjs: [E·B, types], row = edge·B + item → ONNX [B, E, types].
    const types = logits.shape[1];
    const e = o.nodes * (o.nodes - 1);
    const out = new Float32Array(values.length);
    for (let k = 0; k < e; k++)
      for (let b = 0; b < batch; b++)
        for (let t = 0; t < types; t++)
          out[(b * e + k) * types + t] = values[(k * batch + b) * types + t];
    return out;
  } finally {
    input.encoderInput.dispose();
    input.frames.dispose();
  }
}
