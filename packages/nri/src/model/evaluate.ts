// The NRI validation pass the training loop calls every N steps (Kipf et al.'s evaluation): per
// batch, the ELBO with HARD samples of the latent (the SMT argmax structure, not the relaxation)
// and one-step teacher forcing (predictionSteps 1: every frame is predicted from the true previous
// one), batch norm on its running averages (no update: evaluating must not change the model),
// and the hard latent's edge precision/recall against the true graph.
//
// Independent latents are directed (one type per ordered pair); the undirected edge {i, j} counts
// as predicted when EITHER direction has the "edge" type (undirectedFromDirected's 'either'
// rule). Both of its types have a message MLP (skipFirst false), so which one the model uses for
// the true graph's edges is its own choice: as the reference's metric (and NRI's
// permutation-invariant edge accuracy), each type is read as "edge" in turn and the reading with
// the higher F1 over the whole validation set is reported (the reference keeps the higher
// precision, which a reading that predicts nothing would win). Trees and top-k are undirected and
// reported as sampled: never their complement.
//
// Averages are weighted by batch size, so a short last batch counts for what it holds. All
// tensors a batch makes are freed before the next one (tf.tidy).
import type { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import { edgePrecisionRecall, undirectedFromDirected } from './metrics.js';
import type { NriEvalBatch, NriMetrics, NriNetwork } from './model-types.js';

export async function evaluateNri(
  model: NriNetwork,
  batches: Iterable<NriEvalBatch> | AsyncIterable<NriEvalBatch>,
  generator: RandomGenerator,
): Promise<NriMetrics> {
  const n = model.options.nodes;
  const u = (n * (n - 1)) / 2;
  const sums = { elbo: 0, nll: 0, kl: 0 };
  const precision: number[] = [];
  const recall: number[] = [];
  const pooled: { truePositives: number; predicted: number; actual: number }[] = [];
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
      // Independent: hard is one-hot [E·B, 2]; each column in turn is read as "edge" (below).
      // Otherwise [B, U] indicators.
      const readings =
        model.options.latent === 'independent'
          ? [0, 1].map((type) =>
              undirectedFromDirected(
                tf.slice(hard, [0, type], [-1, 1]).dataSync(),
                n,
                batch.count,
                'either',
              ),
            )
          : [hard.dataSync()];
      const counts = readings.map((predicted) => edgePrecisionRecall(predicted, batch.edges));
      const w = batch.count;
      sums.elbo += -(nll + kl) * w;
      sums.nll += nll * w;
      sums.kl += kl * w;
      counts.forEach((c, i) => {
        precision[i] = (precision[i] ?? 0) + c.precision * w;
        recall[i] = (recall[i] ?? 0) + c.recall * w;
        const p = pooled[i] ?? { truePositives: 0, predicted: 0, actual: 0 };
        p.truePositives += c.truePositives;
        p.predicted += c.predicted;
        p.actual += c.actual;
        pooled[i] = p;
      });
    });
    items += batch.count;
  }
  if (items === 0) throw new RangeError('NriModel.evaluate: no validation batches');
  // The edge type read as "edge": the one with the higher F1 over the whole set (pooled counts).
  // F1, not precision: a reading that predicts no pair at all has precision 1 by convention.
  const f1 = pooled.map((c) => (2 * c.truePositives) / Math.max(c.predicted + c.actual, 1));
  const best = f1.length > 1 && f1[0] > f1[1] ? 0 : f1.length - 1;
  return {
    elbo: sums.elbo / items,
    nll: sums.nll / items,
    kl: sums.kl / items,
    precision: precision[best] / items,
    recall: recall[best] / items,
  };
}
