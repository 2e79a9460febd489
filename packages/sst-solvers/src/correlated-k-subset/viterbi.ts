// Hard correlated k-subset solver: argmax of Σ_i W_i x_i + Σ_i V_i x_i x_{i+1} over binary x with
// Σx = k (on the raw scores: the hard sample uses U itself, not U/t). Viterbi with a count: the
// chain DP of workspace.ts in the max-plus semiring, run backwards over the best completions
//   best[i][j][s] = max( best[i+1][j][0],                          (skip word i)
//                        W_i + s·V_{i−1} + best[i+1][j+1][1] )     (take word i)
// for state (i words decided, j taken, s = word i−1 taken), then walked forwards from (0, 0, 0).
//
// Tie-breaking (deterministic): the forward walk takes word i whenever taking it is at least as
// good as skipping it, so among equally scored masks (as the DP's sums compare) it returns the one
// that takes each word as early as possible — the lexicographically smallest index set. E.g. all
// scores equal selects words 0..k−1.
import { checkCorrelatedArgs } from './args.js';

/**
 * Best mask per batch item: word = 0/1 mask with exactly k ones (batch × m) and
 * pair[i] = word[i]·word[i+1] (batch × (m−1)). O(m·k) per item.
 */
export function correlatedKSubsetArgmax(
  word: Float64Array,
  pair: Float64Array,
  m: number,
  k: number,
): { word: Float64Array; pair: Float64Array } {
  const batch = checkCorrelatedArgs(word, pair, m, k);
  const outWord = new Float64Array(word.length);
  const outPair = new Float64Array(pair.length);
  const width = k + 1;
  // take[(i·(k+1) + j)·2 + s] = 1 if word i is taken from state (i, j, s).
  const take = new Uint8Array(m * width * 2);
  // Rolling rows of best completion scores, best[i+1][j][s] at 2j + s.
  const best = new Float64Array(2 * (k + 2));
  for (let b = 0; b < batch; b++) {
    const offWord = b * m;
    const offPair = b * (m - 1);
    bestCompletions(word, pair, offWord, offPair, m, k, take, best);
    // Walk forwards from (0, 0, not taken), following the recorded decisions.
    let j = 0;
    let s = 0;
    for (let i = 0; i < m; i++) {
      s = take[(i * width + j) * 2 + s];
      outWord[offWord + i] = s;
      j += s;
    }
    for (let i = 0; i < m - 1; i++) {
      outPair[offPair + i] = outWord[offWord + i] * outWord[offWord + i + 1];
    }
  }
  return { word: outWord, pair: outPair };
}

/**
 * Fills the take decisions for every feasible state of one item: count j with
 * max(k − (m − i), 0) ≤ j ≤ min(i, k), so only completable states are read and no −∞ is needed.
 */
function bestCompletions(
  word: Float64Array,
  pair: Float64Array,
  offWord: number,
  offPair: number,
  m: number,
  k: number,
  take: Uint8Array,
  best: Float64Array,
): void {
  const width = k + 1;
  // Row m: only j = k is feasible, with nothing left to score.
  best[2 * k] = 0;
  best[2 * k + 1] = 0;
  for (let i = m - 1; i >= 0; i--) {
    const w = word[offWord + i];
    const v = i >= 1 ? pair[offPair + i - 1] : 0;
    const lo = Math.max(k - (m - i), 0);
    const hi = Math.min(i, k);
    let j = lo;
    if (k - j === m - i) {
      // As many words left as still to take: take (j < k here, as i < m).
      const after = best[2 * j + 3];
      take[(i * width + j) * 2] = 1;
      take[(i * width + j) * 2 + 1] = 1;
      best[2 * j] = w + after;
      best[2 * j + 1] = w + v + after;
      j++;
    }
    // Both moves possible. Left to right: cell j reads row i+1 at j and j+1, and only slot j is
    // overwritten.
    const end = hi === k ? k - 1 : hi;
    for (; j <= end; j++) {
      const skip = best[2 * j];
      const after = best[2 * j + 3];
      const take0 = w + after;
      const take1 = w + v + after;
      const cell = (i * width + j) * 2;
      if (take0 >= skip) {
        take[cell] = 1;
        best[2 * j] = take0;
      } else {
        take[cell] = 0;
      }
      if (take1 >= skip) {
        take[cell + 1] = 1;
        best[2 * j + 1] = take1;
      } else {
        take[cell + 1] = 0;
        best[2 * j + 1] = skip;
      }
    }
    if (j === k && k <= hi) {
      // All k taken already: skip (best[2k] stays, and it is also the s = 1 value).
      take[(i * width + k) * 2] = 0;
      take[(i * width + k) * 2 + 1] = 0;
      best[2 * k + 1] = best[2 * k];
    }
  }
}
