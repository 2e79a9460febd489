// `sst train listops`: trains the ListOps model with @sst-tricks/listops-parser's trainListOps.
import { join } from 'node:path';
import { type ListOpsLatent, trainListOps } from '@sst-tricks/listops-parser';
import { selectBackend } from '@sst-tricks/sst-core';
import { CheckpointError, latestCheckpoint, readMetricsLog } from '@sst-tricks/training';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { trainProgress } from '../train-nri/progress.js';
import { describeWorkers } from '../workers.js';
import { readListOpsCheckpoint } from './checkpoint.js';
import { trainListOpsHelp } from './help.js';
import { parseTrainListOpsArgs, type TrainListOpsArgs } from './parse-args.js';
import { listOpsTable } from './table.js';

const NAME = 'sst train listops';

export interface TrainListOpsCliOptions {
  now?: () => number;
  progressIntervalMs?: number;
  tty?: boolean;
  signal?: AbortSignal;
}

/** On --resume the checkpoint's model and data settings win (the weights must fit them). */
function applyResume(parsed: TrainListOpsArgs): TrainListOpsArgs {
  const latest = latestCheckpoint(parsed.out);
  if (latest === null) return parsed;
  const { meta } = readListOpsCheckpoint(latest);
  return {
    ...parsed,
    latent: meta.latent as ListOpsLatent,
    embedding: meta.embedding,
    hidden: meta.hidden,
    width: meta.width,
    rounds: meta.rounds,
    temperature: meta.temperature,
    batch: meta.batchSize,
    data: meta.data,
  };
}

export async function trainListOpsCommand(
  args: string[],
  io: CliIo,
  options: TrainListOpsCliOptions = {},
): Promise<number> {
  let parsed: TrainListOpsArgs;
  try {
    parsed = parseTrainListOpsArgs(args);
    if (parsed.help) {
      io.stdout(`${trainListOpsHelp()}\n`);
      return 0;
    }
    if (parsed.resume) parsed = applyResume(parsed);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
  const p = parsed;
  const backend = await selectBackend(p.backend);
  const tty = options.tty ?? process.stderr.isTTY === true;
  const progress = trainProgress(io.stderr, {
    shownMetrics: listOpsMetrics,
    tty,
    intervalMs: options.progressIntervalMs ?? (tty ? 500 : 15_000),
    now: options.now ?? (() => performance.now()),
    prefix: `${NAME}: `,
  });
  io.stderr(
    `${NAME}: ${p.latent}, backend ${backend}, embedding ${p.embedding}, hidden ${p.hidden}, width ${p.width}, ${p.rounds} rounds, batch ${p.batch}, lr ${p.lr}, temperature ${p.temperature}, seed ${p.seed}, ${describeWorkers(p.workers, p.resume && latestCheckpoint(p.out) !== null)} → ${p.out}\n`,
  );
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  options.signal?.addEventListener('abort', onSigint, { once: true });
  try {
    const { result, model } = await trainListOps({
      latent: p.latent,
      embedding: p.embedding,
      hidden: p.hidden,
      width: p.width,
      rounds: p.rounds,
      temperature: p.temperature,
      data: p.data,
      batchSize: p.batch,
      learningRate: p.lr,
      steps: p.steps,
      evalEvery: p.evalEvery,
      checkpointDirectory: p.out,
      checkpointEvery: p.checkpointEvery,
      resume: p.resume,
      seed: p.seed,
      workers: p.workers,
      signal: controller.signal,
      onEvent: (event) => progress.onEvent(event),
    });
    model.dispose();
    progress.finish();
    if (result.stopped) {
      io.stderr(
        `${NAME}: interrupted at step ${result.step}/${result.totalSteps}; checkpoint ${result.checkpoint} (continue with --resume)\n`,
      );
      return 130;
    }
    const rows = readMetricsLog(join(p.out, 'metrics.jsonl'))
      .filter((r) => r.kind === 'eval')
      .map((r) => ({
        step: r.step,
        metrics: (r as { metrics: Record<string, number> }).metrics,
        wallSeconds: r.elapsed,
      }));
    io.stdout(listOpsTable(rows));
    return 0;
  } catch (error) {
    progress.finish();
    if (
      error instanceof CheckpointError ||
      error instanceof RangeError ||
      error instanceof CliError
    ) {
      io.stderr(`${NAME}: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) {
      io.stderr(`${NAME}: cannot write ${p.out}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
    options.signal?.removeEventListener('abort', onSigint);
  }
}

/** Beside the progress bar: the last validation accuracy (and arc precision when the latent has arcs). */
function listOpsMetrics(m: Record<string, number>): Record<string, number> {
  return m.arcPrecision === undefined
    ? { accuracy: m.accuracy }
    : { accuracy: m.accuracy, arcPrecision: m.arcPrecision };
}
