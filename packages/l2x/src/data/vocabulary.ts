// Word ids for the models: id 0 is padding, id 1 an unknown word, then the training words by
// decreasing count (ties alphabetical, so the order is a function of the data alone).
export const PAD = '<pad>';
export const UNK = '<unk>';
export const PAD_ID = 0;
export const UNK_ID = 1;

export class Vocabulary {
  private readonly ids: Map<string, number>;

  constructor(readonly words: readonly string[]) {
    if (words[PAD_ID] !== PAD || words[UNK_ID] !== UNK) {
      throw new RangeError(
        `words must start with ${PAD}, ${UNK}, got ${JSON.stringify(words.slice(0, 2))}`,
      );
    }
    this.ids = new Map(words.map((w, i) => [w, i]));
    if (this.ids.size !== words.length) throw new RangeError('words must be distinct');
  }

  /** Words seen at least `minCount` times in `documents` (default 1). */
  static build(documents: Iterable<readonly string[]>, minCount = 1): Vocabulary {
    if (!Number.isInteger(minCount) || minCount < 1) {
      throw new RangeError(`minCount must be an integer ≥ 1, got ${minCount}`);
    }
    const counts = new Map<string, number>();
    for (const tokens of documents) for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    counts.delete(PAD);
    counts.delete(UNK);
    const kept = [...counts].filter(([, c]) => c >= minCount);
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return new Vocabulary([PAD, UNK, ...kept.map(([w]) => w)]);
  }

  get size(): number {
    return this.words.length;
  }

  id(word: string): number {
    return this.ids.get(word) ?? UNK_ID;
  }

  /**
   * `documents` as ids [documents.length, length], row-major: each truncated to its first `length`
   * tokens and padded with PAD_ID at the end.
   */
  encode(documents: readonly (readonly string[])[], length: number): Int32Array {
    if (!Number.isInteger(length) || length < 1) {
      throw new RangeError(`length must be an integer ≥ 1, got ${length}`);
    }
    const out = new Int32Array(documents.length * length);
    documents.forEach((tokens, d) => {
      const n = Math.min(tokens.length, length);
      for (let i = 0; i < n; i++) out[d * length + i] = this.id(tokens[i]);
    });
    return out;
  }
}
