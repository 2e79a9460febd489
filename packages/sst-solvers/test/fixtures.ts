// The reference numbers the tests compare against, loaded once with their types: DESIGN.md's
// test vectors and the brute-force fixtures copied from shared/ (sources in the JSON files).
import { readFileSync } from 'node:fs';

export interface KSubsetVector {
  theta: number[];
  k: number;
  marginals: number[];
  logZ: number;
}

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

/** DESIGN.md §3.1 / §3.3 test vectors. */
export const designVectors = load('design-vectors.json') as { kSubset: KSubsetVector };

/** Brute-force marginals from shared/fixtures/marginals_fixture.json. */
export const marginalFixtures = load('marginals.json') as {
  k_subset: (KSubsetVector & { n: number })[];
};
