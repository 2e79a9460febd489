// Random restarts chosen by validation ELBO. Some initialisations lock onto far-apart pairs
// instead of the true graph (package README, "What mattered"); by a few hundred steps such a run
// has a clearly worse validation ELBO (≈ −2350 against −1430…−1870 at step 500 in our runs), and
// the ELBO needs no labels. So: train `candidates` seeds (base, base + 1, …: weights, noise and
// data streams) for `steps` steps each, keep the one with the best ELBO and continue it to the
// full step count. Each candidate is scored on its own seed's validation set; the gap this is
// for (≈ 500 nats per node) is far above the differences between validation sets.
//
// Layout of the run directory D:
//   D/restarts.json     the plan (base seed, candidates, steps), then the candidates' ELBOs and
//                       the chosen seed; written atomically before the first candidate and after
//                       the last
//   D/restart-<i>/      candidate i's checkpoints and metrics log (resumable like any run)
//   D/                  the continued run: it starts from the winner's last checkpoint, with the
//                       winner's metrics log copied in, so D's log covers every step
// A resume finishes what was interrupted: an unfinished candidate continues from its last
// checkpoint, a finished one is not retrained, a made choice is kept.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestCheckpoint, readMetricsLog, writeFileAtomic } from '@sst-tricks/training';
import type { TrainNriOptions, TrainNriResult } from './train-nri.js';

export interface RestartOptions {
  /** How many seeds to try (1 = no restarts). */
  candidates: number;
  /** Steps each candidate trains before the choice (counted in the run's total). */
  steps: number;
}

export type CandidateEvent =
  | { type: 'candidate-start'; index: number; seed: number; candidates: number }
  | { type: 'candidate-end'; index: number; seed: number; elbo: number }
  | { type: 'chosen'; seed: number; elbo: number };

/** What D/restarts.json holds. */
export interface RestartSelection {
  baseSeed: number;
  restarts: RestartOptions;
  /** The run's total steps as first given (null if none). */
  totalSteps: number | null;
  /** One entry per finished candidate, in order (candidate i has seed baseSeed + i). */
  candidates: { seed: number; elbo: number }[];
  /** The kept seed, once every candidate has finished. */
  chosen: number | null;
}

export const RESTARTS_FILE = 'restarts.json';

/** D/restarts.json, checked; null when there is none. */
export function readRestartSelection(directory: string): RestartSelection | null {
  const file = join(directory, RESTARTS_FILE);
  if (!existsSync(file)) return null;
  let value: RestartSelection;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as RestartSelection;
  } catch (error) {
    throw new RangeError(`trainNri: ${file} is not valid JSON (${(error as Error).message})`);
  }
  const { baseSeed, restarts, candidates, chosen } = value ?? {};
  const valid =
    Number.isSafeInteger(baseSeed) &&
    Number.isInteger(restarts?.candidates) &&
    Number.isInteger(restarts?.steps) &&
    Array.isArray(candidates) &&
    candidates.every(
      (c, i) => c?.seed === baseSeed + i && typeof c.elbo === 'number' && !Number.isNaN(c.elbo),
    ) &&
    (chosen === null || candidates.some((c) => c.seed === chosen));
  if (!valid) throw new RangeError(`trainNri: ${file} does not hold a valid restart selection`);
  return value;
}

function write(directory: string, selection: RestartSelection): void {
  writeFileAtomic(join(directory, RESTARTS_FILE), `${JSON.stringify(selection, null, 2)}\n`);
}

function lastElbo(directory: string): number {
  const evals = readMetricsLog(join(directory, 'metrics.jsonl')).filter((r) => r.kind === 'eval');
  const elbo = evals.at(-1)?.metrics.elbo;
  if (typeof elbo !== 'number') throw new RangeError(`trainNri: no evaluation in ${directory}`);
  return elbo;
}

export function checkRestartOptions(restarts: RestartOptions): void {
  const { candidates, steps } = restarts;
  if (!Number.isInteger(candidates) || candidates < 1) {
    throw new RangeError(`trainNri: restarts.candidates must be an integer ≥ 1, got ${candidates}`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`trainNri: restarts.steps must be an integer ≥ 1, got ${steps}`);
  }
}

export async function trainWithRestarts(
  options: TrainNriOptions,
  restarts: RestartOptions,
  trainOnce: (options: TrainNriOptions) => Promise<TrainNriResult>,
): Promise<TrainNriResult> {
  checkRestartOptions(restarts);
  const directory = options.checkpointDirectory;
  if (directory === undefined) {
    throw new RangeError('trainNri: restarts need a checkpointDirectory');
  }
  if (options.steps !== undefined && options.steps <= restarts.steps) {
    throw new RangeError(
      `trainNri: steps must exceed restarts.steps (${restarts.steps}), got ${options.steps}`,
    );
  }
  const baseSeed = options.seed ?? 0;
  let selection = readRestartSelection(directory);
  const started =
    selection !== null ||
    existsSync(join(directory, 'restart-0')) ||
    latestCheckpoint(directory) !== null;
  if (started && options.resume !== true) {
    throw new RangeError(
      `trainNri: ${directory} already holds a run; resume it (resume: true) or use a new directory`,
    );
  }
  if (selection !== null && selection.baseSeed !== baseSeed) {
    throw new RangeError(
      `trainNri: seed ${baseSeed} differs from the restart selection's base seed ${selection.baseSeed} in ${directory}`,
    );
  }
  if (selection === null) {
    mkdirSync(directory, { recursive: true });
    selection = {
      baseSeed,
      restarts,
      totalSteps: options.steps ?? null,
      candidates: [],
      chosen: null,
    };
    write(directory, selection);
  }
  const plan = selection.restarts;
  if (selection.chosen === null) {
    const tried: RestartSelection['candidates'] = [];
    for (let index = 0; index < plan.candidates; index++) {
      const seed = baseSeed + index;
      const candidateDir = join(directory, `restart-${index}`);
      options.onCandidate?.({ type: 'candidate-start', index, seed, candidates: plan.candidates });
      const run = await trainOnce({
        ...options,
        seed,
        steps: plan.steps,
        evalEvery: Math.min(options.evalEvery ?? plan.steps, plan.steps),
        checkpointDirectory: candidateDir,
        resume: true,
      });
      // Aborted (Ctrl-C): the candidate has its checkpoint; a resume continues the selection.
      if (run.result.stopped) return run;
      run.model.dispose();
      const elbo = lastElbo(candidateDir);
      tried.push({ seed, elbo });
      options.onCandidate?.({ type: 'candidate-end', index, seed, elbo });
    }
    const best = tried.reduce((a, b) => (b.elbo > a.elbo ? b : a));
    selection = { ...selection, candidates: tried, chosen: best.seed };
    write(directory, selection);
  }
  const chosen = selection.chosen as number;
  const elbo = selection.candidates.find((c) => c.seed === chosen)?.elbo ?? Number.NaN;
  options.onCandidate?.({ type: 'chosen', seed: chosen, elbo });
  // The continued run: from D's own checkpoint if it has one, else from the winner's last.
  let resume: boolean | string = true;
  if (latestCheckpoint(directory) === null) {
    if (options.steps === undefined) {
      throw new RangeError('trainNri: steps is required to continue the chosen restart candidate');
    }
    const winnerDir = join(directory, `restart-${chosen - baseSeed}`);
    const winner = latestCheckpoint(winnerDir);
    if (winner === null) throw new RangeError(`trainNri: no checkpoint in ${winnerDir}`);
    copyFileSync(join(winnerDir, 'metrics.jsonl'), join(directory, 'metrics.jsonl'));
    resume = winner;
  }
  return trainOnce({ ...options, seed: chosen, resume });
}
