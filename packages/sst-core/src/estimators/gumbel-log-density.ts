// The noise densities of the utilities, the "log p(U)" of the score-function estimator.
// Per coordinate, with z = U − θ: Gumbel(θ, 1): log p = −z − e^{−z}, so ∂ log p/∂θ = 1 − e^{−z};
// Logistic(θ, 1) (independent binary variables): log p = −z − 2 log(1 + e^{−z}), so
// ∂ log p/∂θ = 1 − 2σ(−z) = tanh(z/2).
// The estimator differentiates log p(U; θ) in θ with U held fixed (U is the sample), hence the
// stopGradient on U: a U built as θ + G must not carry θ's gradient in here.
import * as tf from '@tensorflow/tfjs-core';
import { stopGradient } from './stop-gradient.js';
import { checkTensor } from './validate.js';

function checkPair(op: string, utilities: unknown, logits: unknown): [tf.Tensor, tf.Tensor] {
  const u = checkTensor(op, 'utilities', utilities, [1, 2, 3]);
  const t = checkTensor(op, 'logits', logits, [1, 2, 3]);
  const d = u.shape[u.rank - 1];
  if (t.shape[t.rank - 1] !== d || t.rank > u.rank)
    throw new RangeError(
      `${op}: logits must broadcast to utilities' shape [${u.shape.join(', ')}], got [${t.shape.join(', ')}]`,
    );
  // Remaining leading axes must be equal or 1 (right-aligned broadcasting).
  for (let i = 1; i < t.rank; i++) {
    const a = t.shape[t.rank - 1 - i];
    const b = u.shape[u.rank - 1 - i];
    if (a !== b && a !== 1)
      throw new RangeError(
        `${op}: logits must broadcast to utilities' shape [${u.shape.join(', ')}], got [${t.shape.join(', ')}]`,
      );
  }
  return [u, t];
}

/**
 * log p(U; θ) of independent Gumbel(θ_i, 1) coordinates, summed over the last axis: shape
 * utilities.shape without its last axis. Differentiable in `logits` only.
 */
export function gumbelLogDensity(utilities: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  const [u, theta] = checkPair('gumbelLogDensity', utilities, logits);
  return tf.tidy(() => {
    const z = tf.sub(stopGradient(u), theta);
    return tf.sum(tf.neg(tf.add(z, tf.exp(tf.neg(z)))), -1);
  });
}

/** The score ∂ log p(U; θ)/∂θ = 1 − e^{−(U − θ)}, elementwise (shape of utilities). */
export function gumbelScore(utilities: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  const [u, theta] = checkPair('gumbelScore', utilities, logits);
  return tf.tidy(() => tf.sub(1, tf.exp(tf.neg(tf.sub(u, theta)))));
}

/**
 * log p(U; θ) of independent Logistic(θ_i, 1) coordinates (the noise of BinaryDistribution),
 * summed over the last axis. Differentiable in `logits` only.
 */
export function logisticLogDensity(utilities: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  const [u, theta] = checkPair('logisticLogDensity', utilities, logits);
  return tf.tidy(() => {
    const z = tf.sub(stopGradient(u), theta);
    // −z − 2·softplus(−z), with softplus evaluated stably by tfjs.
    return tf.sum(tf.neg(tf.add(z, tf.mul(2, tf.softplus(tf.neg(z))))), -1);
  });
}
