// The synthetic reviews' vocabulary. Every sentiment-bearing piece has a value in [0, 1] (how
// good it says the aspect is); a sentence's value is what its clauses say, after modifiers:
//   intensifier of strength s:  v → 0.5 + s·(v − 0.5)          ("very good", "a bit thin")
//   negation:                   v → 0.5 − 0.6·(v − 0.5)        ("not great" 0.29, "not bad" 0.71)
// Generic adjectives ("good", "weak", "nothing special") are shared by all aspects, so a word
// like "great" says nothing about WHICH aspect is great; flavour nouns (citrus, caramel, hops)
// appear in both aroma and taste sentences, as in real reviews; only the subjects ("the nose",
// "smells of") and a few aspect-specific adjectives tie a sentence to its aspect.
import type { Aspect } from '../aspects.js';

/** A word or multi-word phrase (tokens separated by spaces) and the value it expresses. */
export type Valued = readonly [phrase: string, value: number];

export const GENERIC_ADJECTIVES: readonly Valued[] = [
  ['excellent', 0.95],
  ['outstanding', 0.95],
  ['superb', 0.92],
  ['wonderful', 0.9],
  ['great', 0.85],
  ['lovely', 0.85],
  ['enjoyable', 0.8],
  ['nice', 0.72],
  ['good', 0.7],
  ['pleasant', 0.7],
  ['solid', 0.68],
  ['decent', 0.6],
  ['fine', 0.55],
  ['okay', 0.5],
  ['average', 0.5],
  ['unremarkable', 0.42],
  ['mediocre', 0.35],
  ['bland', 0.3],
  ['weak', 0.3],
  ['disappointing', 0.25],
  ['poor', 0.2],
  ['bad', 0.15],
  ['awful', 0.05],
  ['terrible', 0.05],
];

/** Fixed multi-word judgements (not modified further). */
export const GENERIC_PHRASES: readonly Valued[] = [
  ['as good as it gets', 0.97],
  ['right on point', 0.88],
  ['hard to fault', 0.86],
  ['better than expected', 0.72],
  ['about what you would expect', 0.52],
  ['nothing special', 0.4],
  ['could be better', 0.35],
  ['a bit of a letdown', 0.28],
  ['not much going on', 0.28],
  ['leaves a lot to be desired', 0.18],
  ['a real drain pour', 0.05],
];

export const INTENSIFIERS: readonly (readonly [phrase: string, strength: number])[] = [
  ['very', 1.45],
  ['really', 1.4],
  ['quite', 1.25],
  ['incredibly', 1.7],
  ['extremely', 1.7],
  ['pretty', 1.15],
  ['fairly', 0.75],
  ['somewhat', 0.6],
  ['a bit', 0.6],
  ['slightly', 0.5],
];

export const NEGATIONS: readonly string[] = [
  'not',
  'not very',
  'hardly',
  'far from',
  'never really',
];

export interface AspectLexicon {
  /** Noun phrases the sentence is about: "the nose is …". */
  readonly subjects: readonly string[];
  /** Verb phrases introducing descriptors: "smells of citrus and pine". */
  readonly verbs: readonly string[];
  /** Sentiment-neutral content words typical of the aspect. */
  readonly descriptors: readonly string[];
  /** Aspect-specific adjectives with their values. */
  readonly adjectives: readonly Valued[];
  /** Aspect-specific fixed judgements. */
  readonly phrases: readonly Valued[];
}

const FLAVOURS = [
  'citrus',
  'grapefruit',
  'pine',
  'resin',
  'caramel',
  'toffee',
  'malt',
  'bread',
  'biscuit',
  'roast',
  'coffee',
  'chocolate',
  'banana',
  'clove',
  'hops',
  'honey',
  'dark fruit',
  'brown sugar',
  'vanilla',
  'lemon zest',
];

export const LEXICON: Readonly<Record<Exclude<Aspect, 'overall'>, AspectLexicon>> = {
  appearance: {
    subjects: ['the appearance', 'the look', 'the color', 'the head', 'the pour', 'appearance'],
    verbs: ['pours', 'pours a', 'looks', 'arrives'],
    descriptors: [
      'golden',
      'amber',
      'copper',
      'straw yellow',
      'deep brown',
      'pitch black',
      'ruby',
      'hazy',
      'white head',
      'tan head',
      'two finger head',
      'sticky lacing',
      'thin collar',
      'some retention',
      'in the glass',
    ],
    adjectives: [
      ['beautiful', 0.92],
      ['gorgeous', 0.95],
      ['brilliant', 0.88],
      ['inviting', 0.8],
      ['clear', 0.72],
      ['pale', 0.4],
      ['dull', 0.3],
      ['murky', 0.22],
      ['lifeless', 0.12],
    ],
    phrases: [
      ['a picture perfect pour', 0.95],
      ['great lacing all the way down', 0.88],
      ['the head fades fast', 0.35],
      ['looks like dishwater', 0.1],
    ],
  },
  aroma: {
    subjects: ['the aroma', 'the smell', 'the nose', 'aroma', 'smell', 'the bouquet'],
    verbs: ['smells of', 'the nose brings', 'aroma of', 'smells like'],
    descriptors: FLAVOURS,
    adjectives: [
      ['fragrant', 0.88],
      ['aromatic', 0.82],
      ['inviting', 0.8],
      ['faint', 0.35],
      ['muted', 0.3],
      ['stale', 0.15],
      ['skunky', 0.08],
    ],
    phrases: [
      ['smells like a dream', 0.94],
      ['jumps out of the glass', 0.88],
      ['you have to search for it', 0.32],
      ['smells like wet cardboard', 0.08],
    ],
  },
  palate: {
    subjects: [
      'the mouthfeel',
      'the body',
      'the carbonation',
      'mouthfeel',
      'the palate',
      'the feel',
    ],
    verbs: ['feels', 'sits', 'drinks'],
    descriptors: [
      'light bodied',
      'medium bodied',
      'full bodied',
      'low carbonation',
      'moderate carbonation',
      'lively carbonation',
      'on the tongue',
      'in the mouth',
    ],
    adjectives: [
      ['silky', 0.92],
      ['velvety', 0.92],
      ['creamy', 0.86],
      ['smooth', 0.84],
      ['crisp', 0.78],
      ['prickly', 0.35],
      ['thin', 0.25],
      ['harsh', 0.18],
      ['watery', 0.12],
      ['flat', 0.12],
    ],
    phrases: [
      ['coats the tongue nicely', 0.85],
      ['goes down easy', 0.78],
      ['a touch too fizzy', 0.38],
      ['like soda water', 0.12],
    ],
  },
  taste: {
    subjects: ['the taste', 'the flavor', 'the finish', 'taste', 'the flavors', 'the aftertaste'],
    verbs: ['tastes of', 'tastes like', 'flavors of', 'the taste brings'],
    descriptors: [...FLAVOURS, 'bitterness', 'sweetness', 'dry finish', 'long finish'],
    adjectives: [
      ['delicious', 0.93],
      ['flavorful', 0.86],
      ['complex', 0.84],
      ['balanced', 0.8],
      ['tasty', 0.78],
      ['one dimensional', 0.32],
      ['cloying', 0.2],
      ['astringent', 0.18],
      ['metallic', 0.1],
    ],
    phrases: [
      ['every sip rewards you', 0.93],
      ['the flavors just work', 0.84],
      ['falls apart at the finish', 0.3],
      ['tastes like cardboard', 0.08],
    ],
  },
};

/** Overall-impression openers ("overall , a nice beer ."). */
export const OVERALL_OPENERS: readonly string[] = [
  'overall',
  'all in all',
  'in the end',
  'bottom line',
];

export const OVERALL_PHRASES: readonly Valued[] = [
  ['would happily buy again', 0.9],
  ['one of my favorites', 0.94],
  ['worth seeking out', 0.85],
  ['i would have another', 0.7],
  ['worth a try', 0.6],
  ['once was enough', 0.35],
  ['would not buy again', 0.2],
  ['avoid this one', 0.08],
];

/** Sentiment-free sentences about everything but the beer's qualities. */
export const FILLER: readonly string[] = [
  'picked this up at the local shop',
  'had this on tap at the brewery',
  'served in a tulip glass',
  'poured from a 12 oz bottle into a pint glass',
  'thanks to a friend for sharing this one',
  'bottled on the date on the label',
  'drank it slightly chilled',
  'first time trying this brewery',
  'review from notes taken last week',
  'split a bomber with my brother',
  'bought as part of a mixed six pack',
  'this style is not one i drink often',
  'the label art has a fox on it',
];
