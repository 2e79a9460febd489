// startAtPrior: the encoder's output layer starts at zero, so before any training every logit is 0
// for every input and the KL to the Gumbel(0) prior is exactly 0 (q(U | x) = p(U)); only that
// layer differs from a model built without it.
import { RandomGenerator } from '@sst-tricks/sst-core';
import { describeEachBackend } from '@sst-tricks/sst-core/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { type NriLatent, NriModel, nriBatch } from '../src/index.js';

const n = 5;
const t = 4;
const b = 3;

function batch(seed: number) {
  const g = new RandomGenerator(seed);
  const traj = Float32Array.from(g.uniforms(b * t * n * 2), (u) => 2 * u - 1);
  return nriBatch(traj, { count: b, frames: t, nodes: n, features: 2 });
}

describeEachBackend('startAtPrior', () => {
  const latents: NriLatent[] = ['spanning-tree', 'top-k', 'independent'];
  for (const latent of latents) {
    it(`${latent}: logits 0 and KL 0 at init, the rest of the weights as without it`, () => {
      const before = tf.memory().numTensors;
      const options = { nodes: n, frames: t, hidden: 8, latent, temperature: 0.5, seed: 4 };
      const prior = new NriModel({ ...options, startAtPrior: true });
      const drawn = new NriModel(options);
      const input = batch(7);
      tf.tidy(() => {
        const p = prior.forward(input, new RandomGenerator(1));
        const d = drawn.forward(input, new RandomGenerator(1));
        expect(Array.from(p.logits.dataSync()).every((v) => v === 0)).toBe(true);
        expect(p.kl.dataSync()[0]).toBeCloseTo(0, 6);
        // Without it the encoder starts away from the prior (the lock's seed, README).
        expect(d.kl.dataSync()[0]).toBeGreaterThan(1e-3);
        expect(new Set(d.logits.dataSync()).size).toBeGreaterThan(1);
      });
      for (const [name, variable] of Object.entries(drawn.variables)) {
        const same = name.startsWith('encoder.out.');
        const a = Array.from(variable.dataSync());
        const c = Array.from(prior.variables[name].dataSync());
        if (same) expect(c.every((v) => v === 0)).toBe(true);
        else expect(c).toEqual(a);
      }
      prior.dispose();
      drawn.dispose();
      tf.dispose([input.encoderInput, input.frames]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
