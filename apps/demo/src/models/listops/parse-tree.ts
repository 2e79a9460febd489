// The parse read off the arc scores as `sst infer` reads it: the maximum arborescence rooted at
// token 0 (Chu–Liu/Edmonds of @sst-tricks/sst-solvers, multi-root, the call applyStructure and
// the model's own hard latent make), and the tree drawn as indented lines as `sst parse` draws it
// (listops-parser's renderTree, whose package entry is not browser-safe: it reads files).
import { chuLiuEdmondsArgmax } from '@sst-tricks/sst-solvers';

/** heads[c] of each token (heads[0] = −1) of one expression's n × n scores (row = head). */
export function parseHeads(scores: ArrayLike<number>, n: number): number[] {
  if (scores.length !== n * n)
    throw new RangeError(
      `scores must hold n² = ${n * n} values for n = ${n}, got ${scores.length}`,
    );
  for (let i = 0; i < scores.length; i++)
    if (!Number.isFinite(scores[i]))
      throw new RangeError(`scores[${i}] must be finite, got ${scores[i]}`);
  const mask = chuLiuEdmondsArgmax(Float64Array.from(scores), n, {
    rootMode: 'multi',
    lengths: [n],
  });
  const heads = new Array<number>(n).fill(-1);
  for (let h = 0; h < n; h++) for (let c = 1; c < n; c++) if (mask[h * n + c] === 1) heads[c] = h;
  return heads;
}

/** The tree as indented lines, children in token order ("├─ ", "└─ "). */
export function treeLines(tokens: readonly string[], heads: readonly number[]): string[] {
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
  return lines;
}
