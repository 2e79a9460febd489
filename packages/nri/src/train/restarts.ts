// Random restarts chosen by validation ELBO. Some initialisations lock onto far-apart pairs
// instead of the true graph (package README, "What mattered"); by a few hundred steps such a run
// has a clearly worse validation ELBO (≈ −2350 against −1430…−1870 at step 500 in our runs), and
// the ELBO needs no labels. So: train `candidates` initialisations (seeds seed, seed + 1, …) for
// `steps` steps each, keep the one with the best ELBO and continue it to the full step count.
//
// Layout of the run directory D:
//   D/restart-<i>/      candidate i's checkpoints and metrics log (resumable like any run)
//   D/restarts.json     the candidates' seeds and ELBOs and the chosen seed (written atomically)
//   D/                  the continued run: it starts from the winner's last checkpoint, with the
//                       winner's metrics log copied in, so D's log covers every step
// An interrupted selection resumes: finished candidates are not retrained, an interrupted one
// continues from its last checkpoint, and a chosen winner is kept.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { latestCheckpoint, readMetricsLog } from '@sst-tricks/training';
import type { TrainNriOptions, TrainNriResult } from './train-nri.js';

export interface RestartOptions {
  /** How many initialisations to try (1 = no restarts). */
  candidates: number;
  /** Steps each candidate trains before the choice (counted in the run's total). */
  steps: number;
}

export type CandidateEvent =
  | { type: 'candidate-start'; index: number; seed: number; candidates: number }
  | { type: 'candidate-end'; index: number; seed: number; elbo: number }
  | { type: 'chosen'; seed: number; elbo: number };

interface Selection {
  candidates: { seed: number; elbo: number }[];
  chosen: number;
}

/** Candidate i of a selection lives in D/restart-<i>. */
function candidateIndex(selection: Selection, seed: number): number {
  return selection.candidates.findIndex((c) => c.seed === seed);
}

const SELECTION = 'restarts.json';

function lastElbo(directory: string): number {
  const evals = readMetricsLog(join(directory, 'metrics.jsonl')).filter((r) => r.kind === 'eval');
  const elbo = evals.at(-1)?.metrics.elbo;
  if (typeof elbo !== 'number') throw new RangeError(`trainNri: no evaluation in ${directory}`);
  return elbo;
}

export async function trainWithRestarts(
  options: TrainNriOptions,
  restarts: RestartOptions,
  trainOnce: (options: TrainNriOptions) => Promise<TrainNriResult>,
): Promise<TrainNriResult> {
  const { candidates, steps } = restarts;
  const directory = options.checkpointDirectory;
  if (!Number.isInteger(candidates) || candidates < 1) {
    throw new RangeError(`trainNri: restarts.candidates must be an integer ≥ 1, got ${candidates}`);
  }
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`trainNri: restarts.steps must be an integer ≥ 1, got ${steps}`);
  }
  if (directory === undefined) {
    throw new RangeError('trainNri: restarts need a checkpointDirectory');
  }
  if (options.steps !== undefined && options.steps <= steps) {
    throw new RangeError(
      `trainNri: steps must exceed restarts.steps (${steps}), got ${options.steps}`,
    );
  }
  const selectionFile = join(directory, SELECTION);
  const started = existsSync(selectionFile) || existsSync(join(directory, 'restart-0'));
  if (started && !options.resume) {
    throw new RangeError(
      `trainNri: ${directory} already holds a restart selection; resume it or use a new directory`,
    );
  }
  const seed = options.seed ?? 0;
  let selection: Selection;
  if (existsSync(selectionFile)) {
    selection = JSON.parse(readFileSync(selectionFile, 'utf8')) as Selection;
  } else {
    mkdirSync(directory, { recursive: true });
    const tried: Selection['candidates'] = [];
    for (let index = 0; index < candidates; index++) {
      const candidateSeed = seed + index;
      const candidateDir = join(directory, `restart-${index}`);
      options.onCandidate?.({ type: 'candidate-start', index, seed: candidateSeed, candidates });
      const run = await trainOnce({
        ...options,
        seed: candidateSeed,
        steps,
        evalEvery: Math.min(options.evalEvery ?? steps, steps),
        checkpointDirectory: candidateDir,
        resume: true,
      });
      // Aborted (Ctrl-C): the candidate has its checkpoint; a resume continues the selection.
      if (run.result.stopped) return run;
      const elbo = lastElbo(candidateDir);
      tried.push({ seed: candidateSeed, elbo });
      options.onCandidate?.({ type: 'candidate-end', index, seed: candidateSeed, elbo });
    }
    const best = tried.reduce((a, b) => (b.elbo > a.elbo ? b : a));
    selection = { candidates: tried, chosen: best.seed };
    const temporary = `${selectionFile}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(selection, null, 2)}\n`);
    renameSync(temporary, selectionFile);
  }
  const chosen = selection.candidates.find((c) => c.seed === selection.chosen);
  options.onCandidate?.({ type: 'chosen', seed: selection.chosen, elbo: chosen?.elbo ?? NaN });
  // The continued run: from D's own checkpoint if it has one, else from the winner's last.
  let resume: boolean | string = true;
  if (latestCheckpoint(directory) === null) {
    const winnerDir = join(directory, `restart-${candidateIndex(selection, selection.chosen)}`);
    const winner = latestCheckpoint(winnerDir);
    if (winner === null) throw new RangeError(`trainNri: no checkpoint in ${winnerDir}`);
    copyFileSync(join(winnerDir, 'metrics.jsonl'), join(directory, 'metrics.jsonl'));
    resume = winner;
  }
  return trainOnce({ ...options, seed: selection.chosen, resume });
}
