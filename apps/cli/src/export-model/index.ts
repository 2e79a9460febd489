// `sst export <kind> --checkpoint P --out FILE`: a training checkpoint → its encoder as ONNX.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  exportL2xPredictorCheckpoint,
  exportNriCheckpoint,
  getExporter,
  OnnxExportError,
} from '@sst-tricks/onnx-export';
import { CheckpointError, readCheckpoint, writeFileAtomic } from '@sst-tricks/training';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { parseFlags } from '../flags.js';
import { exportHelp } from './help.js';

export async function exportModel(args: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === undefined || kind === '--help' || kind === '-h') {
    (kind === undefined ? io.stderr : io.stdout)(`${exportHelp()}\n`);
    return kind === undefined ? 2 : 0;
  }
  const name = `sst export ${kind}`;
  try {
    let exporter: ReturnType<typeof getExporter>;
    try {
      exporter = getExporter(kind);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
    const { help, values } = parseFlags(
      rest,
      ['--checkpoint', '--out'],
      ['--no-fold', '--predictor'],
    );
    if (help) {
      io.stdout(`${exportHelp()}\n`);
      return 0;
    }
    if (values.has('--predictor') && kind !== 'l2x')
      throw new CliError('--predictor applies to l2x only');
    const path = values.get('--checkpoint');
    if (path === undefined) throw new CliError('--checkpoint is required (see --help)');
    const out = values.get('--out');
    if (out === undefined || out === '') throw new CliError('--out is required (see --help)');
    const folder = dirname(out);
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new CliError(`--out ${JSON.stringify(out)}: the directory ${folder} does not exist`);
    let checkpoint: ReturnType<typeof readCheckpoint>;
    try {
      checkpoint = readCheckpoint(path);
    } catch (error) {
      if (!(error instanceof CheckpointError)) throw error;
      throw new CliError(`--checkpoint ${JSON.stringify(path)}: ${error.message}`, 1);
    }
    let exported: ReturnType<typeof exporter.exportCheckpoint>;
    try {
      exported =
        kind === 'nri' && values.has('--no-fold')
          ? exportNriCheckpoint(checkpoint, { foldBatchNorm: false })
          : values.has('--predictor')
            ? exportL2xPredictorCheckpoint(checkpoint)
            : exporter.exportCheckpoint(checkpoint);
    } catch (error) {
      if (!(error instanceof OnnxExportError)) throw error;
      throw new CliError(error.message, 1);
    }
    writeFileAtomic(out, exported.bytes);
    const m = exported.metadata;
    io.stdout(
      `${name}: wrote ${out} (${exported.bytes.length} bytes; ${m.modelKind}, ${m.latent} latent, structure ${m.structure.name}, step ${checkpoint.manifest.step})\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${name}: ${error.message}\n`);
    return error.exitCode;
  }
}
