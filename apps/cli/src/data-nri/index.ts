// `sst data nri`: generates an NRI dataset file (see help.ts) with @sst-tricks/nri's writer.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { featuresOf, recordLayout, writeDataset } from '@sst-tricks/nri';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { dataNriHelp } from './help.js';
import { type DataNriArgs, parseDataNriArgs } from './parse-args.js';
import { progressReporter } from './progress.js';

const NAME = 'sst data nri';

/** Test hooks: a clock and the progress interval (default: performance.now, 1000 ms). */
export interface DataNriOptions {
  now?: () => number;
  progressIntervalMs?: number;
}

/** Runs the command; returns the exit code (2 for a bad flag, printed as one line on stderr). */
export async function dataNri(
  args: string[],
  io: CliIo,
  options: DataNriOptions = {},
): Promise<number> {
  let parsed: DataNriArgs;
  try {
    parsed = parseDataNriArgs(args);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
  if (parsed.help) {
    io.stdout(`${dataNriHelp()}\n`);
    return 0;
  }
  const now = options.now ?? (() => performance.now());
  const path = join(parsed.out, `nri-${parsed.source}-${parsed.split}.bin`);
  const progress = progressReporter(
    (line) => io.stderr(`${NAME}: ${line}\n`),
    now,
    options.progressIntervalMs ?? 1000,
  );
  // Ctrl-C stops between chunks, so the writer can remove its temporary file.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  // Chunks of ≤ 1 % of the run (and ≤ 1 MiB), so progress can be reported at any size.
  const { recordBytes } = recordLayout(parsed.frames, parsed.nodes, featuresOf(parsed.source));
  const chunkSize = Math.max(
    1,
    Math.min(Math.ceil(parsed.count / 100), Math.floor((1 << 20) / recordBytes)),
  );
  const started = now();
  try {
    await mkdir(parsed.out, { recursive: true });
    const result = await writeDataset(path, {
      kind: parsed.source,
      split: parsed.split,
      seed: parsed.seed,
      count: parsed.count,
      params: { nodes: parsed.nodes, frames: parsed.frames },
      chunkSize,
      signal: controller.signal,
      onProgress: ({ done, total }) => progress.update(done, total),
    });
    const seconds = (now() - started) / 1000;
    io.stdout(
      `${result.path}: ${parsed.count} samples (${parsed.source}, ${parsed.split}, seed ${parsed.seed}, n = ${parsed.nodes}, T = ${parsed.frames}), ${result.bytes} bytes, ${seconds.toFixed(2)} s\n`,
    );
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      io.stderr(`${NAME}: interrupted; ${path} left as it was\n`);
      return 130;
    }
    // File-system errors (no permission, disk full, a file where DIR should be) are the user's
    // to fix: one line, no stack.
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) {
      io.stderr(`${NAME}: cannot write ${path}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
