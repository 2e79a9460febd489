// `sst data listops`: writes a seeded ListOps TSV file, or (--verify FILE) recomputes the value of
// every line of an existing file and reports the label mismatches.
import { writeFileSync } from 'node:fs';
import {
  generateListOps,
  ListOpsFormatError,
  readListOpsFile,
  verifyListOps,
  writeListOps,
} from '@sst-tricks/listops-parser';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { integer, MAX_SEED, parseFlags, positiveNumber } from '../flags.js';

const NAME = 'sst data listops';

export function dataListOpsHelp(): string {
  return `usage: sst data listops --count N [options] [--out FILE]
       sst data listops --verify FILE

Generates N distinct ListOps expressions (prefix MIN/MAX/MED/SM over digits, 2–5 arguments per
operator, the root always an operator) as "label<TAB>expression" lines, or checks a file: every
line's value is recomputed and "N lines, M label mismatches" printed (exit 1 on any mismatch or
malformed line; FIRST and LAST are understood).

options:
  --count N                 expressions to write (required unless --verify)
  --max-depth D             maximum operator nesting (default 5)
  --max-length L            maximum tokens per expression (default 50)
  --no-sm                   leave out SM (sum mod 10), as the SST paper's setting
  --operator-probability P  chance a node below the depth bound is an operator (default 0.25)
  --parentheses             write the original release's binary-bracketing parentheses
  --seed S                  generator seed (default 0)
  --out FILE                where to write (default: stdout)
  --verify FILE             check FILE instead of generating`;
}

export async function dataListOps(args: string[], io: CliIo): Promise<number> {
  try {
    const { help, values } = parseFlags(
      args,
      [
        '--count',
        '--max-depth',
        '--max-length',
        '--operator-probability',
        '--seed',
        '--out',
        '--verify',
      ],
      ['--no-sm', '--parentheses'],
    );
    if (help) {
      io.stdout(`${dataListOpsHelp()}\n`);
      return 0;
    }
    const verify = values.get('--verify');
    if (verify !== undefined) {
      if (values.size > 1) throw new CliError('--verify takes no other flags');
      return runVerify(verify, io);
    }
    const countFlag = values.get('--count');
    if (countFlag === undefined) throw new CliError('--count is required (see --help)');
    const count = integer('--count', countFlag, 1, 10_000_000);
    const flag = (name: string, fallback: number, min: number, max: number) => {
      const v = values.get(name);
      return v === undefined ? fallback : integer(name, v, min, max);
    };
    const maxDepth = flag('--max-depth', 5, 1, 100);
    const maxLength = flag('--max-length', 50, 4, 1_000_000);
    const seed = flag('--seed', 0, -MAX_SEED, MAX_SEED);
    const pFlag = values.get('--operator-probability');
    const operatorProbability =
      pFlag === undefined ? 0.25 : positiveNumber('--operator-probability', pFlag);
    if (operatorProbability > 1)
      throw new CliError(`--operator-probability must be in (0, 1], got ${JSON.stringify(pFlag)}`);
    let text: string;
    try {
      const examples = generateListOps(count, {
        seed,
        maxDepth,
        maxLength,
        operatorProbability,
        sm: !values.has('--no-sm'),
      });
      text = writeListOps(examples, { parentheses: values.has('--parentheses') });
    } catch (error) {
      if (error instanceof RangeError) throw new CliError(error.message);
      throw error;
    }
    const out = values.get('--out');
    if (out === undefined) io.stdout(text);
    else {
      try {
        writeFileSync(out, text);
      } catch (error) {
        throw new CliError(`cannot write ${out}: ${(error as Error).message}`, 1);
      }
      io.stderr(`${NAME}: ${count} expressions → ${out}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
}

function runVerify(path: string, io: CliIo): number {
  let result: ReturnType<typeof verifyListOps>;
  try {
    result = verifyListOps(readListOpsFile(path));
  } catch (error) {
    if (error instanceof ListOpsFormatError) throw new CliError(error.message, 1);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new CliError(`cannot read ${path}: ${code}`, 1);
    throw error;
  }
  const { lines, mismatches } = result;
  io.stdout(`${lines} lines, ${mismatches.length} label mismatches\n`);
  if (mismatches.length > 0) {
    const shown = mismatches.slice(0, 10).join(', ');
    io.stderr(`${NAME}: mismatching lines: ${shown}${mismatches.length > 10 ? ', …' : ''}\n`);
    return 1;
  }
  return 0;
}
