// The ListOps arc scorer (packages/listops-parser/src/model/listops-model.ts, `scores`) rebuilt as
// an ONNX graph: token ids → embedding (the padding id's row zero) → head and modifier LSTMs
// (ONNX's LSTM op with sequence_lens = lengths: a padded step neither updates the state nor
// outputs anything, the backward direction starts at each item's last real token, as
// packages/nn's Lstm) → θ[b, h, c] = head_h · W · modifier_c. Entries with h or c at a padded
// position are set to LISTOPS_PADDED_SCORE, so a consumer can read the real block without the
// lengths and no solver or softmax ever picks them. A symbolic `length` (no unrolling) is why
// the LSTM op is used: an unrolled graph would fix the sequence length at export time.
import { PAD_ID, VOCABULARY } from '@sst-tricks/listops-parser';
import type { GraphBuilder, OnnxValue } from '../builder/graph-builder.js';
import { GraphBuilder as Builder } from '../builder/graph-builder.js';
import type { WeightSource } from '../weights.js';
import { requireWeight } from '../weights.js';
import type { ListOpsExportConfig } from './listops-config.js';
import { onnxLstmWeights } from './lstm-weights.js';
import { realArcs, tokenPositions } from './token-mask.js';

export const LISTOPS_TOKENS_INPUT = 'token_ids';
export const LISTOPS_LENGTHS_INPUT = 'lengths';
export const LISTOPS_OUTPUT = 'arc_scores';
/** The score of every arc from or to a padded position: finite (no NaN from ∞ − ∞, no
 *  rejection by solvers that check finiteness) and exactly representable in float32; the
 *  arborescence solver ignores these entries anyway (it takes the lengths). */
export const LISTOPS_PADDED_SCORE = -1e9;

class ArcScorerGraph {
  readonly g: GraphBuilder = new Builder('listops_arc_scorer');

  constructor(
    private readonly weights: WeightSource,
    private readonly config: ListOpsExportConfig,
  ) {}

  build(): GraphBuilder {
    const { embedding: e, hidden: h, bidirectional } = this.config;
    const g = this.g;
    const ids = g.input(
      LISTOPS_TOKENS_INPUT,
      'int32',
      ['batch', 'length'],
      `Token ids [batch, length] (int32), batch-major, the listops-parser vocabulary: 0 = padding, 1–6 = [MIN [MAX [MED [SM [FIRST [LAST, 7 = ], 8–17 = digits 0–9. Positions ≥ lengths[b] are ignored.`,
    );
    const lengths = g.input(
      LISTOPS_LENGTHS_INPUT,
      'int32',
      ['batch'],
      'Tokens per expression [batch] (int32), 2 ≤ lengths[b] ≤ length; token 0 of each expression is the root (its outermost operator).',
    );
    const vocabulary = VOCABULARY.length;
    const table = requireWeight(this.weights, 'arcs.embedding.table', [vocabulary, e]);
    // The model maps the padding id to a zero row whatever the table holds there.
    const rows = Float32Array.from(table.values);
    rows.fill(0, PAD_ID * e, (PAD_ID + 1) * e);
    const embedded = g.gatherBy(
      g.initializer('arcs.embedding.table.padding_zeroed', rows, [vocabulary, e]),
      ids,
      0,
      'arcs.embedding',
    );
    const timeMajor = g.transpose(embedded, [1, 0, 2], 'arcs.embedding/time_major');
    const head = this.lstm('arcs.head', timeMajor, lengths);
    const modifier = this.lstm('arcs.modifier', timeMajor, lengths);
    const s = bidirectional ? 2 * h : h;
    const bilinear = requireWeight(this.weights, 'arcs.bilinear', [s, s]);
    const projected = g.matMul(
      head,
      g.initializer('arcs.bilinear', bilinear.values, [s, s]),
      'arcs.bilinear/head',
    );
    const theta = g.matMul(
      projected,
      g.transpose(modifier, [0, 2, 1], 'arcs.modifier/transposed'),
      'arcs.theta',
    );
    const out = g.where(
      realArcs(g, tokenPositions(g, ids), lengths),
      theta,
      g.initializer('padded_score', Float32Array.of(LISTOPS_PADDED_SCORE), []),
      LISTOPS_OUTPUT,
    );
    g.output(
      out,
      `Arc scores [batch, length, length] (float32): [b, h, c] = score of the arc head h → child c (row = head, column = modifier), the θ the model's latent reads; the maximum arborescence rooted at token 0 over the first lengths[b] tokens is the parse. Entries with h or c ≥ lengths[b] are ${LISTOPS_PADDED_SCORE}; the diagonal and column 0 are scores of arcs no tree uses.`,
    );
    return g;
  }

  /** One of the model's LSTMs on x [length, batch, E] → outputs [batch, length, (2)H]. */
  private lstm(name: string, x: OnnxValue, lengths: OnnxValue): OnnxValue {
    const { embedding: e, hidden: h, bidirectional } = this.config;
    const g = this.g;
    const directions = bidirectional ? ['forward', 'backward'] : ['forward'];
    const stacked = onnxLstmWeights(
      directions.map((d) => ({
        weightsInput: requireWeight(this.weights, `${name}.${d}.weightsInput`, [e, 4 * h]),
        weightsHidden: requireWeight(this.weights, `${name}.${d}.weightsHidden`, [h, 4 * h]),
        biasInput: requireWeight(this.weights, `${name}.${d}.biasInput`, [4 * h]),
        biasHidden: requireWeight(this.weights, `${name}.${d}.biasHidden`, [4 * h]),
      })),
      e,
      h,
    );
    const k = directions.length;
    const y = g.lstm(
      {
        x,
        w: g.initializer(`${name}.W`, stacked.w, [k, 4 * h, e]),
        r: g.initializer(`${name}.R`, stacked.r, [k, 4 * h, h]),
        b: g.initializer(`${name}.B`, stacked.b, [k, 8 * h]),
        lengths,
      },
      h,
      bidirectional ? 'bidirectional' : 'forward',
      `${name}/lstm`,
    );
    // Y [length, dirs, batch, H] → [batch, length, dirs, H] → [batch, length, dirs·H]
    // ([forward, backward] concatenated, as the tfjs layer does).
    const batchMajor = g.transpose(y, [2, 0, 1, 3], `${name}/batch_major`);
    if (!bidirectional) return g.squeeze(batchMajor, [2], `${name}/output`);
    const direction = (i: number) =>
      g.squeeze(
        g.gather(batchMajor, [i], 2, `${name}/${directions[i]}`),
        [2],
        `${name}/${directions[i]}/squeezed`,
      );
    return g.concat([direction(0), direction(1)], 2, `${name}/output`);
  }
}

/** The ListOps arc-scorer graph for `config`, weights by checkpoint variable name. */
export function buildListOpsArcScorerGraph(
  weights: WeightSource,
  config: ListOpsExportConfig,
): GraphBuilder {
  return new ArcScorerGraph(weights, config).build();
}
