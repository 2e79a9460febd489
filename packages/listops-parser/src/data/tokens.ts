// ListOps tokens and the model's vocabulary. An expression is a prefix list of tokens: an operator
// opens with its own token ("[MAX"), its arguments follow, and "]" closes it. Values are digits.
export const OPERATORS = ['MIN', 'MAX', 'MED', 'SM', 'FIRST', 'LAST'] as const;
export type Operator = (typeof OPERATORS)[number];
/** What the generator draws from (FIRST and LAST only occur in older files). */
export const GENERATED_OPERATORS: readonly Operator[] = ['MIN', 'MAX', 'MED', 'SM'];

export const CLOSE = ']';

/** Id 0 is padding; then the six operators, the closing bracket, and the digits 0–9. */
export const VOCABULARY: readonly string[] = [
  '<pad>',
  ...OPERATORS.map((op) => `[${op}`),
  CLOSE,
  ...Array.from({ length: 10 }, (_, d) => String(d)),
];
export const PAD_ID = 0;
const IDS = new Map(VOCABULARY.map((token, id) => [token, id]));

/** The operator a token opens, or undefined. */
export function operatorOf(token: string): Operator | undefined {
  if (!token.startsWith('[')) return undefined;
  const name = token.slice(1);
  return (OPERATORS as readonly string[]).includes(name) ? (name as Operator) : undefined;
}

export function isDigit(token: string): boolean {
  return token.length === 1 && token >= '0' && token <= '9';
}

/** Vocabulary id of a token (RangeError for a token outside the vocabulary). */
export function tokenId(token: string): number {
  const id = IDS.get(token);
  if (id === undefined || id === PAD_ID) {
    throw new RangeError(`tokenId: token must be a ListOps token, got ${JSON.stringify(token)}`);
  }
  return id;
}
