// The k words the explainer's logits select, by the solvers `sst explain` / `sst infer` run:
// sst-solvers' correlated chain argmax (word + adjacent-pair logits) or top-k.
import { correlatedKSubsetArgmax, topKArgmax } from '@sst-tricks/sst-solvers';

/** The 0/1 mask [n] of one review's selection (exactly k ones; n ≥ k). */
export function selectionMask(
  structure: { name: string; k: number },
  word: Float32Array,
  pair: Float32Array | undefined,
): Float64Array {
  const n = word.length;
  if (structure.name === 'correlated-top-k') {
    if (pair === undefined || pair.length !== n - 1)
      throw new RangeError(`correlated-top-k needs ${n - 1} pair logits, got ${pair?.length}`);
    return correlatedKSubsetArgmax(Float64Array.from(word), Float64Array.from(pair), n, structure.k)
      .word;
  }
  if (structure.name === 'top-k') return topKArgmax(Float64Array.from(word), n, structure.k);
  throw new RangeError(`structure must be top-k or correlated-top-k, got ${structure.name}`);
}
