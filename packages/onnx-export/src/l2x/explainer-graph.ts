// The L2X explainer (packages/l2x/src/model/l2x-model.ts, `L2xModel.logits` in evaluation mode)
// rebuilt op by op as an ONNX graph, channels-first ([batch, C, n], ONNX Conv's layout):
//   token ids [batch, n] → Gather(embedding) → conv1 k3 'same' ReLU
//   → global: ReduceMax over positions → dense ReLU     local: conv k3 ReLU → conv k3 ReLU
//   → merge conv k1 over [global tiled, local] ReLU → word conv k1 → word logits [batch, n]
//   (correlated top-k) → pair conv k2 'valid' → pair logits [batch, n − 1]
//   padding (id 0): − PADDING_PENALTY on its word logit and on every pair touching it.
// The merge conv's weights split into the rows that see the tiled global features and the rows
// that see the local ones: the global part is one [batch, H] × [H, H] product broadcast over the
// positions instead of tiling first (the same sum, in another order; the tests hold it to 1e-4).
// Dropout (training only) is left out; the predictor is not part of the explainer.
import { PAD_ID, PADDING_PENALTY } from '@sst-tricks/l2x';
import { GraphBuilder } from '../builder/graph-builder.js';
import { SLICE_TO_END } from '../builder/ops-sequence.js';
import type { WeightSource } from '../weights.js';
import { requireWeight } from '../weights.js';
import type { L2xExportConfig } from './l2x-config.js';
import { L2xLayers } from './layers.js';

export const L2X_INPUT = 'token_ids';
export const L2X_WORD_OUTPUT = 'word_logits';
export const L2X_PAIR_OUTPUT = 'pair_logits';

class ExplainerGraph {
  readonly g = new GraphBuilder('l2x_explainer');
  private readonly layers: L2xLayers;

  constructor(
    private readonly weights: WeightSource,
    private readonly config: L2xExportConfig,
  ) {
    this.layers = new L2xLayers(this.g, weights);
  }

  build(): GraphBuilder {
    const { vocabulary: v, embedding: e, hidden: h, relaxation, k } = this.config;
    const g = this.g;
    const ids = g.input(
      L2X_INPUT,
      'int64',
      ['batch', 'n'],
      `Token ids [batch, n] (int64) of the training vocabulary (metadata sst.vocabulary; 0 <pad>, 1 <unk>), each review padded with 0 at the end; n ≥ max(k = ${k}, 2). ids must be in [0, ${v}).`,
    );
    const embedded = this.layers.embedding('explainer.embedding', ids, v, e);
    const x = g.transpose(embedded, [0, 2, 1], 'channels_first');
    const first = g.relu(this.layers.conv('explainer.conv1', x, 3, e, h, [1, 1]), 'conv1_relu');

    const pooled = g.reduceMax(first, [2], false, 'global_max');
    const global = g.relu(this.layers.dense('explainer.global', pooled, h, h), 'global_relu');

    const local1 = g.relu(
      this.layers.conv('explainer.local1', first, 3, h, h, [1, 1]),
      'local1_relu',
    );
    const local2 = g.relu(
      this.layers.conv('explainer.local2', local1, 3, h, h, [1, 1]),
      'local2_relu',
    );

    // merge = conv k1 over concat([global tiled over positions, local2]): rows 0..h−1 of its
    // [2h, h] weights see the global features, rows h..2h−1 the local ones.
    const mw = requireWeight(this.weights, 'explainer.merge.weights', [2 * h, h]);
    const mergeGlobal = g.matMul(
      global,
      g.initializer('explainer.merge.weights.global', mw.values.subarray(0, h * h), [h, h]),
      'merge_global',
    );
    const mergeLocal = this.layers.conv('explainer.merge', local2, 1, 2 * h, h, [0, 0], {
      from: h,
      count: h,
    });
    const features = g.relu(
      g.add(mergeLocal, g.unsqueeze(mergeGlobal, [2], 'merge_global_positions')),
      'features',
    );

    const isPad = g.cast(
      g.equal(ids, g.initializer('pad_id', BigInt64Array.of(BigInt(PAD_ID)), []), 'is_pad'),
      'float32',
      'pad_mask',
    );
    const penalty = g.initializer('padding_penalty', Float32Array.of(PADDING_PENALTY), []);
    const word = g.squeeze(
      this.layers.conv('explainer.word', features, 1, h, 1, [0, 0]),
      [1],
      'word',
    );
    g.output(
      g.sub(word, g.mul(isPad, penalty, 'word_penalty'), L2X_WORD_OUTPUT),
      `Word logits [batch, n] (float32), one per token; padding positions − ${PADDING_PENALTY} (never selected while a review has ≥ k words). Structure (metadata sst.structure): the k highest${relaxation === 'correlated-top-k' ? ' together with pair_logits, the best chain selection' : ''}.`,
    );
    if (relaxation === 'correlated-top-k') {
      const pair = g.squeeze(
        this.layers.conv('explainer.pair', features, 2, h, 1, [0, 0]),
        [1],
        'pair',
      );
      // A pair is padding when either of its words is.
      const pairPad = g.max(
        g.slice(isPad, [0], [-1], [1], 'pad_left'),
        g.slice(isPad, [1], [SLICE_TO_END], [1], 'pad_right'),
        'pair_pad_mask',
      );
      g.output(
        g.sub(pair, g.mul(pairPad, penalty, 'pair_penalty'), L2X_PAIR_OUTPUT),
        `Adjacent-pair logits [batch, n − 1] (float32): pair i = words (i, i + 1); pairs touching padding − ${PADDING_PENALTY}.`,
      );
    }
    return g;
  }
}

/** The explainer of an L2X model with `config`, weights by checkpoint variable name. */
export function buildL2xExplainerGraph(
  weights: WeightSource,
  config: L2xExportConfig,
): GraphBuilder {
  return new ExplainerGraph(weights, config).build();
}
