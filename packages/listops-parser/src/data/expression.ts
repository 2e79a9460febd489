// Parsing a token list into its tree, the exact value, and the gold dependency arcs.
import { CLOSE, isDigit, type Operator, operatorOf } from './tokens.js';

export interface ValueNode {
  readonly kind: 'value';
  readonly value: number;
  /** Position of the digit in the token list. */
  readonly index: number;
}

export interface OperatorNode {
  readonly kind: 'operator';
  readonly operator: Operator;
  readonly args: readonly ExpressionNode[];
  /** Positions of the opening token and of its closing "]". */
  readonly index: number;
  readonly close: number;
}

export type ExpressionNode = ValueNode | OperatorNode;

/**
 * The tree of a prefix token list (no parentheses). Throws a RangeError naming the problem and the
 * token position: unknown token, an operator without arguments or without its "]", a stray "]",
 * or tokens after the expression ends.
 */
export function parseTokens(tokens: readonly string[]): ExpressionNode {
  if (tokens.length === 0) throw new RangeError('expression is empty');
  let position = 0;
  const node = (): ExpressionNode => {
    const index = position;
    const token = tokens[position];
    if (token === undefined) throw new RangeError(`expression ends early at token ${index}`);
    position++;
    if (isDigit(token)) return { kind: 'value', value: Number(token), index };
    const operator = operatorOf(token);
    if (operator === undefined) {
      if (token === CLOSE) throw new RangeError(`unexpected "]" at token ${index}`);
      throw new RangeError(`unknown token ${JSON.stringify(token)} at token ${index}`);
    }
    const args: ExpressionNode[] = [];
    while (tokens[position] !== CLOSE) {
      if (position >= tokens.length) {
        throw new RangeError(`operator [${operator} at token ${index} has no closing "]"`);
      }
      args.push(node());
    }
    if (args.length === 0) {
      throw new RangeError(`operator [${operator} at token ${index} has no arguments`);
    }
    const close = position++;
    return { kind: 'operator', operator, args, index, close };
  };
  const root = node();
  if (position !== tokens.length) {
    throw new RangeError(
      `tokens after the end of the expression at token ${position} (${JSON.stringify(tokens[position])})`,
    );
  }
  return root;
}

/** The value of an operator on its argument values (ListOps' definitions, integers 0–9). */
export function applyOperator(operator: Operator, values: readonly number[]): number {
  switch (operator) {
    case 'MIN':
      return Math.min(...values);
    case 'MAX':
      return Math.max(...values);
    case 'SM':
      return values.reduce((a, b) => a + b, 0) % 10;
    case 'FIRST':
      return values[0];
    case 'LAST':
      return values[values.length - 1];
    case 'MED': {
      // numpy's median (the mean of the middle two for an even count), truncated to an integer
      // as the ListOps generator's int(np.median(x)).
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      return Math.trunc(median);
    }
  }
}

export function evaluate(node: ExpressionNode): number {
  if (node.kind === 'value') return node.value;
  return applyOperator(
    node.operator,
    node.args.map((a) => evaluate(a)),
  );
}

/**
 * Gold heads: heads[i] is the head of token i (heads[0] = −1: token 0 is the root). Each operator
 * heads its arguments (their first token) and its own closing "]".
 */
export function goldHeads(root: ExpressionNode, length: number): Int32Array {
  const heads = new Int32Array(length).fill(-1);
  const visit = (node: ExpressionNode) => {
    if (node.kind === 'value') return;
    for (const arg of node.args) {
      heads[arg.index] = node.index;
      visit(arg);
    }
    heads[node.close] = node.index;
  };
  visit(root);
  return heads;
}

/** Nesting depth: 0 for a digit, 1 for an operator over digits. */
export function depthOf(node: ExpressionNode): number {
  if (node.kind === 'value') return 0;
  return 1 + Math.max(...node.args.map((a) => depthOf(a)));
}

/** The token list of a tree (inverse of parseTokens). */
export function tokensOf(node: ExpressionNode): string[] {
  const out: string[] = [];
  const visit = (n: ExpressionNode) => {
    if (n.kind === 'value') {
      out.push(String(n.value));
      return;
    }
    out.push(`[${n.operator}`);
    for (const a of n.args) visit(a);
    out.push(CLOSE);
  };
  visit(node);
  return out;
}
