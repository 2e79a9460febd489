// D/restarts.json: the plan (base seed, candidates, steps, the run's total steps), then each
// candidate's metric and the chosen seed. Written atomically before the first candidate and after
// the last. One entry per candidate is `{ seed, <metric name>: value }` (NRI: `{ seed, elbo }`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import type { RestartPlan } from './plan.js';

export const RESTARTS_FILE = 'restarts.json';

/** A finished candidate: its seed and its value of the selection metric. */
export type CandidateRecord = { readonly seed: number } & Readonly<Record<string, number>>;

/** What D/restarts.json holds. */
export interface RestartSelection {
  readonly baseSeed: number;
  readonly restarts: RestartPlan;
  /** The run's total steps as first given (null if none). */
  readonly totalSteps: number | null;
  /** One entry per finished candidate, in order (candidate i has seed baseSeed + i). */
  readonly candidates: readonly CandidateRecord[];
  /** The kept seed, once every candidate has finished. */
  readonly chosen: number | null;
}

/**
 * D/restarts.json, checked (each candidate must carry a number under `metric`); null when there
 * is none. `where` names the caller in errors.
 */
export function readRestartSelection(
  directory: string,
  metric: string,
  where = 'readRestartSelection',
): RestartSelection | null {
  const file = join(directory, RESTARTS_FILE);
  if (!existsSync(file)) return null;
  let value: RestartSelection;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as RestartSelection;
  } catch (error) {
    throw new RangeError(`${where}: ${file} is not valid JSON (${(error as Error).message})`);
  }
  const { baseSeed, restarts, candidates, chosen } = value ?? {};
  const valid =
    Number.isSafeInteger(baseSeed) &&
    Number.isInteger(restarts?.candidates) &&
    Number.isInteger(restarts?.steps) &&
    (restarts?.accept === undefined || Number.isFinite(restarts.accept)) &&
    Array.isArray(candidates) &&
    candidates.every(
      (c, i) =>
        c?.seed === baseSeed + i && typeof c[metric] === 'number' && !Number.isNaN(c[metric]),
    ) &&
    (chosen === null || candidates.some((c) => c.seed === chosen));
  if (!valid) {
    throw new RangeError(
      `${where}: ${file} does not hold a valid restart selection by ${JSON.stringify(metric)}`,
    );
  }
  return value;
}

export function writeRestartSelection(directory: string, selection: RestartSelection): void {
  writeFileAtomic(join(directory, RESTARTS_FILE), `${JSON.stringify(selection, null, 2)}\n`);
}

/** Candidate i's run directory. */
export function candidateDirectory(directory: string, index: number): string {
  return join(directory, `restart-${index}`);
}
