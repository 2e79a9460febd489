/** An error caused by the user's input: printed as one line on stderr, never as a stack trace. */
export class CliError extends Error {
  /** Process exit code: 2 for a bad request or usage, as is conventional for command-line tools. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
