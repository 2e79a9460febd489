// The ListOps TSV format: `label<TAB>expression`, one example a line, the expression's tokens
// separated by spaces, optionally with the binary-bracketing parentheses of the original release
// ("( ( [MAX 1 ) 7 )"). Reading drops the parentheses (checking they balance); writing can add
// them back exactly as the original generator printed them.
import { readFileSync } from 'node:fs';
import { ListOpsFormatError } from './errors.js';
import { type ExpressionNode, evaluate, parseTokens } from './expression.js';

export interface ListOpsExample {
  /** The value the file gives (0–9). */
  readonly label: number;
  /** The expression's tokens without parentheses. */
  readonly tokens: readonly string[];
}

/** One line → its example; RangeError naming the problem (readListOps adds file and line). */
export function parseLine(line: string): ListOpsExample {
  const tab = line.indexOf('\t');
  if (tab < 0) throw new RangeError('no tab between label and expression');
  const labelText = line.slice(0, tab).trim();
  if (!/^\d$/.test(labelText)) {
    throw new RangeError(`label must be a digit 0–9, got ${JSON.stringify(labelText)}`);
  }
  const raw = line
    .slice(tab + 1)
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  let depth = 0;
  const tokens: string[] = [];
  for (const token of raw) {
    if (token === '(') depth++;
    else if (token === ')') {
      if (--depth < 0) throw new RangeError('unbalanced parentheses: ")" without "("');
    } else tokens.push(token);
  }
  if (depth !== 0) throw new RangeError(`unbalanced parentheses: ${depth} "(" not closed`);
  parseTokens(tokens);
  return { label: Number(labelText), tokens };
}

/**
 * Every example of a TSV text. A malformed line throws a ListOpsFormatError naming `file`, the
 * 1-based line number and the problem. A final newline is allowed; blank lines elsewhere are not.
 */
export function readListOps(text: string, file = '<input>'): ListOpsExample[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, i) => {
    try {
      if (line.trim() === '') throw new RangeError('empty line');
      return parseLine(line);
    } catch (error) {
      if (error instanceof RangeError) throw new ListOpsFormatError(file, i + 1, error.message);
      throw error;
    }
  });
}

export function readListOpsFile(path: string): ListOpsExample[] {
  return readListOps(readFileSync(path, 'utf8'), path);
}

/** The original generator's binary bracketing of one tree. */
function bracketed(node: ExpressionNode): string {
  if (node.kind === 'value') return String(node.value);
  let t = `( [${node.operator} ${bracketed(node.args[0])} )`;
  for (const arg of node.args.slice(1)) t = `( ${t} ${bracketed(arg)} )`;
  return `( ${t} ] )`;
}

export interface WriteOptions {
  /** Add the binary-bracketing parentheses (default false). */
  parentheses?: boolean;
}

/** One line per example (each ending in a newline). */
export function writeListOps(
  examples: readonly ListOpsExample[],
  options: WriteOptions = {},
): string {
  return examples
    .map((e) => {
      const expression =
        options.parentheses === true ? bracketed(parseTokens(e.tokens)) : e.tokens.join(' ');
      return `${e.label}\t${expression}\n`;
    })
    .join('');
}

export interface VerifyResult {
  lines: number;
  /** 1-based line numbers whose label differs from the computed value. */
  mismatches: number[];
}

/** Recomputes every example's value; `mismatches` lists the lines whose label is wrong. */
export function verifyListOps(examples: readonly ListOpsExample[]): VerifyResult {
  const mismatches: number[] = [];
  examples.forEach((e, i) => {
    if (evaluate(parseTokens(e.tokens)) !== e.label) mismatches.push(i + 1);
  });
  return { lines: examples.length, mismatches };
}
