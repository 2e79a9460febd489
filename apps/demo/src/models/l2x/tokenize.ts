// Review text → tokens by the rule `sst explain` and `sst infer` use (apps/cli's `tokenize`:
// lower case, punctuation split off), restated here because the site cannot import the CLI;
// the browser test checks the page's tokens against `sst infer`'s on the same text.
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([.,!?;:()"])/g, ' $1 ')
    .split(/\s+/)
    .filter((t) => t !== '');
}

/** Token ids of the model's vocabulary; unknown words are id 1 (<unk>). */
export function tokenIds(tokens: readonly string[], vocabulary: readonly string[]): number[] {
  const ids = new Map(vocabulary.map((w, i) => [w, i]));
  return tokens.map((t) => ids.get(t) ?? 1);
}
