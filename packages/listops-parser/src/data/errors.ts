// A malformed ListOps line: where it is (file, 1-based line) and what is wrong with it.
export class ListOpsFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'ListOpsFormatError';
  }
}
