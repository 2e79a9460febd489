// The NRI validation pass the training loop calls every N steps (Kipf et al.'s evaluation): per
// batch, the ELBO with HARD samples of the latent (the SMT argmax structure, not the relaxation)
// and one-step teacher forcing (predictionSteps 1: every frame is predicted from the true previous
// one), batch norm on its running averages (no update: evaluating must not change the model),
// and the hard latent's edge precision/recall against the true graph.
//
// Independent latents are directed (one type per ordered pair); the decoder sends a message along
// each direction whose type is "edge", so the undirected edge {i, j} counts as predicted when
// EITHER direction is on (undirectedFromDirected's 'either' rule): that is the set of pairs the
// decoder actually lets interact. Trees and top-k are undirected already.
//
// Averages are weighted by batch size, so a short last batch counts for what it holds. All
// tensors a batch makes are freed before the next one (tf.tidy).
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { edgePrecisionRecall, undirectedFromDirected } from './metrics.js';
import type { NriBatch, NriModel } from './nri-model.js';

export interface NriEvalBatch extends NriBatch {
  /** The true graph: [count, n(n−1)/2] indicators in (i<j) row-major order, item-major. */
  edges: ArrayLike<number>;
}

/** A type alias (not an interface) so that it is a `Record<string, number>` for the loop. */
export type NriMetrics = {
  /** −(NLL + KL) per node. */
  elbo: number;
  nll: number;
  kl: number;
  precision: number;
  recall: number;
};

export async function evaluateNri(
  model: NriModel,
  batches: Iterable<NriEvalBatch> | AsyncIterable<NriEvalBatch>,
  generator: RandomGenerator,
): Promise<NriMetrics> {
  const n = model.options.nodes;
  const u = (n * (n - 1)) / 2;
  const sums = { elbo: 0, nll: 0, kl: 0, precision: 0, recall: 0 };
  let items = 0;
  for await (const batch of batches) {
    if (batch.edges.length !== batch.count * u) {
      throw new RangeError(
        `NriModel.evaluate: edges must have count·n(n−1)/2 = ${batch.count * u} entries, got ${batch.edges.length}`,
      );
    }
    tf.tidy(() => {
      const pass = model.forward(batch, generator, {
        training: false,
        hard: true,
        predictionSteps: 1,
      });
      const nll = pass.nll.dataSync()[0];
      const kl = pass.kl.dataSync()[0];
      const hard = pass.sample.hard as tf.Tensor2D;
      // Independent: hard is one-hot [E·B, 2], column 1 = "edge"; otherwise [B, U] indicators.
      const predicted =
        model.options.latent === 'independent'
          ? undirectedFromDirected(
              tf.slice(hard, [0, 1], [-1, 1]).dataSync(),
              n,
              batch.count,
              'either',
            )
          : hard.dataSync();
      const counts = edgePrecisionRecall(predicted, batch.edges);
      const w = batch.count;
      sums.elbo += -(nll + kl) * w;
      sums.nll += nll * w;
      sums.kl += kl * w;
      sums.precision += counts.precision * w;
      sums.recall += counts.recall * w;
    });
    items += batch.count;
  }
  if (items === 0) throw new RangeError('NriModel.evaluate: no validation batches');
  return {
    elbo: sums.elbo / items,
    nll: sums.nll / items,
    kl: sums.kl / items,
    precision: sums.precision / items,
    recall: sums.recall / items,
  };
}
