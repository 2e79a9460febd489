// What a structure contributes (option checks, operand sizes, its float64 hard solver and
// relaxation), and the generic code that turns that into the public tensor functions: check the
// tensors, read them once into float64, run the solver, and wrap the result as a float32 tensor
// (hard) or as one differentiable float64Op (relaxed). Distributions reuse the same steps.
import type * as tf from '@tensorflow/tfjs-core';
import type { Float64Operand, Float64Vjp } from './custom-op.js';
import { float64Op } from './custom-op.js';
import type { OperandLayout, OperandSize } from './operands.js';
import { checkItemSize, checkTensor, float32Tensor, readFloat64 } from './operands.js';
import { withOpName } from './options.js';

/** A relaxation's float64 outputs and the VJP bound to that forward pass. */
export interface Relaxation {
  outputs: Float64Array[];
  vjp: Float64Vjp;
}

/** One structure (one-hot, k-subset, spanning tree, …), with its options resolved to `O`. */
export interface Structure<O> {
  /** Public names of the relaxed and hard tensor functions, used in error messages. */
  readonly relaxedName: string;
  readonly hardName: string;
  /** Operand names, in order: ['utilities'], or ['word', 'pair']. */
  readonly operands: readonly string[];
  /** Items are n×n matrices, so rank-3 [batch, n, n] tensors are accepted too. */
  readonly square: boolean;
  /** Validates the options (a temperature is required only when `relaxed`). */
  resolve(op: string, options: unknown, relaxed: boolean): O;
  /**
   * Per-item size each operand must have, given the first operand's item size (which fixes m
   * for structures sized by their input); throws naming an option that does not fit (k > m).
   */
  sizes(op: string, o: O, firstItemSize: number): OperandSize[];
  /** Checks options that depend on the batch size (arborescence lengths). */
  checkBatch?(op: string, o: O, batch: number): void;
  /**
   * 1 for entries that can be part of a structure, 0 for entries the solvers ignore (an
   * arborescence's diagonal, column 0 and padding), per item of a batch; absent = all count.
   * KL terms sum over counted entries only, so masking logits with −1e9 stays finite.
   */
  entryMask?(o: O, batch: number): Float64Array;
  /** The SMT sample: argmax over the structure, one float64 0/1 buffer per operand. */
  hard(data: readonly Float64Array[], o: O, itemSizes: readonly number[]): Float64Array[];
  /** The SST relaxation at the resolved temperature, with its exact VJP. */
  relax(data: readonly Float64Array[], o: O, itemSizes: readonly number[]): Relaxation;
}

/**
 * Checks kinds, ranks and per-item sizes of the operand tensors and that their batch sizes
 * agree; `names` overrides the operand names in messages (distributions say 'logits').
 */
export function checkOperands<O>(
  op: string,
  structure: Structure<O>,
  o: O,
  tensors: readonly unknown[],
  names: readonly string[] = structure.operands,
): OperandLayout[] {
  const layouts = names.map((name, i) => checkTensor(op, name, tensors[i], structure.square));
  const sizes = structure.sizes(op, o, layouts[0].itemSize);
  layouts.forEach((layout, i) => {
    checkItemSize(op, names[i], layout, sizes[i]);
    if (layout.batch !== layouts[0].batch) {
      throw new RangeError(
        `${op}: ${names[i]} must have batch size ${layouts[0].batch} (that of ${names[0]}), got ${layout.batch}`,
      );
    }
  });
  structure.checkBatch?.(op, o, layouts[0].batch);
  return layouts;
}

/** Reads checked tensors into float64 (one dataSync each), rejecting non-finite values. */
export function readOperands(
  op: string,
  names: readonly string[],
  tensors: readonly tf.Tensor[],
  layouts: readonly OperandLayout[],
): Float64Operand[] {
  return tensors.map((tensor, i) => ({
    tensor,
    layout: layouts[i],
    data: readFloat64(op, names[i], tensor, layouts[i].itemSize),
  }));
}

/** The hard (SMT) sample of read operands, as float32 0/1 tensors shaped like them. */
export function hardOf<O>(
  op: string,
  structure: Structure<O>,
  o: O,
  operands: readonly Float64Operand[],
): tf.Tensor[] {
  const sizes = operands.map((x) => x.layout.itemSize);
  const out = withOpName(op, () =>
    structure.hard(
      operands.map((x) => x.data),
      o,
      sizes,
    ),
  );
  return out.map((data, i) => float32Tensor(data, operands[i].layout.shape));
}

/** The relaxed (SST) sample of read operands: one differentiable op. */
export function relaxedOf<O>(
  op: string,
  structure: Structure<O>,
  o: O,
  operands: readonly Float64Operand[],
): tf.Tensor[] {
  const sizes = operands.map((x) => x.layout.itemSize);
  // The forward solver runs here, before the op exists, so a solver error leaves no half-built
  // tape node behind.
  const r = withOpName(op, () =>
    structure.relax(
      operands.map((x) => x.data),
      o,
      sizes,
    ),
  );
  return float64Op(operands, r.outputs, (g) => withOpName(op, () => r.vjp(g)));
}

/** Public relaxed op: validate options and tensors, then one differentiable op. */
export function runRelaxed<O>(
  structure: Structure<O>,
  tensors: readonly tf.Tensor[],
  options: unknown,
): tf.Tensor[] {
  const op = structure.relaxedName;
  const o = structure.resolve(op, options, true);
  const layouts = checkOperands(op, structure, o, tensors);
  return relaxedOf(op, structure, o, readOperands(op, structure.operands, tensors, layouts));
}

/** Public hard solver: validate options and tensors, then the argmax as float32 0/1 tensors. */
export function runHard<O>(
  structure: Structure<O>,
  tensors: readonly tf.Tensor[],
  options: unknown,
): tf.Tensor[] {
  const op = structure.hardName;
  const o = structure.resolve(op, options, false);
  const layouts = checkOperands(op, structure, o, tensors);
  return hardOf(op, structure, o, readOperands(op, structure.operands, tensors, layouts));
}
