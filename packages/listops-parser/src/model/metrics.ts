// Predicted arcs from a hard latent graph and their agreement with the gold parse.
import type { GraphLatent } from './latent.js';

/** Arcs h → c of item b from hard weights [B, T, T] (flattened); spanning trees are oriented from token 0. */
export function predictedArcs(
  latent: GraphLatent,
  graph: Float32Array | ArrayLike<number>,
  b: number,
  length: number,
  steps: number,
): Array<[number, number]> {
  const at = (h: number, c: number) => graph[(b * steps + h) * steps + c] > 0.5;
  const arcs: Array<[number, number]> = [];
  if (latent === 'spanning-tree') {
    // Breadth-first from the root: each tree edge becomes an arc away from token 0.
    const seen = new Uint8Array(length);
    seen[0] = 1;
    const queue = [0];
    while (queue.length > 0) {
      const h = queue.shift() as number;
      for (let c = 0; c < length; c++) {
        if (!seen[c] && at(h, c)) {
          seen[c] = 1;
          arcs.push([h, c]);
          queue.push(c);
        }
      }
    }
    return arcs;
  }
  for (let h = 0; h < length; h++)
    for (let c = 1; c < length; c++) if (h !== c && at(h, c)) arcs.push([h, c]);
  return arcs;
}

/** Running totals over evaluation batches. */
export class ArcTally {
  private correct = 0;
  private predicted = 0;
  private gold = 0;
  private exact = 0;
  private items = 0;

  /** `heads` holds item b's gold heads at b·T + t. */
  add(
    arcs: Array<[number, number]>,
    heads: Int32Array,
    b: number,
    length: number,
    steps: number,
  ): void {
    let correct = 0;
    for (const [h, c] of arcs) if (heads[b * steps + c] === h) correct++;
    this.correct += correct;
    this.predicted += arcs.length;
    this.gold += length - 1;
    this.items++;
    if (correct === length - 1 && arcs.length === length - 1) this.exact++;
  }

  metrics(): { arcPrecision: number; arcRecall: number; exactParse: number } {
    return {
      arcPrecision: this.predicted === 0 ? 0 : this.correct / this.predicted,
      arcRecall: this.gold === 0 ? 0 : this.correct / this.gold,
      exactParse: this.items === 0 ? 0 : this.exact / this.items,
    };
  }
}
