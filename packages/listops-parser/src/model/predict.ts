// One expression through a trained model: the predicted value and the predicted parse (hard
// latent graph, no noise), and the parse drawn as an indented tree.
import * as tf from '@tensorflow/tfjs-core';
import type { ListOpsExample } from '../data/tsv.js';
import { encodeBatch } from './batch.js';
import type { GraphLatent } from './latent.js';
import type { ListOpsModel } from './listops-model.js';
import { predictedArcs } from './metrics.js';

export interface Prediction {
  value: number;
  /** Softmax over the 10 values. */
  probabilities: number[];
  /** Predicted arcs [head, child] (absent for the LSTM baseline). */
  arcs?: Array<[number, number]>;
  /** heads[c] when every token but 0 has exactly one predicted head and they form a tree. */
  heads?: number[];
}

export function predict(model: ListOpsModel, tokens: readonly string[]): Prediction {
  // The label is unused by the forward pass.
  const example: ListOpsExample = { label: 0, tokens };
  const batch = encodeBatch([example]);
  const out = model.forward(batch, { training: false });
  const probabilities = Array.from(tf.tidy(() => tf.softmax(out.logits)).dataSync());
  const graph = out.graph?.dataSync();
  tf.dispose([out.logits, out.graph]);
  const value = probabilities.indexOf(Math.max(...probabilities));
  if (graph === undefined) return { value, probabilities };
  const n = tokens.length;
  const arcs = predictedArcs(model.options.latent as GraphLatent, graph, 0, n, n);
  return { value, probabilities, arcs, heads: treeHeads(arcs, n) };
}

/** The head of each token if the arcs form an arborescence rooted at 0, else undefined. */
export function treeHeads(
  arcs: ReadonlyArray<readonly [number, number]>,
  n: number,
): number[] | undefined {
  const heads = new Array<number>(n).fill(-1);
  for (const [h, c] of arcs) {
    if (c === 0 || heads[c] !== -1) return undefined;
    heads[c] = h;
  }
  for (let c = 1; c < n; c++) {
    let node = c;
    for (let steps = 0; node !== 0; steps++) {
      if (node < 0 || steps > n) return undefined;
      node = heads[node];
    }
  }
  return heads;
}

/** The tree as indented lines, children in token order ("├─ ", "└─ "). */
export function renderTree(tokens: readonly string[], heads: readonly number[]): string {
  const children = tokens.map(() => [] as number[]);
  for (let c = 1; c < tokens.length; c++) children[heads[c]].push(c);
  const lines = [tokens[0]];
  const visit = (node: number, prefix: string) => {
    children[node].forEach((c, i) => {
      const last = i === children[node].length - 1;
      lines.push(`${prefix}${last ? '└─ ' : '├─ '}${tokens[c]}`);
      visit(c, `${prefix}${last ? '   ' : '│  '}`);
    });
  };
  visit(0, '');
  return `${lines.join('\n')}\n`;
}
