// Sentences of the synthetic reviews: each is about one aspect (or is filler) and expresses a
// value near a target. A clause is a judgement (an adjective, maybe intensified or negated, or a
// fixed phrase); a sentence wraps one or two clauses in a template with the aspect's subject,
// verb and descriptors. The value is computed from what the words say (lexicon.ts), never
// copied from the target: a review's ratings follow from its sentences.
import type { RandomGenerator } from '@sst-tricks/sst-core';
import type { Aspect } from '../aspects.js';
import {
  FILLER,
  GENERIC_ADJECTIVES,
  GENERIC_PHRASES,
  INTENSIFIERS,
  LEXICON,
  NEGATIONS,
  OVERALL_OPENERS,
  OVERALL_PHRASES,
  type Valued,
} from './lexicon.js';

export interface Sentence {
  readonly tokens: string[];
  /** The value it expresses, in [0, 1]; null for filler. */
  readonly value: number | null;
}

export function pick<T>(g: RandomGenerator, items: readonly T[]): T {
  return items[Math.floor(g.nextUniform() * items.length)];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const words = (phrase: string) => phrase.split(' ');

export function intensify(value: number, strength: number): number {
  return clamp01(0.5 + strength * (value - 0.5));
}

export function negate(value: number): number {
  return 0.5 - 0.6 * (value - 0.5);
}

interface Clause {
  tokens: string[];
  value: number;
  /** A fixed phrase (reads after "subject :" rather than "subject is"). */
  phrase: boolean;
}

/** Below this distance from neutral an adjective is not intensified or negated ("very okay"). */
const NEUTRAL_BAND = 0.15;

/** A random judgement for `aspect` ('overall' uses the generic words and its own phrases). */
function randomClause(g: RandomGenerator, aspect: Aspect): Clause {
  const own = aspect === 'overall' ? null : LEXICON[aspect];
  const u = g.nextUniform();
  if (u < 0.2) {
    const phrases: readonly Valued[] =
      own === null
        ? [...GENERIC_PHRASES, ...OVERALL_PHRASES]
        : [...GENERIC_PHRASES, ...own.phrases];
    const [phrase, value] = pick(g, phrases);
    return { tokens: words(phrase), value, phrase: true };
  }
  const adjectives = own === null || u < 0.6 ? GENERIC_ADJECTIVES : own.adjectives;
  const [adjective, base] = pick(g, adjectives);
  const m = g.nextUniform();
  if (m < 0.5 || Math.abs(base - 0.5) < NEUTRAL_BAND) {
    return { tokens: words(adjective), value: base, phrase: false };
  }
  if (m < 0.8) {
    const [intensifier, strength] = pick(g, INTENSIFIERS);
    return {
      tokens: [...words(intensifier), ...words(adjective)],
      value: intensify(base, strength),
      phrase: false,
    };
  }
  return {
    tokens: [...words(pick(g, NEGATIONS)), ...words(adjective)],
    value: negate(base),
    phrase: false,
  };
}

/** A clause whose value is within `tolerance` of `target` if one turns up in 40 draws, else the closest. */
function clauseNear(g: RandomGenerator, aspect: Aspect, target: number, tolerance = 0.12): Clause {
  let best = randomClause(g, aspect);
  for (let i = 0; i < 40 && Math.abs(best.value - target) > tolerance; i++) {
    const next = randomClause(g, aspect);
    if (Math.abs(next.value - target) < Math.abs(best.value - target)) best = next;
  }
  return best;
}

/** One sentence about `aspect` expressing about `target` (its own value is computed). */
export function aspectSentence(g: RandomGenerator, aspect: Aspect, target: number): Sentence {
  if (aspect === 'overall') {
    const clause = clauseNear(g, aspect, target);
    const opener = words(pick(g, OVERALL_OPENERS));
    const single = clause.tokens.length === 1 || INTENSIFIERS.some(([i]) => clause.tokens[0] === i);
    // "overall , a very nice beer ." reads for adjectives; phrases stand alone.
    const body = single && g.nextUniform() < 0.7 ? ['a', ...clause.tokens, 'beer'] : clause.tokens;
    return { tokens: [...opener, ',', ...body, '.'], value: clause.value };
  }
  const lexicon = LEXICON[aspect];
  const template = g.nextUniform();
  if (template < 0.4) {
    const clause = clauseNear(g, aspect, target);
    const link = clause.phrase ? ':' : 'is';
    return {
      tokens: [...words(pick(g, lexicon.subjects)), link, ...clause.tokens, '.'],
      value: clause.value,
    };
  }
  if (template < 0.75) {
    const clause = clauseNear(g, aspect, target);
    const first = pick(g, lexicon.descriptors);
    let second = pick(g, lexicon.descriptors);
    if (second === first) second = pick(g, lexicon.descriptors);
    return {
      tokens: [
        ...words(pick(g, lexicon.verbs)),
        ...words(first),
        'and',
        ...words(second),
        ',',
        ...clause.tokens,
        '.',
      ],
      value: clause.value,
    };
  }
  // Two judgements. "but" contrasts them and the second one weighs more (0.4 / 0.6), "and" agrees.
  const subject = [...words(pick(g, lexicon.subjects)), ':'];
  if (g.nextUniform() < 0.5) {
    const d = (g.nextUniform() < 0.5 ? -1 : 1) * (0.15 + 0.15 * g.nextUniform());
    const a = clauseNear(g, aspect, clamp01(target + d));
    const b = clauseNear(g, aspect, clamp01(target - (2 / 3) * d));
    return {
      tokens: [...subject, ...a.tokens, ',', 'but', ...b.tokens, '.'],
      value: 0.4 * a.value + 0.6 * b.value,
    };
  }
  const a = clauseNear(g, aspect, target);
  const b = clauseNear(g, aspect, target);
  return {
    tokens: [...subject, ...a.tokens, ',', 'and', ...b.tokens, '.'],
    value: (a.value + b.value) / 2,
  };
}

export function fillerSentence(g: RandomGenerator): Sentence {
  return { tokens: [...words(pick(g, FILLER)), '.'], value: null };
}
