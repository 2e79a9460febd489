// Review text → token ids for the page's model: the tokeniser and vocabulary of @sst-tricks/l2x
// (its browser-safe `/text` entry), the same `sst explain` and `sst infer` use.
import { tokenize, Vocabulary } from '@sst-tricks/l2x/text';

export { tokenize };

/** Token ids of the model's vocabulary; unknown words are id 1 (<unk>). */
export function tokenIds(tokens: readonly string[], vocabulary: readonly string[]): number[] {
  const words = new Vocabulary(vocabulary);
  return tokens.map((t) => words.id(t));
}
