// The score-function (REINFORCE) estimator for E_{U~Gumbel(θ)}[f(argmax(U))]: its gradient is
// E[f · ∇θ log p(U; θ)], estimated by (f − b) ∇θ log p(U; θ) on sampled U. It needs only the
// loss of the hard sample (no relaxation), is unbiased, and has high variance: the baseline b
// is the usual remedy.
import * as tf from '@tensorflow/tfjs-core';
import { readFloat64 } from '../relaxations/operands.js';
import { leaveOneOutBaseline } from './baselines.js';
import { gumbelLogDensity, logisticLogDensity } from './gumbel-log-density.js';
import { stopGradient } from './stop-gradient.js';
import { checkObject, checkTensor, show } from './validate.js';

/** 'none', 'leave-one-out' (needs S ≥ 2 samples), or a value: a number (e.g. a
 * MovingAverageBaseline's `value`) or a tensor broadcastable to the losses. */
const OP = 'scoreFunctionSurrogate';

export type ScoreFunctionBaseline = 'none' | 'leave-one-out' | number | tf.Tensor;

export interface ScoreFunctionOptions {
  /** θ, [batch, d]. */
  logits: tf.Tensor;
  /** U = θ + G of the samples, [S, batch, d] (or [batch, d] for one sample). Held fixed. */
  utilities: tf.Tensor;
  /** loss of each hard sample argmax(U), [S, batch] (or [batch]). Held fixed. */
  losses: tf.Tensor;
  /** Default 'none'. */
  baseline?: ScoreFunctionBaseline;
  /**
   * The noise that made U = θ + noise: 'gumbel' (default; every structure but binary) or
   * 'logistic' (BinaryDistribution). The wrong one biases the estimate.
   */
  noise?: 'gumbel' | 'logistic';
}

/**
 * A scalar surrogate whose gradient in `logits` is the REINFORCE estimate of
 * ∇θ mean_i E[f_i], averaged over the S samples:
 *   surrogate = mean_{s,i} (f[s,i] − b[s,i]) · log p(U[s,i]; θ_i),
 * with f, b and U held constant. Its value is not the loss: add it to the loss you optimise
 * (its value is meaningless, only its gradient matters) and report the losses themselves.
 */
export function scoreFunctionSurrogate(options: ScoreFunctionOptions): tf.Tensor {
  const o = checkObject(OP, 'options', options);
  const logits = checkTensor(OP, 'logits', o.logits, [2]);
  const utilities = checkTensor(OP, 'utilities', o.utilities, [2, 3]);
  const losses = checkTensor(OP, 'losses', o.losses, [1, 2]);
  const sampled = utilities.rank === 3;
  const [batch, d] = logits.shape;
  const expectedU = sampled ? [utilities.shape[0], batch, d] : [batch, d];
  if (utilities.shape.join() !== expectedU.join())
    throw new RangeError(
      `${OP}: utilities must have shape [${sampled ? 'S, ' : ''}${batch}, ${d}] to match logits, got [${utilities.shape.join(', ')}]`,
    );
  const expectedF = expectedU.slice(0, -1);
  if (losses.shape.join() !== expectedF.join())
    throw new RangeError(
      `${OP}: losses must have shape [${expectedF.join(', ')}] (one per sample), got [${losses.shape.join(', ')}]`,
    );
  const noise = o.noise === undefined ? 'gumbel' : o.noise;
  if (noise !== 'gumbel' && noise !== 'logistic')
    throw new RangeError(`${OP}: noise must be 'gumbel' or 'logistic', got ${show(noise)}`);
  for (const [name, tensor] of [
    ['logits', logits],
    ['utilities', utilities],
    ['losses', losses],
  ] as const) {
    readFloat64(OP, name, tensor, tensor.shape[tensor.rank - 1] ?? 1);
  }
  const baseline = o.baseline === undefined ? 'none' : o.baseline;
  if (baseline === 'leave-one-out' && (!sampled || utilities.shape[0] < 2))
    throw new RangeError(
      `${OP}: baseline "leave-one-out" needs utilities [S, batch, d] and losses [S, batch] with S ≥ 2`,
    );
  if (
    baseline !== 'none' &&
    baseline !== 'leave-one-out' &&
    typeof baseline !== 'number' &&
    !(baseline instanceof tf.Tensor)
  )
    throw new TypeError(
      `${OP}: baseline must be 'none', 'leave-one-out', a number or a tf.Tensor, got ${show(baseline)}`,
    );
  if (typeof baseline === 'number' && !Number.isFinite(baseline))
    throw new RangeError(`${OP}: baseline must be finite, got ${baseline}`);
  if (baseline instanceof tf.Tensor) {
    readFloat64(OP, 'baseline', baseline, baseline.shape[baseline.rank - 1] ?? 1);
    // Right-aligned broadcasting to the losses' shape: each axis equal or 1.
    const fits =
      baseline.rank <= losses.rank &&
      baseline.shape.every((size: number, i: number) => {
        const target = losses.shape[losses.rank - baseline.rank + i];
        return size === target || size === 1;
      });
    if (!fits)
      throw new RangeError(
        `${OP}: baseline must broadcast to the losses' shape [${losses.shape.join(', ')}], got [${baseline.shape.join(', ')}]`,
      );
  }

  return tf.tidy(() => {
    const f = stopGradient(losses);
    let advantage: tf.Tensor;
    if (baseline === 'none') advantage = f;
    else if (baseline === 'leave-one-out') advantage = tf.sub(f, leaveOneOutBaseline(f));
    else advantage = tf.sub(f, stopGradient(tf.broadcastTo(baseline, f.shape)));
    const logDensity = noise === 'gumbel' ? gumbelLogDensity : logisticLogDensity;
    return tf.mean(tf.mul(stopGradient(advantage), logDensity(utilities, logits)));
  });
}
