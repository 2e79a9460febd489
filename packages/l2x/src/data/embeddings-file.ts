// Word vectors from a text file ("word v1 … vd" a line, GloVe's format) as an initial embedding
// table for a vocabulary: rows of known words are copied, the others (and PAD) stay as given.
import { L2xDataError } from './data-error.js';
import { PAD_ID, type Vocabulary } from './vocabulary.js';

export interface LoadedEmbeddings {
  /** [vocabulary.size, dim], row-major. */
  readonly table: Float32Array;
  readonly dim: number;
  /** Vocabulary words found in the file. */
  readonly found: number;
}

/**
 * Fills a table for `vocabulary` from the file's text; `initial` (same shape) supplies the rows of
 * words the file lacks. Every line must have the same dimension and finite numbers.
 */
export function embeddingsFromText(
  text: string,
  file: string,
  vocabulary: Vocabulary,
  initial: (dim: number) => Float32Array,
): LoadedEmbeddings {
  let dim = 0;
  let table: Float32Array | undefined;
  let found = 0;
  const rows = text.split(/\r?\n/);
  rows.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const fields = raw.trim().split(/\s+/);
    const line = i + 1;
    if (fields.length < 2) throw new L2xDataError(file, line, 'expected "word v1 … vd"');
    if (dim === 0) {
      dim = fields.length - 1;
      table = initial(dim);
      if (table.length !== vocabulary.size * dim) {
        throw new RangeError(
          `initial(${dim}) must hold ${vocabulary.size * dim} numbers, got ${table.length}`,
        );
      }
    } else if (fields.length - 1 !== dim) {
      throw new L2xDataError(
        file,
        line,
        `expected ${dim} numbers after the word, got ${fields.length - 1}`,
      );
    }
    const id = vocabulary.id(fields[0]);
    if (id === PAD_ID || vocabulary.words[id] !== fields[0]) return;
    const t = table as Float32Array;
    for (let j = 1; j <= dim; j++) {
      const v = Number(fields[j]);
      if (!Number.isFinite(v)) {
        throw new L2xDataError(
          file,
          line,
          `value ${j} must be a finite number, got ${JSON.stringify(fields[j])}`,
        );
      }
      t[id * dim + j - 1] = v;
    }
    found++;
  });
  if (table === undefined) throw new L2xDataError(file, 1, 'the file holds no vectors');
  return { table, dim, found };
}
