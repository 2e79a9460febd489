// ListOps arc-scorer export: onnxruntime-node and onnxruntime-web (wasm) against the tfjs model's
// own arc scores (`ListOpsModel.scores`, what its latent reads) on seeded random token batches of
// several sizes, with several lengths in one batch; unidirectional and bidirectional LSTMs; max
// abs difference ≤ 1e-4. Plus the laws of padding and the export's errors.
import { ListOpsModel } from '@sst-tricks/listops-parser';
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  decodeModel,
  exportListOps,
  LISTOPS_LENGTHS_INPUT,
  LISTOPS_OUTPUT,
  LISTOPS_PADDED_SCORE,
  LISTOPS_TOKENS_INPUT,
  listOpsConfigFromMetadata,
  weightsFromVariables,
} from '../src/index.js';
import { openSession, randomListOpsTokens, runListOpsParity } from '../src/parity/index.js';

const TOLERANCE = 1e-4;
const WIDTHS = { embedding: 8, hidden: 6, width: 8, rounds: 2 } as const;

function smallModel(bidirectional: boolean, seed = 3): ListOpsModel {
  return new ListOpsModel({ latent: 'arborescence', ...WIDTHS, bidirectional, seed });
}

const config = (bidirectional: boolean) => ({
  latent: 'arborescence' as const,
  embedding: WIDTHS.embedding,
  hidden: WIDTHS.hidden,
  bidirectional,
});

describeEachBackend('ListOps arc scorer parity', () => {
  for (const bidirectional of [false, true]) {
    it(`${bidirectional ? 'bidirectional' : 'unidirectional'} LSTMs: ≤ 1e-4 in node and web`, async () => {
      const model = smallModel(bidirectional);
      try {
        const { bytes } = exportListOps(
          weightsFromVariables(model.variables),
          config(bidirectional),
        );
        const before = tf.memory().numTensors;
        const shapes = [
          [1, 2],
          [3, 7],
          [8, 13],
          [5, 30],
        ] as const;
        const results = await runListOpsParity({
          bytes,
          model,
          shapes,
          seed: 21,
          runtimes: ['node', 'web'],
        });
        expect(tf.memory().numTensors).toBe(before);
        expect(results).toHaveLength(8);
        for (const [i, r] of results.entries()) {
          const [batch, n] = shapes[Math.floor(i / 2)];
          expect(r.outputDims).toEqual([batch, n, n]);
          expect(r.maxAbsReference).toBeGreaterThan(0.01); // not a trivially zero output
          expect(r.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
        }
      } finally {
        model.dispose();
      }
    });
  }
});

describe('ListOps arc scorer export', () => {
  it('padded positions: ids there do not matter, their scores are the padded constant, and an item scores the same alone', async () => {
    const model = smallModel(true);
    try {
      const { bytes } = exportListOps(weightsFromVariables(model.variables), config(true));
      const session = await openSession('node', bytes);
      try {
        const n = 9;
        const { ids, lengths } = randomListOpsTokens(new RandomGenerator(4), 4, n);
        const run = async (x: Int32Array, l: Int32Array, steps: number) =>
          (
            await session.run({
              [LISTOPS_TOKENS_INPUT]: { data: x, dims: [l.length, steps] },
              [LISTOPS_LENGTHS_INPUT]: { data: l, dims: [l.length] },
            })
          )[LISTOPS_OUTPUT].data;
        const padded = await run(ids, lengths, n);
        const junk = Int32Array.from(ids, (id, i) =>
          i % n >= lengths[Math.floor(i / n)] ? 1 + (i % 17) : id,
        );
        expect(Array.from(await run(junk, lengths, n))).toEqual(Array.from(padded));
        const b = 1 + lengths.slice(1).findIndex((l) => l < n);
        expect(b).toBeGreaterThan(0);
        const len = lengths[b];
        for (let h = 0; h < n; h++)
          for (let c = 0; c < n; c++) {
            const v = padded[(b * n + h) * n + c];
            if (h >= len || c >= len) expect(v).toBe(LISTOPS_PADDED_SCORE);
            else expect(Math.abs(v)).toBeLessThan(1e3);
          }
        // The same item alone, unpadded: the real block is unchanged (to float rounding).
        const alone = await run(ids.slice(b * n, b * n + len), Int32Array.of(len), len);
        for (let h = 0; h < len; h++)
          for (let c = 0; c < len; c++)
            expect(Math.abs(alone[h * len + c] - padded[(b * n + h) * n + c])).toBeLessThan(1e-5);
      } finally {
        await session.release();
      }
    } finally {
      model.dispose();
    }
  });

  it('declares int32 token ids and lengths with symbolic batch and length, and the arborescence structure', () => {
    const model = smallModel(false);
    try {
      const { bytes, metadata } = exportListOps(
        weightsFromVariables(model.variables),
        config(false),
        {
          training: { step: 2 },
        },
      );
      const graph = decodeModel(bytes, 'm').graph;
      const dims = (v: {
        type?: {
          tensorType?: {
            shape?: { dim?: Array<{ dimParam?: string | null }> | null } | null;
          } | null;
        } | null;
      }) => (v.type?.tensorType?.shape?.dim ?? []).map((d) => d.dimParam);
      expect(graph?.input?.map((i) => [i.name, i.type?.tensorType?.elemType, dims(i)])).toEqual([
        [LISTOPS_TOKENS_INPUT, 6, ['batch', 'length']],
        [LISTOPS_LENGTHS_INPUT, 6, ['batch']],
      ]);
      expect(graph?.output?.map((o) => [o.name, dims(o)])).toEqual([
        [LISTOPS_OUTPUT, ['batch', 'length', 'length']],
      ]);
      expect(graph?.node?.filter((n) => n.opType === 'LSTM')).toHaveLength(2);
      expect(metadata.modelKind).toBe('listops');
      expect(metadata.structure).toEqual({
        name: 'arborescence',
        root: 0,
        rootMode: 'multi',
        lengthsInput: LISTOPS_LENGTHS_INPUT,
      });
      expect(metadata.training).toMatchObject({ ...config(false), step: 2 });
    } finally {
      model.dispose();
    }
  });

  it('names a missing or mis-shaped variable, another latent, and a checkpoint of another model', () => {
    const model = smallModel(false);
    try {
      const weights = new Map(weightsFromVariables(model.variables));
      expect(() => exportListOps(weights, { ...config(false), hidden: 5 })).toThrow(
        /variable 'arcs.head.forward.weightsInput' has shape \[8, 24\], the model configuration needs \[8, 20\]/,
      );
      expect(() => exportListOps(weights, { ...config(false), latent: 'top-k' })).toThrow(
        /only the arborescence latent is exported .*latent is top-k/,
      );
      expect(() => exportListOps(weights, { ...config(false), latent: 'lstm' })).toThrow(
        /the lstm baseline has no arc scorer/,
      );
      weights.delete('arcs.bilinear');
      expect(() => exportListOps(weights, config(false))).toThrow(
        /variable 'arcs.bilinear' is missing/,
      );
    } finally {
      model.dispose();
    }
    expect(() =>
      listOpsConfigFromMetadata({ model: 'nri', latent: 'top-k' }, 'run/step-5.json'),
    ).toThrow(
      /run\/step-5.json is not a ListOps checkpoint \(its metadata has model "nri", not "listops-parser"\)/,
    );
    expect(() =>
      listOpsConfigFromMetadata({ model: 'listops-parser', latent: 'arborescence' }, 'c'),
    ).toThrow(/c: metadata.embedding must be an integer ≥ 1/);
  });
});
