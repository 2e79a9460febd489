// Per-sample seeds. Sample i of a split is generated from its own RandomGenerator, seeded with
//   mix53((splitTag · 2^40 + i) XOR hash53(baseSeed)),
// where splitTag is 0 for train, 1 for valid, 2 for test and mix53 is a bijection on 53-bit
// integers. So (a) sample i does not depend on how many samples are generated (the first 100 of
// 1000 are the 100 of 100); (b) for one base seed, train, valid and test never share a sample
// seed (distinct (split, i) give distinct words, and XOR with a constant then a bijection keep
// them distinct), and RandomGenerator maps distinct seeds to distinct states; (c) the mixing
// spreads consecutive indices over all 53 bits, so neighbouring samples' generators start from
// unrelated states (RandomGenerator's first output depends only on the seed's high bits).
// BigInt costs ~1 µs per sample, negligible beside generating the sample.
import { checkInteger, checkSeed } from './validate.js';

export const SPLITS = ['train', 'valid', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** Sample indices per split must stay below 2^40 so the split tag keeps streams disjoint. */
export const MAX_SAMPLE_INDEX = 2 ** 40 - 1;

const MASK64 = (1n << 64n) - 1n;
const MASK53 = (1n << 53n) - 1n;

// splitmix64's finaliser (Steele, Lea & Flood 2014): a bijection on 64-bit words.
function splitmix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

// A bijection on [0, 2^53): xorshifts and multiplications by odd constants modulo 2^53 are each
// invertible, so their composition is.
function mix53(x: bigint): bigint {
  let z = x & MASK53;
  z = ((z ^ (z >> 26n)) * 0x1b873593bcd3n) & MASK53;
  z = ((z ^ (z >> 23n)) * 0x0cc9e2d51b5bn) & MASK53;
  return z ^ (z >> 27n);
}

function splitTag(split: Split): bigint {
  const tag = SPLITS.indexOf(split);
  if (tag < 0)
    throw new RangeError(`split must be one of ${SPLITS.join(', ')}, got ${JSON.stringify(split)}`);
  return BigInt(tag);
}

/** The seed of sample `index` of `split` for base seed `baseSeed`: a non-negative safe integer. */
export function sampleSeed(baseSeed: number, split: Split, index: number): number {
  checkSeed('seed', baseSeed);
  checkInteger('index', index, 0, MAX_SAMPLE_INDEX);
  const base = splitmix64(BigInt.asUintN(64, BigInt(baseSeed))) & MASK53;
  const word = (splitTag(split) << 40n) | BigInt(index);
  return Number(mix53(word ^ base));
}
