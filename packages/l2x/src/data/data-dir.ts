// A data directory: train.txt and heldout.txt (reviews format) and annotations.json (the
// annotated test reviews), the layout `sst data l2x` writes and `--data-dir` reads. Users of the
// real BeerAdvocate release rename (or link) its reviews.aspect*.{train,heldout}.txt and
// annotations.json to these names.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@sst-tricks/training';
import { formatAnnotations, formatReviews, parseAnnotations, parseReviews } from './beer-format.js';
import type { Review } from './review.js';

export const DATA_FILES = {
  train: 'train.txt',
  heldout: 'heldout.txt',
  test: 'annotations.json',
} as const;

export interface ReviewData {
  readonly train: readonly Review[];
  readonly heldout: readonly Review[];
  /** Annotated: subset precision is measured on these. */
  readonly test: readonly Review[];
}

export function readDataDirectory(directory: string): ReviewData {
  const read = (name: string) => {
    const path = join(directory, name);
    return { text: readFileSync(path, 'utf8'), path };
  };
  const train = read(DATA_FILES.train);
  const heldout = read(DATA_FILES.heldout);
  const test = read(DATA_FILES.test);
  return {
    train: parseReviews(train.text, train.path),
    heldout: parseReviews(heldout.text, heldout.path),
    test: parseAnnotations(test.text, test.path),
  };
}

export function writeDataDirectory(directory: string, data: ReviewData): void {
  mkdirSync(directory, { recursive: true });
  writeFileAtomic(join(directory, DATA_FILES.train), formatReviews(data.train));
  writeFileAtomic(join(directory, DATA_FILES.heldout), formatReviews(data.heldout));
  writeFileAtomic(join(directory, DATA_FILES.test), formatAnnotations(data.test));
}
