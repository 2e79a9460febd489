// A typed expression → the token ids the model reads: tokens separated by spaces, the release
// files' binary-bracketing parentheses dropped (as the TSV reader does), every token checked
// against the model's vocabulary (its card), so a typo is named rather than mis-parsed.

export interface TokenizedExpression {
  tokens: string[];
  ids: Int32Array;
}

/** At most this many tokens (the page's limit; the model was trained on ≤ 30). */
export const MAX_TOKENS = 100;

export function tokenize(text: string, vocabulary: readonly string[]): TokenizedExpression {
  const tokens = text
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '' && t !== '(' && t !== ')');
  if (tokens.length < 2)
    throw new RangeError(
      `the expression must have ≥ 2 tokens (an operator and its "]"), got ${tokens.length}`,
    );
  if (tokens.length > MAX_TOKENS)
    throw new RangeError(`the expression must have ≤ ${MAX_TOKENS} tokens, got ${tokens.length}`);
  const ids = Int32Array.from(tokens, (token, i) => {
    const id = vocabulary.indexOf(token);
    if (id < 1)
      throw new RangeError(
        `token ${i + 1} must be one of ${vocabulary.slice(1).join(' ')}, got ${JSON.stringify(token)}`,
      );
    return id;
  });
  return { tokens, ids };
}
