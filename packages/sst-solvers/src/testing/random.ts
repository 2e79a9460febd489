// Seeded pseudo-random inputs for tests and benchmarks: the same seed gives the same numbers on
// every machine, so a failing case can be replayed exactly.

/** Deterministic uniform numbers in [0, 1) from a 32-bit seed (mulberry32). */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` numbers uniform in [−scale, scale), from `seededUniform(seed)`. */
export function randomScores(length: number, seed: number, scale = 1): Float64Array {
  const next = seededUniform(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (next() * 2 - 1) * scale;
  return out;
}
