// Runs the CLI (or one command) in-process with a given stdin and captures its output.
import type { CliIo } from '../src/commands.js';
import { runCli } from '../src/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An io whose stdout/stderr are collected; `result(code)` packs them with an exit code. */
export function capturingIo(stdin = ''): { io: CliIo; result(code: number): CliResult } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readStdin: async () => stdin,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  return { io, result: (code) => ({ code, stdout, stderr }) };
}

export async function runWithStdin(argv: string[], stdin: string): Promise<CliResult> {
  const { io, result } = capturingIo(stdin);
  return result(await runCli(argv, io));
}
