// A small NRI model whose batch norms have non-trivial running statistics (a fresh model's are
// mean 0, variance 1, γ 1, β 0, which would hide a wrong fold), and its export configuration.
import type { NriLatent } from '@sst-tricks/nri';
import { NriModel } from '@sst-tricks/nri';
import { RandomGenerator } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import type { NriExportConfig } from '../src/index.js';

export const SMALL = { nodes: 5, frames: 4, features: 2, hidden: 16 } as const;

export function smallConfig(latent: NriLatent): NriExportConfig {
  return { ...SMALL, latent };
}

export function perturbedModel(latent: NriLatent, seed = 7): NriModel {
  const model = new NriModel({ ...SMALL, latent, temperature: 0.5, seed });
  const generator = new RandomGenerator(seed + 1000);
  for (const [name, variable] of Object.entries(model.variables)) {
    if (!name.startsWith('encoder.') || !name.includes('.bn.')) continue;
    const u = generator.uniforms(variable.size);
    const values = Float32Array.from(u, (v) =>
      name.endsWith('runningVariance')
        ? 0.3 + 1.7 * v
        : name.endsWith('gamma')
          ? 0.7 + 0.6 * v
          : name.endsWith('runningMean')
            ? 0.8 * (v - 0.5)
            : 0.4 * (v - 0.5),
    );
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
  }
  return model;
}
