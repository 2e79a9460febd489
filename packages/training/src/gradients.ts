// One step's gradients, positionally aligned with the trainable variables. tfjs optimizers keep
// per-variable state by position in what applyGradients receives; `variableGrads` omits variables
// the loss did not reach, which would shift every later variable onto another's moments. Passing
// an array with a null gradient instead makes the optimizer skip that variable (as PyTorch does).
import * as tf from '@tensorflow/tfjs-core';

/** tfjs's NamedTensor (not exported from the package root). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

export interface StepGradients {
  readonly loss: tf.Scalar;
  /** One entry per trainable variable, in order; `tensor` is null when the loss did not reach it. */
  readonly gradients: NamedTensor[];
}

/** What a model's own `lossAndGradients` returns (grads keyed by tfjs variable name). */
export interface ValueAndGrads {
  value: tf.Scalar;
  grads: Record<string, tf.Tensor>;
}

/**
 * Runs `loss` under the gradient tape — or, when given, `custom` (the model's own
 * lossAndGradients) — and aligns the gradients with `trainable`; the caller disposes `loss` and
 * the gradients.
 */
export function computeGradients(
  loss: () => tf.Tensor,
  trainable: readonly tf.Variable[],
  clipNorm: number | null,
  custom?: () => ValueAndGrads,
): StepGradients {
  const scalarLoss = (): tf.Scalar => {
    const value = loss();
    if (value?.rank !== 0) {
      const shape = Array.isArray(value?.shape)
        ? `a tensor of shape [${value.shape.join(', ')}]`
        : String(value);
      throw new TypeError(`train: model.loss must return a scalar (rank-0) tensor, got ${shape}`);
    }
    return value as tf.Scalar;
  };
  const { value, grads } =
    custom === undefined ? tf.variableGrads(scalarLoss, [...trainable]) : checked(custom());
  const gradients = trainable.map((variable) => ({
    name: variable.name,
    tensor: grads[variable.name] ?? (null as unknown as tf.Tensor),
  }));
  // A custom result may name variables that are not trainable here: they are not applied.
  const used = new Set(trainable.map((variable) => variable.name));
  for (const [name, tensor] of Object.entries(grads)) if (!used.has(name)) tensor.dispose();
  if (clipNorm !== null) clipByGlobalNorm(gradients, clipNorm);
  return { loss: value, gradients };
}

function checked(result: ValueAndGrads): ValueAndGrads {
  if (result?.value?.rank !== 0 || typeof result.grads !== 'object' || result.grads === null) {
    tf.dispose([result?.value, ...Object.values(result?.grads ?? {})].filter((t) => t != null));
    throw new TypeError('train: model.lossAndGradients must return { value: a scalar, grads }');
  }
  return result;
}

/**
 * Scales all gradients by min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the L2 norm of every gradient
 * together — PyTorch's clip_grad_norm_ — replacing the tensors in place (the old ones disposed).
 */
export function clipByGlobalNorm(gradients: NamedTensor[], maxNorm: number): void {
  const present = gradients.filter((entry) => entry.tensor != null);
  if (present.length === 0) return;
  const clipped = tf.tidy(() => {
    const squares = present.map((entry) => tf.sum(tf.square(entry.tensor)));
    const norm = tf.sqrt(squares.length === 1 ? squares[0] : tf.addN(squares));
    const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
    return present.map((entry) => tf.mul(entry.tensor, scale));
  });
  present.forEach((entry, i) => {
    entry.tensor.dispose();
    entry.tensor = clipped[i];
  });
}
