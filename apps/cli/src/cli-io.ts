// The I/O a command gets. Its own module so that the subcommands and the dispatcher
// (commands.ts, which imports them) both depend on it, and never on each other.

/** Where a command reads and writes: the process in main.ts, buffers in tests. */
export interface CliIo {
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}
