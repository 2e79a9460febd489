// One step's loss and gradients over slices (micro-batches) of the batch, for any model that
// splits its loss into a head that couples the items (batch norm) and a tail that does not
// (model.ts, SlicedLoss). Exact, because the head always sees the whole batch:
//   A. the head without a tape → its per-item outputs (running statistics it moves are put back,
//      the generator is left where the head leaves it);
//   B. per slice of items, one tape over the tail with that slice of the outputs as an input: the
//      slice's loss (normalised by the whole batch, so the slices add up), the gradients of the
//      variables it reaches (summed over slices) and d loss / d outputs;
//   C. one tape over the head, re-run from the same generator state: the surrogate
//      Σ outputs · d outputs + head loss has the head's variables' gradients of the whole loss
//      (the chain rule through the outputs, whatever path they take), and this run moves the
//      running statistics, once per step.
// Without a head, B alone is plain micro-batching. Memory: one slice's tail on the tape at a
// time, plus the head's outputs; cost: the head runs twice.
import type { RandomGeneratorState } from '@sst-tricks/sst-core';
import * as tf from '@tensorflow/tfjs-core';
import type { ValueAndGrads } from '../gradients.js';
import type { ItemSlice, SlicedLoss, StepContext } from '../model.js';
import { itemRanges } from '../parallel/item-ranges.js';
import { ShardedGenerator } from '../parallel/sharded-generator.js';
import { joinItemRows, sliceItemRows } from './item-rows.js';

export interface SlicingOptions {
  /** Slices per step (≥ 1; a batch of fewer items gets one slice per item). */
  readonly slices: number;
  /** The non-trainable variables (running statistics) the head may move: restored after pass A. */
  readonly statistics: readonly tf.Variable[];
}

interface HeadOutputs {
  readonly tensors: tf.Tensor[];
  readonly leads: number[];
  readonly loss: number;
}

const W = 'slicedLossAndGradients';

/**
 * The loss and gradients `slicing` describes, computed in `options.slices` slices: the same (up
 * to float rounding) as one tape over head + tail of the whole batch, with the same noise drawn.
 * `grads` is keyed by tfjs variable name (a variable nothing reached is left out); the caller
 * disposes `value` and `grads`.
 */
export function slicedLossAndGradients<Batch>(
  slicing: SlicedLoss<Batch>,
  batch: Batch,
  context: StepContext,
  trainable: readonly tf.Variable[],
  options: SlicingOptions,
): ValueAndGrads {
  const total = slicing.items(batch);
  if (!Number.isSafeInteger(total) || total < 1) {
    throw new RangeError(`${W}: slicing.items(batch) must be a positive integer, got ${total}`);
  }
  const { generator } = context;
  const start = generator.getState();
  const head = slicing.head?.bind(slicing);

  // A. The head's outputs, no tape; its running statistics put back.
  let outputs: HeadOutputs = { tensors: [], leads: [], loss: 0 };
  if (head !== undefined) {
    const saved = options.statistics.map((variable) => tf.clone(variable));
    try {
      let leads: number[] = [];
      const tensors = tf.tidy(() => {
        const result = checkHead(head(batch, context), total);
        leads = result.leads;
        return result.tensors;
      });
      outputs = { tensors, leads, loss: 0 };
    } finally {
      options.statistics.forEach((variable, i) => {
        variable.assign(saved[i]);
      });
      tf.dispose(saved);
    }
  }
  const afterHead = generator.getState();

  // B. The tail, slice by slice.
  const sums: Array<tf.Tensor | null> = trainable.map(() => null);
  const dOutputs: tf.Tensor[][] = outputs.tensors.map(() => []);
  let tailLoss = 0;
  let afterTail: RandomGeneratorState | null = null;
  try {
    for (const [first, count] of itemRanges(total, options.slices)) {
      generator.setState(afterHead);
      const slice: ItemSlice = {
        start: first,
        count,
        total,
        generator: (lead = 1) =>
          new ShardedGenerator(generator, { start: first, count, total }, lead),
      };
      const inputs = outputs.tensors.map((x, j) =>
        sliceItemRows(x, outputs.leads[j], total, first, count),
      );
      try {
        const { value, grads } = tf
          .engine()
          .gradients(
            () => scalar(slicing.tail(batch, inputs, slice, context), 'slicing.tail'),
            [...trainable, ...inputs],
            undefined,
            true,
          );
        tailLoss += value.dataSync()[0];
        value.dispose();
        trainable.forEach((_, i) => {
          sums[i] = accumulate(sums[i], grads[i]);
        });
        inputs.forEach((x, j) => {
          dOutputs[j].push(grads[trainable.length + j] ?? tf.zerosLike(x));
        });
      } finally {
        tf.dispose(inputs);
      }
      const state = generator.getState();
      if (afterTail !== null && JSON.stringify(state) !== JSON.stringify(afterTail)) {
        throw new RangeError(
          `${W}: the slices left the generator in different states (slicing.tail must draw its noise through slice.generator(…), whole items at a time)`,
        );
      }
      afterTail = state;
    }
  } catch (error) {
    tf.dispose([...sums.filter((g) => g !== null), ...dOutputs.flat()]);
    throw error;
  } finally {
    tf.dispose(outputs.tensors);
  }

  // C. The head again, same noise, through the surrogate Σ outputs · d outputs + head loss.
  let headLoss = 0;
  if (head !== undefined) {
    const upstream = dOutputs.map((parts, j) =>
      joinItemRows(parts, outputs.leads[j], [...outputs.tensors[j].shape]),
    );
    tf.dispose(dOutputs.flat());
    try {
      generator.setState(start);
      const { value, grads } = tf.engine().gradients(
        () => {
          const result = checkHead(head(batch, context), total);
          if (result.tensors.length !== upstream.length) {
            throw new RangeError(
              `${W}: slicing.head returned ${result.tensors.length} outputs on its second run but ${upstream.length} on its first`,
            );
          }
          let surrogate: tf.Tensor | null = null;
          result.tensors.forEach((x, j) => {
            const term = tf.sum(tf.mul(x, upstream[j]));
            surrogate = surrogate === null ? term : tf.add(surrogate, term);
          });
          if (result.loss === undefined) return surrogate ?? tf.scalar(0);
          headLoss = result.loss.dataSync()[0];
          return surrogate === null ? result.loss : tf.add(surrogate, result.loss);
        },
        [...trainable],
        undefined,
        true,
      );
      value.dispose();
      trainable.forEach((_, i) => {
        sums[i] = accumulate(sums[i], grads[i]);
      });
    } catch (error) {
      tf.dispose(sums.filter((g) => g !== null));
      throw error;
    } finally {
      tf.dispose(upstream);
    }
  }
  if (afterTail !== null) generator.setState(afterTail);

  const grads: Record<string, tf.Tensor> = {};
  trainable.forEach((variable, i) => {
    const g = sums[i];
    if (g !== null) grads[variable.name] = g;
  });
  return { value: tf.scalar(tailLoss + headLoss), grads };
}

/** sum + g (disposing both), or whichever exists. */
function accumulate(sum: tf.Tensor | null, g: tf.Tensor | undefined | null): tf.Tensor | null {
  if (g == null) return sum;
  if (sum === null) return g;
  const next = tf.add(sum, g);
  tf.dispose([sum, g]);
  return next;
}

function scalar(value: tf.Tensor, what: string): tf.Tensor {
  if (value?.rank !== 0) {
    const shape = Array.isArray(value?.shape) ? `shape [${value.shape.join(', ')}]` : String(value);
    throw new TypeError(`${W}: ${what} must return a scalar (rank-0) tensor, got ${shape}`);
  }
  return value;
}

function checkHead(
  result: ReturnType<NonNullable<SlicedLoss<unknown>['head']>>,
  total: number,
): { tensors: tf.Tensor[]; leads: number[]; loss: tf.Tensor | undefined } {
  if (typeof result !== 'object' || result === null || !Array.isArray(result.outputs)) {
    throw new TypeError(`${W}: slicing.head must return { loss?, outputs: ItemTensor[] }`);
  }
  const loss = result.loss === undefined ? undefined : scalar(result.loss, 'slicing.head().loss');
  const leads: number[] = [];
  const tensors = result.outputs.map(({ tensor, lead = 1 }, j) => {
    if (!Number.isSafeInteger(lead) || lead < 1) {
      throw new RangeError(
        `${W}: slicing.head().outputs[${j}].lead must be a positive integer, got ${lead}`,
      );
    }
    if (tensor?.rank < 1 || tensor.shape[0] !== lead * total) {
      throw new RangeError(
        `${W}: slicing.head().outputs[${j}] must have lead · items = ${lead * total} rows, got shape [${tensor?.shape}]`,
      );
    }
    leads.push(lead);
    return tensor;
  });
  return { tensors, leads, loss };
}
