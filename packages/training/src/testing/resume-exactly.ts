// The resumed-run check the data-parallel models share: a run of 2N steps with W workers against
// N steps, a refused resume with 1 worker, and a resume (worker count taken from the checkpoint)
// to 2N: the same step, loss, evaluations and variables bit for bit; and the W-worker run learns
// what one process does (loss to 1e-3 relative).
import { join } from 'node:path';
import { expect } from 'vitest';

interface TrainedRun {
  readonly result: {
    readonly step: number;
    readonly loss?: number | null;
    readonly evaluations: unknown;
  };
  readonly model: {
    readonly variables: Readonly<Record<string, { dataSync(): ArrayBufferView }>>;
    dispose(): void;
  };
}

/** The options this check sets; the rest come from `base`. */
export interface ResumeOptions {
  steps: number;
  checkpointDirectory?: string;
  resume?: boolean;
  workers?: number;
}

/** The raw bytes of a typed array, for bit-for-bit comparison. */
export function tensorBytes(values: ArrayBufferView): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * Runs the check with `train` (the model's training function) under `root` (subdirectories `a`:
 * the uninterrupted run, `b`: the interrupted one); `base` must set `workers`.
 */
export async function expectResumeMatchesUninterrupted<O>(
  train: (options: O & ResumeOptions) => Promise<TrainedRun>,
  base: O,
  root: string,
  n: number,
): Promise<void> {
  const whole = await train({ ...base, steps: 2 * n, checkpointDirectory: join(root, 'a') });
  const dir = join(root, 'b');
  const first = await train({ ...base, steps: n, checkpointDirectory: dir });
  first.model.dispose();
  // The count is recorded with the run; a resume with another one is refused.
  await expect(
    train({ ...base, steps: 2 * n, checkpointDirectory: dir, resume: true, workers: 1 }),
  ).rejects.toThrow(/workers 1 differs from the 2 worker/);
  const resumed = await train({
    ...base,
    workers: undefined, // taken from the checkpoint
    steps: 2 * n,
    checkpointDirectory: dir,
    resume: true,
  });
  expect(resumed.result.step).toBe(2 * n);
  expect(resumed.result.loss).toBe(whole.result.loss);
  expect(resumed.result.evaluations).toEqual(whole.result.evaluations);
  for (const [name, v] of Object.entries(whole.model.variables)) {
    expect(
      tensorBytes(resumed.model.variables[name].dataSync()).equals(tensorBytes(v.dataSync())),
      name,
    ).toBe(true);
  }
  // And it learnt what a single process does, to float rounding.
  const single = await train({ ...base, workers: 1, steps: 2 * n });
  const loss = whole.result.loss as number;
  expect(Math.abs((single.result.loss as number) - loss) / loss).toBeLessThan(1e-3);
  for (const r of [whole, resumed, single]) r.model.dispose();
}
