// The rest of the ListOps model as a second ONNX graph, for pages that show the predicted value
// (apps/demo): token ids, lengths and a hard parse (each token's head) → the 10 value logits.
// It rebuilds listops-parser's evaluation forward after the latent: node embedding → `rounds`
// rounds of messages from children to heads (message MLP on the child, update MLP on
// [state, Σ_c A_hc·message_c], residual) → the root token's state → readout MLP. A is the parse
// as 0/1 arcs (A[b, h, c] = 1 iff heads[b, c] = h, both real tokens): the hard latent graph the
// model's evaluation uses, so the logits equal `ListOpsModel.forward` (evaluation mode) given
// the parse `arc_scores` yields. The required export stays the arc scorer.
import { PAD_ID, VOCABULARY } from '@sst-tricks/listops-parser';
import type { GraphBuilder, OnnxValue } from '../builder/graph-builder.js';
import { GraphBuilder as Builder } from '../builder/graph-builder.js';
import type { WeightSource } from '../weights.js';
import { requireWeight } from '../weights.js';
import { LISTOPS_LENGTHS_INPUT, LISTOPS_TOKENS_INPUT } from './arc-scorer-graph.js';
import { realArcs, tokenPositions } from './token-mask.js';

export const LISTOPS_HEADS_INPUT = 'heads';
export const LISTOPS_VALUE_OUTPUT = 'value_logits';
/** The values an expression can have (0–9). */
export const LISTOPS_VALUES = 10;

export interface ListOpsValueConfig {
  /** GNN state and MLP width. */
  width: number;
  /** Message-passing rounds. */
  rounds: number;
}

class ValueGraph {
  readonly g: GraphBuilder = new Builder('listops_value');
  private readonly made = new Map<string, OnnxValue>();

  constructor(
    private readonly weights: WeightSource,
    private readonly config: ListOpsValueConfig,
  ) {}

  build(): GraphBuilder {
    const { width: d, rounds } = this.config;
    const g = this.g;
    const ids = g.input(
      LISTOPS_TOKENS_INPUT,
      'int32',
      ['batch', 'length'],
      'Token ids [batch, length] (int32), as the arc scorer takes them (0 = padding).',
    );
    const lengths = g.input(
      LISTOPS_LENGTHS_INPUT,
      'int32',
      ['batch'],
      'Tokens per expression [batch] (int32), 2 ≤ lengths[b] ≤ length.',
    );
    const heads = g.input(
      LISTOPS_HEADS_INPUT,
      'int32',
      ['batch', 'length'],
      'The parse [batch, length] (int32): heads[b, c] = the head of token c (0 ≤ head < lengths[b]) for 1 ≤ c < lengths[b]; −1 for the root (c = 0) and at padded positions — e.g. the max arborescence of the arc scorer’s output.',
    );
    const vocabulary = VOCABULARY.length;
    const table = requireWeight(this.weights, 'gnn.embedding.table', [vocabulary, d]);
    const rows = Float32Array.from(table.values);
    rows.fill(0, PAD_ID * d, (PAD_ID + 1) * d);
    let state = g.gatherBy(
      g.initializer('gnn.embedding.table.padding_zeroed', rows, [vocabulary, d]),
      ids,
      0,
      'gnn.embedding',
    );
    const positions = tokenPositions(g, ids);
    const isHead = g.equal(
      g.unsqueeze(heads, [1], 'parse/heads_by_child'),
      g.unsqueeze(positions, [2], 'parse/heads_by_position'),
      'parse/is_head',
    );
    const arcs = g.cast(
      g.and(isHead, realArcs(g, positions, lengths), 'parse/real'),
      'float32',
      'parse/arcs',
    );
    for (let r = 0; r < rounds; r++) {
      const messages = this.mlp('gnn.message', state, [d, d, d], true, `round${r}/message`);
      const gathered = g.matMul(arcs, messages, `round${r}/gathered`);
      const both = g.concat([state, gathered], 2, `round${r}/state_and_messages`);
      const update = this.mlp('gnn.update', both, [2 * d, d, d], false, `round${r}/update`);
      state = g.add(state, update, `round${r}/state`);
    }
    const root = g.squeeze(g.gather(state, [0], 1, 'root'), [1], 'root/state');
    const logits = this.mlp('readout', root, [d, d, LISTOPS_VALUES], false, LISTOPS_VALUE_OUTPUT);
    g.output(
      logits,
      `Value logits [batch, ${LISTOPS_VALUES}] (float32): the predicted value is the argmax (0–9).`,
    );
    return g;
  }

  /** A weight initializer, written once however many rounds use it. */
  private weight(name: string, shape: number[]): OnnxValue {
    let value = this.made.get(name);
    if (value === undefined) {
      value = this.g.initializer(name, requireWeight(this.weights, name, shape).values, shape);
      this.made.set(name, value);
    }
    return value;
  }

  /** packages/nn's Mlp: dense → ReLU → … (ReLU after the last only when `activateOutput`). */
  private mlp(
    name: string,
    x: OnnxValue,
    sizes: readonly number[],
    activateOutput: boolean,
    at: string,
  ): OnnxValue {
    const g = this.g;
    let h = x;
    for (let i = 0; i + 1 < sizes.length; i++) {
      const fc = `${name}.fc${i + 1}`;
      const last = i + 2 === sizes.length;
      const product = g.matMul(
        h,
        this.weight(`${fc}.weights`, [sizes[i], sizes[i + 1]]),
        `${at}/fc${i + 1}/matmul`,
      );
      const out = last && !activateOutput ? at : `${at}/fc${i + 1}`;
      h = g.add(product, this.weight(`${fc}.bias`, [sizes[i + 1]]), out);
      if (!last || activateOutput) h = g.relu(h, `${at}/fc${i + 1}/relu`);
    }
    return h;
  }
}

/** The value graph for `config` (the model's GNN width and rounds), weights by checkpoint name. */
export function buildListOpsValueGraph(
  weights: WeightSource,
  config: ListOpsValueConfig,
): GraphBuilder {
  return new ValueGraph(weights, config).build();
}
