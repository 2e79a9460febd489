// `sst infer L2X.onnx --input FILE`: the exported explainer in onnxruntime-node on each review's
// token ids, then the selection its metadata names (top-k, or the correlated chain argmax: the
// solvers `sst explain` / `sst eval l2x` run), printing the selected word indices and words.
// Padding decides the logits (the convolutions and the global max-pool see the padded
// positions), so it is explicit: --pad max-length (default) pads/truncates every review to the
// training length, as training and `sst eval l2x` do; --pad review runs each review at its own
// length (at least max(k, 2)), as `sst explain` does.
import { PAD_ID, Vocabulary } from '@sst-tricks/l2x';
import type { HardStructure } from '@sst-tricks/onnx-export';
import { applyStructure, OnnxExportError } from '@sst-tricks/onnx-export';
import { openL2xSession } from '@sst-tricks/onnx-export/parity';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import type { L2xReview } from './l2x-inputs.js';
import { readL2xInputs } from './l2x-inputs.js';
import type { L2xModelFile } from './l2x-model-file.js';

export const L2X_PADDINGS = ['max-length', 'review'] as const;
export type L2xPadding = (typeof L2X_PADDINGS)[number];

export interface InferL2xOptions {
  inputPath: string;
  /** Reviews per run (and print the throughput); default all in one run per length. */
  batchSize?: number;
  padding: L2xPadding;
  scores: boolean;
}

interface Encoded {
  ids: number[];
  tokens?: string[];
  /** The padded length the review runs at. */
  length: number;
}

function encode(
  reviews: readonly L2xReview[],
  model: L2xModelFile,
  padding: L2xPadding,
): Encoded[] {
  const words = model.metadata.vocabulary;
  const vocabulary = words === undefined ? undefined : new Vocabulary(words);
  return reviews.map((r) => {
    let ids: number[];
    if ('ids' in r) ids = r.ids;
    else if (vocabulary === undefined)
      throw new CliError(
        `${model.path} has no vocabulary in its metadata: give token ids ({"token_ids": [[…], …]})`,
      );
    else ids = r.tokens.map((t) => vocabulary.id(t));
    const length = padding === 'max-length' ? model.maxLength : Math.max(ids.length, model.k, 2);
    return { ids: ids.slice(0, length), tokens: 'tokens' in r ? r.tokens : undefined, length };
  });
}

export async function inferL2x(
  model: L2xModelFile,
  options: InferL2xOptions,
  io: CliIo,
  name: string,
): Promise<void> {
  const { reviews } = readL2xInputs(options.inputPath, model.vocabularySize);
  const encoded = encode(reviews, model, options.padding);
  const words = model.metadata.vocabulary;
  const { structure } = model.metadata;
  const session = await openL2xSession('node', model.bytes);
  const results: Record<string, unknown>[] = new Array(encoded.length);
  const chunk = options.batchSize ?? encoded.length;
  let runs = 0;
  const started = performance.now();
  try {
    for (let start = 0; start < encoded.length; start += chunk) {
      const indices = Array.from(
        { length: Math.min(chunk, encoded.length - start) },
        (_, i) => start + i,
      );
      // One run per padded length in the chunk (one length with --pad max-length).
      const byLength = new Map<number, number[]>();
      for (const i of indices)
        byLength.set(encoded[i].length, [...(byLength.get(encoded[i].length) ?? []), i]);
      for (const [length, group] of byLength) {
        const ids = new Int32Array(group.length * length).fill(PAD_ID);
        group.forEach((r, row) => {
          ids.set(encoded[r].ids, row * length);
        });
        const out = await session.run(ids, group.length, length);
        runs++;
        let hard: HardStructure[];
        try {
          hard = applyStructure(structure, out.word, { items: length, pair: out.pair });
        } catch (error) {
          if (error instanceof OnnxExportError)
            throw new CliError(`${model.path}: ${error.message}`, 1);
          throw error;
        }
        group.forEach((r, row) => {
          const e = encoded[r];
          const h = hard[row];
          // Only the review's own words (a review shorter than k also "selects" padding).
          const selected = ('selected' in h ? h.selected : []).filter((i) => i < e.ids.length);
          const item: Record<string, unknown> = { selected };
          if (e.tokens !== undefined) item.words = selected.map((i) => e.tokens?.[i]);
          else if (words !== undefined) item.words = selected.map((i) => words[e.ids[i]]);
          if (options.scores) {
            item.scores = Array.from(out.word.subarray(row * length, row * length + e.ids.length));
            if (out.pair !== undefined)
              item.pair_scores = Array.from(
                out.pair.subarray(row * (length - 1), row * (length - 1) + e.ids.length - 1),
              );
          }
          results[r] = item;
        });
      }
    }
  } finally {
    await session.release();
  }
  const seconds = (performance.now() - started) / 1000;
  if (options.batchSize !== undefined)
    io.stderr(
      `${name}: ${encoded.length} reviews in ${runs} runs of ≤ ${chunk}: ${seconds.toFixed(3)} s, ${(encoded.length / seconds).toFixed(0)} reviews/s (onnxruntime-node + ${structure.name} solver, --pad ${options.padding})\n`,
    );
  const m = model.metadata;
  io.stdout(
    `${JSON.stringify({
      model: { kind: m.modelKind, latent: m.latent, structure, aspect: m.training.aspect },
      padding: options.padding,
      count: encoded.length,
      results,
    })}\n`,
  );
}
