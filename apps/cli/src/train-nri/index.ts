// `sst train nri`: trains NRI with @sst-tricks/nri's trainNri (see help.ts).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type CandidateEvent, trainNri } from '@sst-tricks/nri';
import { selectBackend } from '@sst-tricks/sst-core';
import {
  CheckpointError,
  RestartCandidateError,
  type RunIdentity,
  readMetricsLog,
  type TrainingEvent,
} from '@sst-tricks/training';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { trainNriHelp } from './help.js';
import { defaultWorkers, parseTrainNriArgs, type TrainNriArgs } from './parse-args.js';
import { trainProgress } from './progress.js';
import { applyResume } from './resume.js';
import { finalLine, metricsTable, rowsFromLog } from './table.js';

const NAME = 'sst train nri';

function describeCandidate(event: CandidateEvent, accept: number | null): string {
  if (event.type === 'candidate-start')
    return `restart candidate ${event.index + 1}/${event.candidates} (seed ${event.seed})`;
  if (event.type === 'candidate-end')
    return `candidate ${event.index + 1} (seed ${event.seed}): validation ELBO ${event.elbo.toFixed(1)}`;
  if (accept !== null && event.elbo >= accept)
    return `continuing seed ${event.seed} (validation ELBO ${event.elbo.toFixed(1)} ≥ ${accept})`;
  return `continuing seed ${event.seed} (best validation ELBO ${event.elbo.toFixed(1)})`;
}

/** Test hooks: clock, progress interval (default 500 ms on a terminal, else 15 s), TTY mode, and an abort signal. */
export interface TrainNriCliOptions {
  now?: () => number;
  progressIntervalMs?: number;
  tty?: boolean;
  signal?: AbortSignal;
}

export async function trainNriCommand(
  args: string[],
  io: CliIo,
  options: TrainNriCliOptions = {},
): Promise<number> {
  let parsed: TrainNriArgs;
  let steps: number | undefined;
  let skipFirst: boolean | undefined;
  try {
    parsed = parseTrainNriArgs(args);
    if (parsed.help) {
      io.stdout(`${trainNriHelp()}\n`);
      return 0;
    }
    if (parsed.resume) ({ steps, skipFirst } = applyResume(parsed));
    else steps = parsed.settings.steps;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${NAME}: ${error.message}\n`);
    return error.exitCode;
  }
  const s = parsed.settings;
  // Restart candidates train side by side (one worker thread each, single-threaded wasm), at
  // most one per core. The progress line follows the lowest-numbered running candidate. With an
  // acceptance threshold they train one after the other: the later ones are usually not needed.
  const concurrency =
    s.restarts > 1
      ? (parsed.restartConcurrency ??
        (s.restartAccept !== null ? 1 : Math.min(s.restarts, availableParallelism())))
      : 1;
  // A resumed run keeps its worker count (the checkpoint's) unless --workers is given. Candidates
  // training side by side already use the cores, so then each gets one (no oversubscription).
  const workers =
    parsed.workers ??
    (parsed.resume
      ? undefined
      : concurrency > 1
        ? 1
        : defaultWorkers(availableParallelism(), s.batch, s.decoderSlices));
  const backend = await selectBackend(parsed.backend);
  const tty = options.tty ?? process.stderr.isTTY === true;
  const progress = trainProgress(io.stderr, {
    tty,
    // A terminal line is rewritten in place; a log file (CI, nohup) gets a line every 15 s.
    intervalMs: options.progressIntervalMs ?? (tty ? 500 : 15_000),
    now: options.now ?? (() => performance.now()),
    prefix: `${NAME}: `,
  });
  io.stderr(
    `${NAME}: ${parsed.latent}, backend ${backend}, width ${s.hidden}, batch ${s.batch}, lr ${s.lr}, temperature ${s.temperature}, n = ${s.nodes}, T = ${s.frames}, prediction steps ${s.predictionSteps}, ${s.messageInit} message init, seed ${parsed.seed}, ${workers === undefined ? "the checkpoint's worker count" : `${workers} worker${workers === 1 ? '' : 's'}`} → ${parsed.out}\n`,
  );
  const running = new Set<number>();
  const onCandidate = (event: CandidateEvent) => {
    if (event.type === 'candidate-start') running.add(event.index);
    if (event.type === 'candidate-end') running.delete(event.index);
    progress.finish();
    io.stderr(`${NAME}: ${describeCandidate(event, s.restartAccept)}\n`);
  };
  const onEvent = (event: TrainingEvent, run?: RunIdentity) => {
    if (run === undefined || run.index === null || run.index === Math.min(...running))
      progress.onEvent(event);
  };
  // Ctrl-C: the loop stops after the current step and writes a checkpoint.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  options.signal?.addEventListener('abort', onSigint, { once: true });
  try {
    const { result } = await trainNri({
      latent: parsed.latent,
      nodes: s.nodes,
      frames: s.frames,
      hidden: s.hidden,
      temperature: s.temperature,
      predictionSteps: s.predictionSteps,
      tiedInit: s.messageInit === 'tied',
      skipFirst,
      decoderSlices: s.decoderSlices,
      workers,
      restarts:
        s.restarts > 1
          ? {
              candidates: s.restarts,
              steps: s.restartSteps,
              ...(s.restartAccept === null ? {} : { accept: s.restartAccept }),
            }
          : undefined,
      restartConcurrency: concurrency,
      onCandidate,
      learningRate: s.lr,
      batchSize: s.batch,
      steps,
      evalEvery: s.evalEvery,
      checkpointDirectory: parsed.out,
      checkpointEvery: s.checkpointEvery,
      resume: parsed.resume,
      seed: parsed.seed,
      signal: controller.signal,
      onEvent,
    });
    progress.finish();
    if (result.stopped) {
      io.stderr(
        `${NAME}: interrupted at step ${result.step}/${result.totalSteps}; checkpoint ${result.checkpoint} (continue with --resume)\n`,
      );
      return 130;
    }
    const rows = rowsFromLog(readMetricsLog(join(parsed.out, 'metrics.jsonl')));
    io.stdout(metricsTable(rows));
    io.stdout(finalLine(rows, parsed.latent));
    return 0;
  } catch (error) {
    progress.finish();
    // Checkpoint problems and refused options (e.g. a fresh run over existing checkpoints) are
    // the user's to fix: one line.
    if (
      error instanceof CheckpointError ||
      error instanceof RangeError ||
      error instanceof RestartCandidateError
    ) {
      io.stderr(`${NAME}: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('E')) {
      io.stderr(`${NAME}: cannot write ${parsed.out}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
    options.signal?.removeEventListener('abort', onSigint);
  }
}
