// NRI's loss split for the training loop's generic sliced (micro-batch) gradients
// (@sst-tricks/training, SlicedLoss; PERF-NOTES 4: wasm's heap is 4 GB and the decoder's rollout
// at batch 128, width 256 does not fit in one tape). The head is the part that couples the batch's
// items: the encoder (batch norm over the batch) and the latent sample → edge weights W [E·B, 2]
// (edge-major: lead E) and the KL term. The tail is the decoder, which couples nothing across
// items: a slice's NLL from its frames and its rows of W, normalised by the whole batch. The
// generic step runs the head twice (no tape, then one tape through Σ W·dW + KL) and the tail once
// per slice: exact, the same noise, batch norm's running averages moved once.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import { type SlicedLoss, slicedLossAndGradients as slicedSteps } from '@sst-tricks/training';
import type * as tf from '@tensorflow/tfjs-core';
import { sliceItems } from './batch-items.js';
import type { NriBatch, NriNetwork } from './model-types.js';

/** Splits `total` items into `slices` nearly equal consecutive ranges (the data-parallel split). */
export { itemRanges as sliceRanges } from '@sst-tricks/training';

/** NRI's head (encoder + latent sample + KL) and tail (decoder NLL of a slice). */
export function nriSlicing(model: NriNetwork): SlicedLoss<NriBatch> {
  return {
    items: (batch) => batch.count,
    head(batch, context) {
      const latent = model.latent(batch, context.generator);
      return {
        loss: model.kl(latent.distribution, batch.count),
        outputs: [{ tensor: latent.weights, lead: model.relations.directed }],
      };
    },
    tail(batch, [weights], slice) {
      const n = model.options.nodes;
      const [t, , d] = batch.frames.shape;
      // Made inside the tape's forward scope, so freed with it.
      const frames = sliceItems(batch.frames, t * n, slice.total, slice.start, slice.count, [
        t,
        n * slice.count,
        d,
      ]);
      return model.nll(frames, weights as tf.Tensor2D, model.options.predictionSteps, slice.total);
    },
  };
}

/** One step's loss and gradients with the decoder over `slices` slices of the batch. */
export function slicedLossAndGradients(
  model: NriNetwork,
  batch: NriBatch,
  generator: RandomGenerator,
  slices: number,
  trainable: readonly tf.Variable[],
): { value: tf.Scalar; grads: Record<string, tf.Tensor> } {
  return slicedSteps(
    nriSlicing(model),
    batch,
    { step: 0, totalSteps: 1, generator, training: true },
    trainable,
    { slices, statistics: Object.values(model.variables).filter((v) => !v.trainable) },
  );
}
