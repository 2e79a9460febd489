// Which positions of a padded ListOps batch are real tokens, as graph values: the positions
// 0…length−1 are an exclusive running sum of ones shaped like the ids (the length is symbolic,
// so no constant range can be written), compared with each item's length.
import type { GraphBuilder, OnnxValue } from '../builder/graph-builder.js';

/** int32 [batch, length]: 0, 1, …, length − 1 in every row. */
export function tokenPositions(g: GraphBuilder, ids: OnnxValue): OnnxValue {
  const zero = g.mul(ids, g.initializer('mask/zero', Int32Array.of(0), []), 'mask/zeros');
  const ones = g.add(zero, g.initializer('mask/one', Int32Array.of(1), []), 'mask/ones');
  return g.cumSum(ones, 1, true, 'mask/positions');
}

/** bool [batch, length, length]: both ends of the arc [b, h, c] are real tokens. */
export function realArcs(g: GraphBuilder, positions: OnnxValue, lengths: OnnxValue): OnnxValue {
  const real = g.less(positions, g.unsqueeze(lengths, [1], 'mask/lengths'), 'mask/real_tokens');
  return g.and(
    g.unsqueeze(real, [2], 'mask/real_heads'),
    g.unsqueeze(real, [1], 'mask/real_children'),
    'mask/real_arcs',
  );
}
