// Generic `--flag value` / `--flag=value` parsing shared by the `sst` subcommands that take flags.
// Every bad flag is a CliError (exit 2) naming the flag and the value.
import { CliError } from './cli-error.js';

export interface RawFlags {
  help: boolean;
  /** Flag → value; boolean flags map to "". */
  values: Map<string, string>;
}

/** `valued` take a value, `switches` do not; unknown flags and stray arguments are errors. */
export function parseFlags(
  args: readonly string[],
  valued: readonly string[],
  switches: readonly string[] = [],
): RawFlags {
  const values = new Map<string, string>();
  let help = false;
  const known = [...valued, ...switches, '--help'].join(', ');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new CliError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    let value: string;
    if (switches.includes(flag)) {
      if (eq >= 0)
        throw new CliError(`${flag} takes no value, got ${JSON.stringify(arg.slice(eq + 1))}`);
      value = '';
    } else if (valued.includes(flag)) {
      if (eq >= 0) value = arg.slice(eq + 1);
      else {
        const next = args[i + 1];
        if (next === undefined) throw new CliError(`${flag} needs a value`);
        value = next;
        i++;
      }
    } else throw new CliError(`unknown flag ${JSON.stringify(flag)} (known: ${known})`);
    if (values.has(flag)) throw new CliError(`${flag} given twice`);
    values.set(flag, value);
  }
  return { help, values };
}

export function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(
      `${flag} must be an integer in ${min}..${max}, got ${JSON.stringify(value)}`,
    );
  return n;
}

export function positiveNumber(flag: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x <= 0)
    throw new CliError(`${flag} must be a positive number, got ${JSON.stringify(value)}`);
  return x;
}

export function oneOf<T extends string>(flag: string, value: string, known: readonly T[]): T {
  if (!known.includes(value as T))
    throw new CliError(`${flag} must be one of ${known.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

export const MAX_SEED = 2 ** 53 - 1;
