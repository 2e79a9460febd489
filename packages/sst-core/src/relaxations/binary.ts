// Independent binary variables (m bits per item): sign of U (hard) and sigmoid(U / t) (the binary
// entropy relaxation, i.e. the binary Concrete). Noise for these is logistic, not Gumbel.
import { binaryArgmax, binaryMarginals, binaryVjp } from '@sst-tricks/sst-solvers';
import type * as tf from '@tensorflow/tfjs-core';
import { checkOptionsObject, checkTemperature } from './options.js';
import type { Structure } from './structure.js';
import { runHard, runRelaxed } from './structure.js';

export interface RelaxedBinaryOptions {
  /** > 0; the relaxation is σ(U / temperature). */
  temperature: number;
}

/** The relaxation's options minus temperature: none. */
export type HardBinaryOptions = Omit<RelaxedBinaryOptions, 'temperature'>;

interface Resolved {
  temperature: number;
}

export const binary: Structure<Resolved> = {
  relaxedName: 'relaxedBinary',
  hardName: 'hardBinary',
  operands: ['utilities'],
  square: false,
  resolve(op, options, relaxed) {
    const opts = checkOptionsObject(op, options, relaxed);
    return { temperature: relaxed ? checkTemperature(op, opts.temperature) : 1 };
  },
  sizes: (_op, _o, m) => [{ size: m, label: 'm' }],
  hard: ([u]) => [binaryArgmax(u)],
  relax([u], o, [m]) {
    const opts = { temperature: o.temperature };
    return {
      outputs: [binaryMarginals(u, m, opts).marginals],
      vjp: ([g]) => [binaryVjp(u, m, g, opts)],
    };
  },
};

/** σ(u / temperature) for utilities u [batch, m]; differentiable with the exact VJP. */
export function relaxedBinary(u: tf.Tensor, options: RelaxedBinaryOptions): tf.Tensor {
  return runRelaxed(binary, [u], options)[0];
}

/** 1 where u > 0, else 0 (float32), for utilities u [batch, m]. */
export function hardBinary(u: tf.Tensor, options?: HardBinaryOptions): tf.Tensor {
  return runHard(binary, [u], options)[0];
}
