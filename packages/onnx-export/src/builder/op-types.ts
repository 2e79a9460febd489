// The types an operator rule works on (kept apart from ops.ts so that the rule files it gathers,
// e.g. ops-sequence.ts, do not import the file that imports them).
import type { DType } from './dtype.js';
import type { Shape } from './shape.js';

export interface ValueType {
  readonly dtype: DType;
  readonly shape: Shape;
}

export type Attribute =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'ints'; readonly value: readonly number[] }
  | { readonly type: 'string'; readonly value: string };

export interface OpContext {
  /** The node, for messages ("MatMul node 'mlp1/fc1'"). */
  readonly what: string;
  readonly attributes: Readonly<Record<string, Attribute>>;
  /** Integer values of input `i` when it is a constant (an initializer), else undefined. */
  constant(i: number): readonly number[] | undefined;
}

export interface OpRule {
  readonly inputs: number;
  readonly attributes: Readonly<Record<string, Attribute['type']>>;
  infer(inputs: readonly ValueType[], context: OpContext): ValueType;
}
