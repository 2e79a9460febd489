// A seeded ListOps generator in the manner of the original (Nangia & Bowman 2018): each node below
// the depth bound is an operator with probability `operatorProbability` (else a digit), an
// operator takes minArgs..maxArgs arguments; the root is always an operator. Expressions longer
// than maxLength tokens are drawn again, and so are duplicates: no expression appears twice in a
// call, across all the splits it makes.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { type ExpressionNode, evaluate, tokensOf } from './expression.js';
import { GENERATED_OPERATORS, type Operator } from './tokens.js';
import type { ListOpsExample } from './tsv.js';

export interface GenerateOptions {
  seed?: number;
  /** Maximum operator nesting (default 5; 1 = one operator over digits). */
  maxDepth?: number;
  /** Maximum tokens per expression (default 50). */
  maxLength?: number;
  /** Include SM (sum mod 10); default true. The paper's setting drops it. */
  sm?: boolean;
  /** Probability that a node below the depth bound is an operator (default 0.25, the original). */
  operatorProbability?: number;
  /** Arguments per operator (default 2..5). */
  minArgs?: number;
  maxArgs?: number;
}

function checkInt(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `generateListOps: ${name} must be an integer in ${min}..${max}, got ${value}`,
    );
  }
  return value;
}

/**
 * Splits of distinct examples, e.g. `{ train: 1000, valid: 100, test: 100 }`, drawn in that order
 * from one stream (so the same seed and sizes give the same splits).
 */
export function generateSplits<K extends string>(
  sizes: Record<K, number>,
  options: GenerateOptions = {},
): Record<K, ListOpsExample[]> {
  const seed = options.seed ?? 0;
  const maxDepth = checkInt('maxDepth', options.maxDepth ?? 5, 1, 100);
  const minArgs = checkInt('minArgs', options.minArgs ?? 2, 1, 100);
  const maxArgs = checkInt('maxArgs', options.maxArgs ?? 5, minArgs, 100);
  const maxLength = checkInt('maxLength', options.maxLength ?? 50, minArgs + 2, 1_000_000);
  const p = options.operatorProbability ?? 0.25;
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`generateListOps: operatorProbability must be in [0, 1], got ${p}`);
  }
  const operators: readonly Operator[] =
    options.sm === false ? GENERATED_OPERATORS.filter((o) => o !== 'SM') : GENERATED_OPERATORS;
  const random = new RandomGenerator(seed);
  const pick = (n: number) => Math.floor(random.nextUniform() * n);

  let position = 0;
  const grow = (depth: number, forceOperator: boolean): ExpressionNode => {
    if (depth < maxDepth && (forceOperator || random.nextUniform() < p)) {
      const operator = operators[pick(operators.length)];
      const count = minArgs + pick(maxArgs - minArgs + 1);
      const index = position++;
      const args: ExpressionNode[] = [];
      for (let i = 0; i < count; i++) args.push(grow(depth + 1, false));
      return { kind: 'operator', operator, args, index, close: position++ };
    }
    return { kind: 'value', value: pick(10), index: position++ };
  };

  const seen = new Set<string>();
  const out = {} as Record<K, ListOpsExample[]>;
  for (const key of Object.keys(sizes) as K[]) {
    const count = checkInt(`sizes.${key}`, sizes[key], 0, 10_000_000);
    const examples: ListOpsExample[] = [];
    let attempts = 0;
    const limit = 1000 * count + 100_000;
    while (examples.length < count) {
      if (++attempts > limit) {
        throw new RangeError(
          `generateListOps: only ${seen.size} distinct expressions found in ${limit} draws (maxDepth ${maxDepth}, maxLength ${maxLength}); ask for fewer`,
        );
      }
      position = 0;
      const tree = grow(0, true);
      if (position > maxLength) continue;
      const tokens = tokensOf(tree);
      const key2 = tokens.join(' ');
      if (seen.has(key2)) continue;
      seen.add(key2);
      examples.push({ label: evaluate(tree), tokens });
    }
    out[key] = examples;
  }
  return out;
}

/** `count` distinct examples (one split). */
export function generateListOps(count: number, options: GenerateOptions = {}): ListOpsExample[] {
  return generateSplits({ all: count }, options).all;
}
