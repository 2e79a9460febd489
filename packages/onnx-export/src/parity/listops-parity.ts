// ListOps parity: seeded random token batches (several lengths in one batch, padding id past
// each length) through the tfjs model's arc scores and through the exported file in
// onnxruntime-node and/or onnxruntime-web; the largest absolute difference of each run.

import type { ListOpsModel } from '@sst-tricks/listops-parser';
import { PAD_ID, VOCABULARY } from '@sst-tricks/listops-parser';
import { RandomGenerator } from '@sst-tricks/sst-core';
import {
  LISTOPS_LENGTHS_INPUT,
  LISTOPS_OUTPUT,
  LISTOPS_PADDED_SCORE,
  LISTOPS_TOKENS_INPUT,
} from '../listops/arc-scorer-graph.js';
import { listOpsArcScores } from './listops-reference.js';
import { compareOutputs, type ParityResult } from './parity-runner.js';
import type { Runtime } from './runtime.js';
import { openSession } from './runtime.js';

export interface ListOpsTokens {
  /** [batch, n] row-major. */
  ids: Int32Array;
  /** [batch]; item 0 is always n long, the others uniform in 2..n. */
  lengths: Int32Array;
}

/** Random non-padding tokens up to each length, PAD_ID after (as encodeBatch pads). */
export function randomListOpsTokens(
  generator: RandomGenerator,
  batch: number,
  n: number,
): ListOpsTokens {
  const u = generator.uniforms(batch * (n + 1));
  const lengths = Int32Array.from({ length: batch }, (_, b) =>
    b === 0 ? n : 2 + Math.min(n - 2, Math.floor(u[batch * n + b] * (n - 1))),
  );
  const ids = new Int32Array(batch * n).fill(PAD_ID);
  const tokens = VOCABULARY.length - 1;
  for (let b = 0; b < batch; b++)
    for (let t = 0; t < lengths[b]; t++)
      ids[b * n + t] = 1 + Math.min(tokens - 1, Math.floor(u[b * n + t] * tokens));
  return { ids, lengths };
}

export interface ListOpsParityOptions {
  bytes: Uint8Array;
  model: ListOpsModel;
  /** [batch, n] pairs. */
  shapes: ReadonlyArray<readonly [number, number]>;
  seed: number;
  /** Default ['node']. */
  runtimes?: readonly Runtime[];
}

export async function runListOpsParity(options: ListOpsParityOptions): Promise<ParityResult[]> {
  const generator = new RandomGenerator(options.seed);
  const runtimes = options.runtimes ?? ['node'];
  const sessions = await Promise.all(runtimes.map((r) => openSession(r, options.bytes)));
  const results: ParityResult[] = [];
  try {
    for (const [batch, n] of options.shapes) {
      const { ids, lengths } = randomListOpsTokens(generator, batch, n);
      const expected = listOpsArcScores(options.model, ids, lengths);
      for (const [k, session] of sessions.entries()) {
        const out = await session.run({
          [LISTOPS_TOKENS_INPUT]: { data: ids, dims: [batch, n] },
          [LISTOPS_LENGTHS_INPUT]: { data: lengths, dims: [batch] },
        });
        const actual = out[LISTOPS_OUTPUT];
        if (actual === undefined || actual.data.length !== expected.length)
          throw new RangeError(
            `runListOpsParity: output '${LISTOPS_OUTPUT}' has ${actual?.data.length ?? 'no'} values, the reference ${expected.length}`,
          );
        // Scale of the real scores only (the padded constant would dominate).
        const { maxAbsDiff, maxAbsReference } = compareOutputs(
          actual.data,
          expected,
          (v) => v !== LISTOPS_PADDED_SCORE,
        );
        results.push({
          runtime: runtimes[k],
          batch,
          outputDims: actual.dims,
          maxAbsDiff,
          maxAbsReference,
        });
      }
    }
  } finally {
    await Promise.all(sessions.map((s) => s.release()));
  }
  return results;
}
