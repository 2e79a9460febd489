// TEST ORACLE: NRI's own sliced gradients as they were before NRI switched to training's generic
// slicedLossAndGradients (src/model/sliced-gradients.ts), kept verbatim (imports and name aside) so
// the tests can show the switch changes no bit of a step (sliced-gradients.test.ts).
// One training step's loss and gradients with the decoder run over slices of the batch
// (PERF-NOTES 4): wasm's heap is 4 GB and the decoder's rollout at batch 128, width 256 does not
// fit in one tape. The decoder couples nothing across items, so this is exact:
//   A. without a tape, the encoder and the latent sample → edge weights W (batch norm on batch
//      statistics but its running averages left alone, the noise generator rewound afterwards);
//   B. per slice of items, one tape over the decoder and that slice of W (as a variable): the
//      slice's NLL (normalised by the WHOLE batch, so the slices add up), the decoder's
//      gradients (summed over slices) and dNLL/dW;
//   C. one tape over the encoder, re-run with the same noise: the surrogate Σ W·dW + KL has the
//      encoder gradients of NLL + KL (chain rule through W, whatever path W takes: relaxed or
//      straight-through), and this pass moves batch norm's running averages, once per step.
// Cost: the encoder and the sampler run twice (≈ 10 % of a step at the paper's size).
import type { RandomGenerator } from '@sst-tricks/sst-core';
import { itemRanges } from '@sst-tricks/training';
import * as tf from '@tensorflow/tfjs-core';
import { sliceItems } from '../../src/model/batch-items.js';
import type { NriBatch, NriNetwork } from '../../src/model/model-types.js';

export function legacySlicedLossAndGradients(
  model: NriNetwork,
  batch: NriBatch,
  generator: RandomGenerator,
  slices: number,
  trainable: readonly tf.Variable[],
): { value: tf.Scalar; grads: Record<string, tf.Tensor> } {
  const n = model.options.nodes;
  const e = model.relations.directed;
  const b = batch.count;
  const encoderVariables = new Set(
    Object.entries(model.variables)
      .filter(([name]) => name.startsWith('encoder.'))
      .map(([, v]) => v),
  );
  const encoderTrainable = trainable.filter((v) => encoderVariables.has(v));
  const decoderTrainable = trainable.filter((v) => !encoderVariables.has(v));
  const noise = generator.getState();

  // A. The edge weights, no tape.
  const weights = tf.tidy(
    () => model.latent(batch, generator, { updateStatistics: false }).weights,
  );
  generator.setState(noise);

  // B. The decoder, slice by slice.
  const grads: Record<string, tf.Tensor> = {};
  const dWeights: tf.Tensor3D[] = [];
  let nll = 0;
  // On any failure (e.g. out of memory, which slicing is there to avoid) nothing stays allocated.
  const release = () => {
    tf.dispose(Object.values(grads));
    tf.dispose(dWeights);
  };
  try {
    for (const [start, count] of itemRanges(b, slices)) {
      const k = weights.shape[1];
      const initial = sliceItems(weights, e, b, start, count, [e * count, k]);
      const slice = tf.variable(initial, true);
      initial.dispose();
      try {
        const [t, , d] = batch.frames.shape;
        const frames = sliceItems(batch.frames, t * n, b, start, count, [t, n * count, d]);
        const { value, grads: g } = tf.variableGrads(
          () => model.nll(frames, slice, model.options.predictionSteps, b),
          [...decoderTrainable, slice],
        );
        frames.dispose();
        nll += value.dataSync()[0];
        value.dispose();
        const dSlice = g[slice.name];
        delete g[slice.name];
        dWeights.push(tf.reshape(dSlice, [e, count, -1]) as tf.Tensor3D);
        dSlice.dispose();
        for (const [name, gradient] of Object.entries(g)) {
          const sum = grads[name];
          if (sum === undefined) grads[name] = gradient;
          else {
            grads[name] = tf.add(sum, gradient);
            tf.dispose([sum, gradient]);
          }
        }
      } finally {
        slice.dispose();
      }
    }
  } catch (error) {
    release();
    throw error;
  } finally {
    weights.dispose();
  }

  // C. The encoder, same noise, through the surrogate Σ W·dW + KL.
  const dW = tf.tidy(() => tf.reshape(tf.concat(dWeights, 1), [e * b, -1]));
  tf.dispose(dWeights);
  let kl = 0;
  try {
    if (encoderTrainable.length > 0) {
      const { value, grads: g } = tf.variableGrads(() => {
        const latent = model.latent(batch, generator);
        const klTerm = model.kl(latent.distribution, b);
        kl = klTerm.dataSync()[0];
        return tf.add(tf.sum(tf.mul(latent.weights, dW)), klTerm) as tf.Scalar;
      }, encoderTrainable);
      value.dispose();
      Object.assign(grads, g);
    } else {
      // Nothing to differentiate: still draw the noise and move batch norm, as `loss` would.
      tf.tidy(() => {
        kl = model.kl(model.latent(batch, generator).distribution, b).dataSync()[0];
      });
    }
  } catch (error) {
    tf.dispose(Object.values(grads));
    throw error;
  } finally {
    dW.dispose();
  }
  return { value: tf.scalar(nll + kl), grads };
}
