// The L2X predictor (`L2xModel.predict`) as a second ONNX graph, for pages that show the rating
// (the required export is the explainer): token ids [batch, n] and the hard selection
// [batch, n] (0/1, e.g. the explainer's top-k or correlated argmax) → the rating [batch]:
//   own embedding × selection → conv k3 'same' ReLU → ReduceMax over positions → dense ReLU
//   → dense → sigmoid.
import { GraphBuilder } from '../builder/graph-builder.js';
import type { WeightSource } from '../weights.js';
import { L2X_INPUT } from './explainer-graph.js';
import type { L2xExportConfig } from './l2x-config.js';
import { L2xLayers } from './layers.js';

export const L2X_SELECTION_INPUT = 'selection';
export const L2X_RATING_OUTPUT = 'rating';

export function buildL2xPredictorGraph(
  weights: WeightSource,
  config: L2xExportConfig,
): GraphBuilder {
  const { vocabulary: v, embedding: e, hidden: h, k } = config;
  const g = new GraphBuilder('l2x_predictor');
  const layers = new L2xLayers(g, weights);
  const ids = g.input(
    L2X_INPUT,
    'int64',
    ['batch', 'n'],
    `Token ids [batch, n] (int64) as the explainer's input (0 <pad>), ids in [0, ${v}).`,
  );
  const selection = g.input(
    L2X_SELECTION_INPUT,
    'float32',
    ['batch', 'n'],
    `The words the predictor may see [batch, n] (float32, 1 selected, 0 not): the explainer's hard selection of k = ${k} words.`,
  );
  const embedded = layers.embedding('predictor.embedding', ids, v, e);
  const masked = g.mul(embedded, g.unsqueeze(selection, [2], 'selection_features'), 'masked');
  const x = g.transpose(masked, [0, 2, 1], 'channels_first');
  const conv = g.relu(layers.conv('predictor.conv', x, 3, e, h, [1, 1]), 'conv_relu');
  const pooled = g.reduceMax(conv, [2], false, 'max_over_positions');
  const hidden = g.relu(layers.dense('predictor.dense', pooled, h, h), 'dense_relu');
  const logit = layers.dense('predictor.output', hidden, h, 1);
  g.output(
    g.squeeze(g.sigmoid(logit, 'sigmoid'), [1], L2X_RATING_OUTPUT),
    `The predicted rating of aspect ${config.aspect} [batch] (float32, in [0, 1]) from the selected words alone.`,
  );
  return g;
}
