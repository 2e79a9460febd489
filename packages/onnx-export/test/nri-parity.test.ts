// NRI encoder export: onnxruntime-node and onnxruntime-web (wasm) against the tfjs model's own
// evaluation-mode forward on the same random trajectories, batch sizes 1, 3 and 8, every latent,
// batch norm folded and not; max abs difference ≤ 1e-4. Plus the export's errors.
import type { NriLatent } from '@sst-tricks/nri';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  decodeModel,
  exportNri,
  NRI_INPUT,
  NRI_OUTPUT,
  nriConfigFromMetadata,
  weightsFromVariables,
} from '../src/index.js';
import { nriEncoderLogits, runParity } from '../src/parity/index.js';
import { perturbedModel, SMALL, smallConfig } from './nri-helpers.js';

const LATENTS: NriLatent[] = ['spanning-tree', 'top-k', 'independent'];
const TOLERANCE = 1e-4;

describeEachBackend('NRI encoder parity', () => {
  for (const latent of LATENTS) {
    for (const foldBatchNorm of [true, false]) {
      it(`${latent}, batch norm ${foldBatchNorm ? 'folded' : 'as Mul/Add'}: ≤ 1e-4 in node and web`, async () => {
        const model = perturbedModel(latent);
        try {
          const { bytes } = exportNri(weightsFromVariables(model.variables), smallConfig(latent), {
            foldBatchNorm,
          });
          const before = tf.memory().numTensors;
          const results = await runParity({
            bytes,
            inputName: NRI_INPUT,
            outputName: NRI_OUTPUT,
            inputShape: (b) => [b, SMALL.frames, SMALL.nodes, SMALL.features],
            reference: (input, b) => nriEncoderLogits(model, input, b),
            batchSizes: [1, 3, 8],
            seed: 11,
            runtimes: ['node', 'web'],
          });
          expect(tf.memory().numTensors).toBe(before);
          expect(results).toHaveLength(6);
          const e = SMALL.nodes * (SMALL.nodes - 1);
          for (const r of results) {
            expect(r.outputDims).toEqual(
              latent === 'independent' ? [r.batch, e, 2] : [r.batch, e / 2],
            );
            expect(r.maxAbsReference).toBeGreaterThan(0.05); // not a trivially zero output
            expect(r.maxAbsDiff).toBeLessThanOrEqual(TOLERANCE);
          }
        } finally {
          model.dispose();
        }
      });
    }
  }
});

describe('NRI export', () => {
  it('folds every batch norm away (no Mul nodes) unless asked not to', () => {
    const model = perturbedModel('spanning-tree');
    try {
      const weights = weightsFromVariables(model.variables);
      const ops = (fold: boolean) =>
        (
          decodeModel(
            exportNri(weights, smallConfig('spanning-tree'), { foldBatchNorm: fold }).bytes,
            'm',
          ).graph?.node ?? []
        ).map((n) => n.opType);
      expect(ops(true).filter((o) => o === 'Mul')).toHaveLength(0);
      expect(ops(false).filter((o) => o === 'Mul')).toHaveLength(4);
    } finally {
      model.dispose();
    }
  });

  it('writes the structure and training configuration into the metadata', () => {
    const model = perturbedModel('top-k');
    try {
      const { metadata } = exportNri(weightsFromVariables(model.variables), smallConfig('top-k'), {
        training: { step: 3 },
      });
      expect(metadata.modelKind).toBe('nri');
      expect(metadata.structure).toEqual({ name: 'top-k', k: 4, items: 10, nodes: 5 });
      expect(metadata.training).toMatchObject({ ...SMALL, latent: 'top-k', step: 3 });
    } finally {
      model.dispose();
    }
  });

  it('names a missing or mis-shaped variable, and a checkpoint of another model', () => {
    const model = perturbedModel('spanning-tree');
    try {
      const weights = new Map(weightsFromVariables(model.variables));
      expect(() => exportNri(weights, { ...smallConfig('spanning-tree'), hidden: 8 })).toThrow(
        /variable 'encoder.mlp1.fc1.weights' has shape \[8, 16\], the model configuration needs \[8, 8\]/,
      );
      weights.delete('encoder.mlp3.bn.runningMean');
      expect(() => exportNri(weights, smallConfig('spanning-tree'))).toThrow(
        /variable 'encoder.mlp3.bn.runningMean' is missing/,
      );
    } finally {
      model.dispose();
    }
    expect(() => nriConfigFromMetadata({ model: 'listops' }, 'run/step-5.json')).toThrow(
      /run\/step-5.json is not an NRI checkpoint \(its metadata has model "listops", not "nri"\)/,
    );
    expect(() => nriConfigFromMetadata({ model: 'nri', latent: 'x', nodes: 5 }, 'c')).toThrow(
      /metadata latent must be one of/,
    );
  });
});
