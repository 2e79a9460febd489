// Crash-safe file replacement: write a temporary file in the same directory, fsync it, rename it
// over the target (atomic on POSIX and NTFS), then fsync the directory so the rename itself
// survives a power cut. A reader sees the old file or the new one, never a torn mix; a process
// killed mid-write leaves at most a stray `*.tmp-*` file, which `removeStaleTemporaryFiles` clears.
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TEMPORARY = /\.tmp-\d+-\d+$/;
let counter = 0;

/** Replaces `path` with `data` atomically and durably. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temporary = `${path}.tmp-${process.pid}-${counter++}`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(fd, bytes, written, bytes.length - written);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

/**
 * fsyncs a directory so renames and unlinks in it are durable. Windows cannot open a directory
 * for fsync (EPERM/EISDIR), and there the rename is durable through NTFS's journal anyway.
 */
export function syncDirectory(directory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'EPERM' && code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Deletes temporary files that a killed `writeFileAtomic` left in `directory`. */
export function removeStaleTemporaryFiles(directory: string): void {
  for (const name of readdirSync(directory)) {
    if (TEMPORARY.test(name)) rmSync(join(directory, basename(name)), { force: true });
  }
}
