// The one error a dataset file can raise when it is not what it should be.

export type DatasetErrorCode =
  /** The file does not start with the dataset magic bytes. */
  | 'bad-magic'
  /** A format version this code cannot read. */
  | 'unsupported-version'
  /** The header is unreadable, fails its checksum, or is inconsistent. */
  | 'corrupt-header'
  /** The file is shorter than its header says. */
  | 'truncated'
  /** The file is longer than its header says. */
  | 'trailing-bytes'
  /** The payload does not match the checksum in the header. */
  | 'checksum-mismatch'
  /** A valid file, but not the data the caller expected (e.g. another n or T). */
  | 'mismatch';

export class DatasetFileError extends Error {
  readonly code: DatasetErrorCode;
  readonly path: string;

  constructor(code: DatasetErrorCode, path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'DatasetFileError';
    this.code = code;
    this.path = path;
  }
}
