// A malformed data file: the message names the file and the 1-based line.
export class L2xDataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'L2xDataError';
  }
}
